using Ticketing.Domain.Tickets;

namespace Ticketing.Api.Tickets;

/// <summary>Ticket settings from configuration (<c>Ticketing:Tickets</c>): the defaults until an admin saves the settings.</summary>
public sealed class TicketOptions
{
    /// <summary>IANA id of the MSP's time zone: the date in ticket numbers is taken there (T2).</summary>
    public string MspTimeZone { get; set; } = "UTC";

    /// <summary>False turns on "ticket cannot be reopened" for portal users (T5).</summary>
    public bool PortalCanReopen { get; set; } = true;

    public List<StatusDefinition> CustomStatuses { get; set; } = [];
}
