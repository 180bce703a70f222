using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Ticketing.Api.Hosting;

/// <summary>
/// Forwarded headers (<c>X-Forwarded-For</c>, <c>X-Forwarded-Proto</c>) honoured only from the proxies listed in
/// <c>Ticketing:ForwardedHeaders:KnownProxies</c> (IP addresses or CIDR networks). With none listed no proxy is
/// trusted and the headers are ignored, so the client address that rate limits see is the connection's.
/// </summary>
public static class TrustedProxies
{
    public const string Section = "Ticketing:ForwardedHeaders:KnownProxies";

    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var entries = configuration.GetSection(Section).Get<string[]>() ?? [];
        return services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The framework trusts loopback by default; only what the configuration lists is trusted here.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            options.ForwardLimit = null;
            foreach (var entry in entries.Select(e => e.Trim()).Where(e => e.Length > 0))
            {
                if (entry.Contains('/', StringComparison.Ordinal))
                {
                    options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(entry));
                }
                else
                {
                    options.KnownProxies.Add(IPAddress.Parse(entry));
                }
            }
        });
    }

    /// <summary>
    /// Applies the forwarded headers; a request without a connection address (only in-memory test servers) is
    /// treated as untrusted rather than as a proxy.
    /// </summary>
    public static WebApplication UseTrustedProxies(this WebApplication app)
    {
        app.UseWhen(http => http.Connection.RemoteIpAddress is not null, branch => branch.UseForwardedHeaders());
        return app;
    }
}
