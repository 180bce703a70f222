namespace Ticketing.Domain.Tickets;

/// <summary>
/// T9: a recurring series' tickets show in the portal only once due within 30 days, whatever the contact's
/// rights, so customers do not see a year of future maintenance tickets. Overdue ones stay visible.
/// </summary>
public static class SeriesPortalVisibility
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(30);

    public static bool IsVisibleInPortal(this Ticket ticket, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return ticket.SeriesId is null || (ticket.Fields.DueDate is { } due && due <= now + Window);
    }
}
