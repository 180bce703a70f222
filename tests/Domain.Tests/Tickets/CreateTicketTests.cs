using Ticketing.Domain.Tickets;
using static Ticketing.Domain.Tests.Tickets.Sample;
using static Ticketing.Domain.Tests.Tickets.TicketSpec;

namespace Ticketing.Domain.Tests.Tickets;

public class CreateTicketTests
{
    private static readonly TicketNumber TheNumber = TicketNumber.Parse(Number);

    private static CreateTicket Command(TicketFields? fields = null, Actor? by = null, string? status = null) =>
        new(TicketId, TheNumber, fields ?? Fields, TicketSource.Portal, CustomerId, ContactId, null, status, null, by ?? Contact);

    [Fact]
    public void Portal_contact_opens_a_ticket_in_the_open_status() =>
        Given().When(s => TicketDecider.Decide(Command(), s, Policies, Earlier)).Then(Created());

    [Fact]
    public void Title_is_trimmed() =>
        Given().When(s => TicketDecider.Decide(Command(Fields with { Title = "  Printer jams \t" }), s, Policies, Earlier))
            .Then(Created());

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Title_is_required(string title) =>
        Given().When(s => TicketDecider.Decide(Command(Fields with { Title = title }), s, Policies, Now))
            .ThenFails(TicketErrors.TitleRequired);

    [Fact]
    public void Title_is_bounded() =>
        Given().When(s => TicketDecider.Decide(Command(Fields with { Title = new string('x', 256) }), s, Policies, Now))
            .ThenFails(TicketErrors.TitleTooLong);

    [Fact]
    public void Title_of_exactly_255_characters_is_fine() =>
        Given().When(s => TicketDecider.Decide(Command(Fields with { Title = new string('x', 255) }), s, Policies, Now))
            .Decision.ShouldNotBeNull();

    [Fact]
    public void Description_is_bounded() =>
        Given().When(s => TicketDecider.Decide(
                Command(Fields with { Description = new string('x', TicketLimits.DescriptionMaxLength + 1) }), s, Policies, Now))
            .ThenFails(TicketErrors.DescriptionTooLong);

    [Fact]
    public void Existing_ticket_cannot_be_created_again() =>
        Given(Created()).When(s => TicketDecider.Decide(Command(), s, Policies, Now)).ThenFails(TicketErrors.AlreadyExists);

    [Fact]
    public void Contact_cannot_open_a_ticket_for_someone_else() =>
        Given().When(s => TicketDecider.Decide(Command(by: Actor.Contact(OtherContactId)), s, Policies, Now))
            .ThenFails(TicketErrors.ContactMismatch);

    [Fact]
    public void Taskfire_user_cannot_open_an_msp_ticket() =>
        Given().When(s => TicketDecider.Decide(Command(by: TaskfireUser), s, Policies, Now)).ThenFails(TicketErrors.ActorForbidden);

    [Fact]
    public void A_ticket_needs_a_customer() =>
        Given().When(s => TicketDecider.Decide(Command() with { CustomerId = Guid.Empty }, s, Policies, Now))
            .ThenFails(TicketErrors.CustomerRequired);

    [Fact]
    public void Unknown_initial_status_is_refused() =>
        Given().When(s => TicketDecider.Decide(Command(status: "Nope"), s, Policies, Now)).ThenFails(TicketErrors.UnknownStatus);

    [Fact]
    public void Technician_may_open_a_ticket_in_a_custom_status_named_by_name() =>
        Given().When(s => TicketDecider.Decide(Command(by: Technician, status: "Waiting customer"), s, Policies, Earlier))
            .Then(Created("waiting-customer", StatusCategory.Pending) with { By = Technician });

    [Fact]
    public void Blank_custom_field_key_is_refused() =>
        Given().When(s => TicketDecider.Decide(
                Command(Fields with { CustomFields = new Dictionary<string, string?> { [" "] = "x" } }), s, Policies, Now))
            .ThenFails(TicketErrors.CustomFieldKeyInvalid);

    [Fact]
    public void Unfilled_custom_fields_are_not_recorded() =>
        Given().When(s => TicketDecider.Decide(
                Command(Fields with { CustomFields = new Dictionary<string, string?> { ["asset"] = "PRN-42", ["room"] = null } }),
                s, Policies, Earlier))
            .Then(Created());

    [Fact]
    public void Series_ticket_needs_a_due_date() =>
        Given().When(s => TicketDecider.Decide(Command(by: Technician) with { SeriesId = SeriesId }, s, Policies, Now))
            .ThenFails(TicketErrors.SeriesDueDateRequired);

    [Fact]
    public void Series_ticket_carries_its_series_and_due_date()
    {
        var fields = Fields with { DueDate = Now.AddDays(40) };

        Given().When(s => TicketDecider.Decide(Command(fields, Technician) with { SeriesId = SeriesId }, s, Policies, Earlier))
            .Then(Created() with { Fields = fields, SeriesId = SeriesId, By = Technician });
    }
}
