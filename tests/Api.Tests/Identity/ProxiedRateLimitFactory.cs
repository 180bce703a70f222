using System.Net;
using Alba;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Ticketing.Api.Tests.Identity;

/// <summary>
/// An identity host behind one trusted proxy (and a trusted proxy network), with tight windows per address and per
/// account that outlast any test run. The in-memory server has no connection address, so a test names the peer it
/// connects from in <see cref="PeerHeader"/>.
/// </summary>
public sealed class ProxiedRateLimitFactory : IdentityApiFactory
{
    public const string PeerHeader = "X-Test-Peer";
    public const string TrustedProxy = "10.9.0.1";
    public const string ProxyInTrustedNetwork = "10.8.3.4";
    public const int Permits = 6;
    public const int AccountPermits = 3;

    protected override int RateLimitPermits => Permits;

    protected override int AccountRateLimitPermits => AccountPermits;

    /// <summary>Makes a scenario's request come from <paramref name="peer"/>, forwarded for <paramref name="forwardedFor"/> if given.</summary>
    public static Action<Scenario> From(string peer, string? forwardedFor = null) => s =>
    {
        s.WithRequestHeader(PeerHeader, peer);
        if (forwardedFor is not null)
        {
            s.WithRequestHeader("X-Forwarded-For", forwardedFor);
        }
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Ticketing:Auth:RateLimitWindow", "01:00:00");
        builder.UseSetting("Ticketing:ForwardedHeaders:KnownProxies:0", TrustedProxy);
        builder.UseSetting("Ticketing:ForwardedHeaders:KnownProxies:1", "10.8.0.0/16");
    }

    protected override void ConfigureTestServices(IServiceCollection services) => services.AddSingleton<IStartupFilter, PeerAddressStartupFilter>();

    private sealed class PeerAddressStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, nextMiddleware) =>
            {
                if (http.Request.Headers.TryGetValue(PeerHeader, out var peer))
                {
                    http.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
                }

                return nextMiddleware(http);
            });
            next(app);
        };
    }
}
