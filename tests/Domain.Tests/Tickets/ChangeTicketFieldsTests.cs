using Ticketing.Domain.Tickets;
using static Ticketing.Domain.Tests.Tickets.Sample;
using static Ticketing.Domain.Tests.Tickets.TicketSpec;

namespace Ticketing.Domain.Tests.Tickets;

public class ChangeTicketFieldsTests
{
    private static ChangeTicketFields Change(TicketFieldChanges changes, Actor? by = null) => new(TicketId, changes, by ?? Contact);

    [Fact]
    public void Records_only_the_fields_that_differ()
    {
        var asked = new TicketFieldChanges
        {
            Title = new(" Printer jams "),
            Priority = new("critical"),
            Queue = new("service-desk"),
            Impact = new(null),
            CustomFields = new Dictionary<string, string?> { ["asset"] = "PRN-42", ["room"] = "2.14", ["gone"] = null },
        };
        var recorded = new TicketFieldChanges
        {
            Priority = new("critical"),
            CustomFields = new Dictionary<string, string?> { ["room"] = "2.14" },
        };

        Given(Created()).When(s => TicketDecider.Decide(Change(asked), s, Now))
            .Then(new TicketFieldsChanged(TicketId, recorded, Contact, Now));
    }

    [Fact]
    public void Clearing_a_field_is_recorded_as_a_change_to_null() =>
        Given(Created()).When(s => TicketDecider.Decide(Change(new() { Description = new(null) }), s, Now))
            .Then(new TicketFieldsChanged(TicketId, new() { Description = new(null) }, Contact, Now));

    [Fact]
    public void Changing_nothing_records_nothing() =>
        Given(Created()).When(s => TicketDecider.Decide(Change(new() { Priority = new("high") }), s, Now)).ThenNothing();

    [Fact]
    public void New_title_is_trimmed() =>
        Given(Created()).When(s => TicketDecider.Decide(Change(new() { Title = new("  Toner empty ") }), s, Now))
            .Then(new TicketFieldsChanged(TicketId, new() { Title = new("Toner empty") }, Contact, Now));

    [Fact]
    public void Title_cannot_be_blanked() =>
        Given(Created()).When(s => TicketDecider.Decide(Change(new() { Title = new(" ") }), s, Now))
            .ThenFails(TicketErrors.TitleRequired);

    [Fact]
    public void Title_stays_bounded() =>
        Given(Created()).When(s => TicketDecider.Decide(Change(new() { Title = new(new string('x', 256)) }), s, Now))
            .ThenFails(TicketErrors.TitleTooLong);

    [Fact]
    public void Description_stays_bounded() =>
        Given(Created()).When(s => TicketDecider.Decide(
                Change(new() { Description = new(new string('x', TicketLimits.DescriptionMaxLength + 1)) }), s, Now))
            .ThenFails(TicketErrors.DescriptionTooLong);

    [Fact]
    public void Billed_ticket_refuses_portal_field_changes() =>
        Given(Created(), Billed()).When(s => TicketDecider.Decide(Change(new() { Priority = new("low") }), s, Now))
            .ThenFails(TicketErrors.BilledLocked);

    [Fact]
    public void Billed_ticket_refuses_technician_field_changes_too() =>
        Given(Created(), Billed()).When(s => TicketDecider.Decide(Change(new() { WorkType = new("remote") }, Technician), s, Now))
            .ThenFails(TicketErrors.BilledLocked);

    [Fact]
    public void Series_ticket_cannot_lose_its_due_date()
    {
        var series = Created() with { SeriesId = SeriesId, Fields = Fields with { DueDate = Now } };

        Given(series).When(s => TicketDecider.Decide(Change(new() { DueDate = new(null) }, Technician), s, Now))
            .ThenFails(TicketErrors.SeriesDueDateRequired);
    }

    [Fact]
    public void Deleted_ticket_refuses_field_changes() =>
        Given(Created(), Deleted()).When(s => TicketDecider.Decide(Change(new() { Priority = new("low") }), s, Now))
            .ThenFails(TicketErrors.Deleted);

    [Fact]
    public void Missing_ticket_cannot_be_changed() =>
        Given().When(s => TicketDecider.Decide(Change(new() { Priority = new("low") }), s, Now))
            .ThenFails(TicketErrors.NotFound);
}
