using System.Text.Json;
using Ticketing.Domain.Tickets;
using static Ticketing.Domain.Tests.Tickets.Sample;

namespace Ticketing.Domain.Tests.Tickets;

/// <summary>Events are stored as JSON, so every one must survive System.Text.Json unchanged.</summary>
public class EventSerializationTests
{
    public static TheoryData<TicketEvent> Events() =>
    [
        Created(),
        Resolved(),
        new ReplyPosted(TicketId, ReplyId, Contact, "Still jams", ReplyVisibility.Public, true, [Attachment], CopyId, Now),
        new TicketFieldsChanged(TicketId, new() { Title = new("New"), Description = new(null), DueDate = new(Now),
            CustomFields = new Dictionary<string, string?> { ["room"] = null } }, Technician, Now),
        new TechnicianAssigned(TicketId, null, Technician, Now),
        Billed(),
        Deleted(),
        AssignedToTaskfire(),
        CopyCreated(),
        new TaskfireWorkCompleted(CopyId, ReplyId, "Done", "resolved", StatusCategory.Resolved, Technician, Now),
        new TaskfireQuestionAsked(CopyId, ReplyId, "Which tray?", ResourceId, Technician, Now),
        new SharedCopyDeleted(CopyId, TicketId, ResourceId, Technician, Now),
        new TaskfireResourceChanged(CopyId, ResourceId, TicketId, Technician, Now),
        new TaskfireTicketOpened(CopyId, Number, Fields, "open", StatusCategory.Open, CustomerId, ResourceId, Actor.TaskfireUser(ResourceId), Now),
        new TaskfireTicketSubmitted(CopyId, TicketId, ResourceId, "Over to you", Actor.TaskfireUser(ResourceId), Now),
    ];

    [Theory]
    [MemberData(nameof(Events))]
    public void Event_round_trips_through_json(TicketEvent e)
    {
        var json = JsonSerializer.Serialize(e, e.GetType());

        var back = (TicketEvent)JsonSerializer.Deserialize(json, e.GetType())!;

        JsonSerializer.Serialize(back, back.GetType()).ShouldBe(json);
        var start = Ticket.Fold([Created()]);
        JsonSerializer.Serialize(Ticket.Evolve(start, back)).ShouldBe(JsonSerializer.Serialize(Ticket.Evolve(start, e)));
    }

    [Fact]
    public void Every_event_type_is_covered() =>
        Events().Cast<object[]>().Select(row => row[0].GetType()).Distinct().Count()
            .ShouldBe(typeof(TicketEvent).Assembly.GetTypes().Count(t => t.IsSubclassOf(typeof(TicketEvent))));
}
