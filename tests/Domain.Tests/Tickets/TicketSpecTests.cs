using Ticketing.Domain.Tickets;
using static Ticketing.Domain.Tests.Tickets.Sample;
using static Ticketing.Domain.Tests.Tickets.TicketSpec;

namespace Ticketing.Domain.Tests.Tickets;

/// <summary>The helper must fail on the differences the other tests rely on it to catch.</summary>
public class TicketSpecTests
{
    [Fact]
    public void Then_catches_a_difference_inside_a_nested_dictionary()
    {
        var other = Fields with { CustomFields = new Dictionary<string, string?> { ["asset"] = "PRN-43" } };

        Should.Throw<ShouldAssertException>(() =>
            Given().When(_ => (IReadOnlyList<TicketEvent>)[Created()]).Then(Created() with { Fields = other }));
    }

    [Fact]
    public void Then_catches_a_difference_inside_an_attachment_list()
    {
        var reply = new ReplyPosted(TicketId, ReplyId, Contact, "x", ReplyVisibility.Public, false, [Attachment], null, Now);

        Should.Throw<ShouldAssertException>(() =>
            Given().When(_ => (IReadOnlyList<TicketEvent>)[reply]).Then(reply with { Attachments = [Attachment with { Size = 1 }] }));
    }

    [Fact]
    public void ThenFails_catches_a_different_code() =>
        Should.Throw<ShouldAssertException>(() =>
            Given(Created(), Deleted()).When(s => TicketDecider.Decide(new BillTicket(TicketId, Technician), s, Now))
                .ThenFails(TicketErrors.AlreadyBilled));

    [Fact]
    public void Then_catches_an_unexpected_violation() =>
        Should.Throw<ShouldAssertException>(() =>
            Given(Created(), Deleted()).When(s => TicketDecider.Decide(new BillTicket(TicketId, Technician), s, Now))
                .Then(new TicketBilled(TicketId, Technician, Now)));
}
