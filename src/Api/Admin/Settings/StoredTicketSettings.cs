using Microsoft.Extensions.Options;
using Npgsql;
using Ticketing.Api.Portal.Settings;
using Ticketing.Api.Tickets;
using Ticketing.Application.Admin.Settings;
using Ticketing.Application.Tickets;
using Ticketing.Domain.Tickets;

namespace Ticketing.Api.Admin.Settings;

/// <summary>
/// <see cref="ITicketSettings"/> from the versioned settings store (custom statuses from <c>catalogues</c>, reopen
/// policy and time zone from <c>portal</c>), read per call so every node applies a change at once.
/// </summary>
public sealed class StoredTicketSettings(
    NpgsqlDataSource dataSource, IOptionsMonitor<PortalOptions> portal, IOptionsMonitor<TicketOptions> tickets, IConfiguration configuration)
    : ITicketSettings
{
    private readonly CurrentSettings current = new(dataSource, new SettingsDefaults(portal, tickets, configuration));

    public async ValueTask<TicketPolicies> PoliciesAsync(CancellationToken ct)
    {
        var snapshot = await current.LoadAsync(ct);
        return new TicketPolicies(Statuses(snapshot.Catalogues), new ReopenPolicy(snapshot.Portal.PortalCanReopen));
    }

    public async ValueTask<TimeZoneInfo> MspTimeZoneAsync(CancellationToken ct) =>
        TimeZoneInfo.FindSystemTimeZoneById((await current.LoadAsync(ct)).Portal.MspTimeZone);

    public static StatusCatalogue Statuses(CataloguesSection catalogues) => new(catalogues.CustomStatuses);
}
