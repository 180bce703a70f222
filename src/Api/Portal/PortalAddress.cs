using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Ticketing.Api.Portal;

/// <summary>
/// The portal's absolute address for mails (A1) when the admin has not saved one: <c>Ticketing:Portal:Url</c>, else this
/// node's own address with <c>/portal</c> when it names a host (so <c>dotnet run</c>'s welcome mail links to
/// <c>http://localhost:5000/portal</c>), else none. Never the request's Host header, which a client chooses.
/// </summary>
public sealed class PortalAddress(IServer server, IConfiguration configuration)
{
    public string? Fallback() => configuration["Ticketing:Portal:Url"] is { Length: > 0 } configured ? configured : Own();

    /// <summary>This node's portal: its first named https address, else its first named http address; null when it listens on no named host.</summary>
    public string? Own()
    {
        var named = (server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
            .Select(address => Uri.TryCreate(address, UriKind.Absolute, out var uri) ? uri : null)
            .OfType<Uri>()
            .Where(uri => uri.Scheme is "http" or "https" && !IsWildcard(uri.Host))
            .OrderBy(uri => uri.Scheme == "https" ? 0 : 1)
            .FirstOrDefault();
        return named is null ? null : $"{named.GetLeftPart(UriPartial.Authority)}{Web.PortalWebServices.BasePath}";
    }

    // Listening on every interface says nothing of the name customers reach the node by.
    private static bool IsWildcard(string host) => host is "+" or "*" or "0.0.0.0" or "[::]" or "::";
}
