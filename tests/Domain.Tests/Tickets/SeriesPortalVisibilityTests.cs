using Ticketing.Domain.Tickets;
using static Ticketing.Domain.Tests.Tickets.Sample;

namespace Ticketing.Domain.Tests.Tickets;

public class SeriesPortalVisibilityTests
{
    private static Ticket SeriesTicketDue(DateTimeOffset due) =>
        Ticket.Fold([Created() with { SeriesId = SeriesId, Fields = Fields with { DueDate = due } }]);

    [Fact]
    public void Ticket_outside_a_series_is_always_visible() =>
        Ticket.Fold([Created()]).IsVisibleInPortal(Now).ShouldBeTrue();

    [Fact]
    public void Series_ticket_due_within_30_days_is_visible() =>
        SeriesTicketDue(Now.AddDays(30)).IsVisibleInPortal(Now).ShouldBeTrue();

    [Fact]
    public void Series_ticket_due_later_is_hidden() =>
        SeriesTicketDue(Now.AddDays(30).AddMinutes(1)).IsVisibleInPortal(Now).ShouldBeFalse();

    [Fact]
    public void Overdue_series_ticket_stays_visible() =>
        SeriesTicketDue(Now.AddDays(-3)).IsVisibleInPortal(Now).ShouldBeTrue();
}
