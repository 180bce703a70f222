using Microsoft.Extensions.Options;
using Ticketing.Application.Tickets;
using Ticketing.Domain.Tickets;

namespace Ticketing.Api.Tickets;

/// <summary>Ticket settings from configuration (<c>Ticketing:Tickets</c>) until the admin API makes them editable.</summary>
public sealed class TicketOptions
{
    /// <summary>IANA id of the MSP's time zone: the date in ticket numbers is taken there (T2).</summary>
    public string MspTimeZone { get; set; } = "UTC";

    /// <summary>False turns on "ticket cannot be reopened" for portal users (T5).</summary>
    public bool PortalCanReopen { get; set; } = true;

    public List<StatusDefinition> CustomStatuses { get; set; } = [];
}

public sealed class ConfiguredTicketSettings(IOptionsMonitor<TicketOptions> options) : ITicketSettings
{
    public ValueTask<TicketPolicies> PoliciesAsync(CancellationToken ct)
    {
        var current = options.CurrentValue;
        return ValueTask.FromResult(new TicketPolicies(new StatusCatalogue(current.CustomStatuses), new ReopenPolicy(current.PortalCanReopen)));
    }

    public ValueTask<TimeZoneInfo> MspTimeZoneAsync(CancellationToken ct) =>
        ValueTask.FromResult(TimeZoneInfo.FindSystemTimeZoneById(options.CurrentValue.MspTimeZone));
}
