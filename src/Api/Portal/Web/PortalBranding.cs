using Ticketing.Api.Admin.Settings;

namespace Ticketing.Api.Portal.Web;

/// <summary>The MSP's name, logo and accent colour as the portal settings hold them (A1), once per request.</summary>
public sealed class PortalBranding(CurrentSettings settings)
{
    public const string DefaultAccent = "#1f5fae";

    private Brand? _current;

    public sealed record Brand(string? Name, string? LogoUrl, string Accent);

    public async Task<Brand> CurrentAsync(CancellationToken ct)
    {
        if (_current is not null)
        {
            return _current;
        }

        var portal = (await settings.LoadAsync(ct)).Portal;
        return _current = new Brand(
            string.IsNullOrWhiteSpace(portal.MspName) ? null : portal.MspName,
            string.IsNullOrWhiteSpace(portal.LogoUrl) ? null : portal.LogoUrl,
            portal.AccentColour ?? DefaultAccent);
    }
}
