using Ticketing.Api.Admin.Settings;

namespace Ticketing.Api.Portal.Web;

/// <summary>
/// The MSP's name, logo and accent colour as the portal settings hold them (A1), once per request: from the settings the
/// request's <see cref="PortalContext"/> read already when a signed-in page resolved one (no read of its own), else
/// (sign-in, forgot and reset password, the theme style sheet) one settings read.
/// </summary>
public sealed class PortalBranding(CurrentSettings settings, IHttpContextAccessor http)
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

        var (name, logo, accent) = http.HttpContext is { } request && PortalContexts.Resolved(request)?.Settings.Brand is { } resolved
            ? (resolved.MspName, resolved.LogoUrl, resolved.AccentColour)
            : await ReadAsync(ct);
        return _current = new Brand(
            string.IsNullOrWhiteSpace(name) ? null : name,
            string.IsNullOrWhiteSpace(logo) ? null : logo,
            accent ?? DefaultAccent);
    }

    private async Task<(string? Name, string? Logo, string? Accent)> ReadAsync(CancellationToken ct)
    {
        var portal = (await settings.LoadAsync(ct)).Portal;
        return (portal.MspName, portal.LogoUrl, portal.AccentColour);
    }
}
