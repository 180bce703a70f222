using System.Text.Json;
using Ticketing.Domain.Tickets;
using Ticketing.EventStore.Serialization;
using Ticketing.Projections.Tickets;

namespace Ticketing.Projections.Tests;

public sealed class TicketEventJsonTests
{
    private static readonly Guid Id = Guid.CreateVersion7();
    private static readonly Guid Other = Guid.CreateVersion7();
    private static readonly DateTimeOffset At = new(2026, 3, 1, 9, 30, 15, 123, TimeSpan.FromHours(1));

    private static readonly TicketFields Fields = new(
        "Title", "Desc", "P1", "High", "Incident", "Laptops", "Support", "Hardware", "Remote", At.AddDays(3),
        new Dictionary<string, string?> { ["asset"] = "A-1", ["room"] = "3.14" });

    public static TheoryData<TicketEvent, string> Events() => new()
    {
        { new TicketCreated(Id, "T20260301.0001", Fields, "open", StatusCategory.Open, TicketSource.Portal, Other, Other, null, Other, Facts.Tech, At), "ticket.created" },
        { new TicketStatusChanged(Id, "open", "waiting", StatusCategory.Pending, Facts.Tech, At), "ticket.status_changed" },
        { new ReplyPosted(Id, Other, Actor.Contact(Other), "Hi", ReplyVisibility.Internal, true, [Facts.Attachment(), Facts.Attachment("b.png")], Other, At), "ticket.reply_posted" },
        { new TicketFieldsChanged(Id, Changes(), Facts.Tech, At), "ticket.fields_changed" },
        { new TechnicianAssigned(Id, null, Facts.Tech, At), "ticket.technician_assigned" },
        { new TicketBilled(Id, Facts.Tech, At), "ticket.billed" },
        { new TicketAssignedToTaskfire(Id, Other, "TF queue", Other, "Please check", Facts.Tech, At), "ticket.assigned_to_taskfire" },
        { new TaskfireCopyCreated(Id, Other, "T20260301.0001", Fields, "open", StatusCategory.Open, Other, null, "TF queue", Other, "Note", Facts.Tech, At), "ticket.taskfire_copy_created" },
        { new TaskfireWorkCompleted(Id, Other, "Done", "resolved", StatusCategory.Resolved, Actor.TaskfireUser(Other), At), "ticket.taskfire_work_completed" },
        { new TaskfireQuestionAsked(Id, Other, "Why?", Other, Facts.Tech, At), "ticket.taskfire_question_asked" },
        { new SharedCopyDeleted(Id, Other, Other, Facts.Tech, At), "ticket.shared_copy_deleted" },
        { new TicketDeleted(Id, Facts.Tech, At), "ticket.deleted" },
    };

    [Theory]
    [MemberData(nameof(Events))]
    public void Every_ticket_event_round_trips_under_its_stable_alias(TicketEvent original, string alias)
    {
        var registry = new EventTypeRegistry();
        TicketEventTypes.Register(registry);

        var (storedAlias, json) = registry.Serialize(original);
        var (readAlias, read) = registry.Deserialize(storedAlias, json);

        storedAlias.ShouldBe(alias);
        readAlias.ShouldBe(alias);
        read.GetType().ShouldBe(original.GetType());
        // Records compare list and dictionary members by reference: compare those separately, by content.
        Split((TicketEvent)read).ShouldBe(Split(original));
        registry.Serialize(read).Json.ShouldBe(json);
    }

    [Fact]
    public void Enums_are_written_as_names_and_set_to_null_stays_apart_from_unchanged()
    {
        var registry = new EventTypeRegistry();
        TicketEventTypes.Register(registry);

        var json = registry.Serialize(new TicketFieldsChanged(Id, Changes(), Facts.Tech, At)).Json;
        using var document = JsonDocument.Parse(json);
        var changes = document.RootElement.GetProperty("changes");

        changes.GetProperty("priority").GetProperty("value").ValueKind.ShouldBe(JsonValueKind.Null);
        changes.GetProperty("impact").ValueKind.ShouldBe(JsonValueKind.Null);
        document.RootElement.GetProperty("by").GetProperty("kind").GetString().ShouldBe("Technician");
        var read = (TicketFieldsChanged)registry.Deserialize("ticket.fields_changed", json).Data;
        read.Changes.Priority.ShouldNotBeNull().Value.ShouldBeNull();
        read.Changes.Impact.ShouldBeNull();
    }

    private static (TicketEvent Scalars, string Collections) Split(TicketEvent e) => e switch
    {
        ReplyPosted r => (r with { Attachments = [] }, string.Join("|", r.Attachments)),
        TicketCreated c => (c with { Fields = c.Fields with { CustomFields = TicketFields.NoCustomFields } }, Text(c.Fields.CustomFields)),
        TaskfireCopyCreated c => (c with { Fields = c.Fields with { CustomFields = TicketFields.NoCustomFields } }, Text(c.Fields.CustomFields)),
        TicketFieldsChanged f => (f with { Changes = f.Changes with { CustomFields = TicketFields.NoCustomFields } }, Text(f.Changes.CustomFields)),
        _ => (e, ""),
    };

    private static string Text(IReadOnlyDictionary<string, string?> values) =>
        string.Join("|", values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={v.Value ?? "<null>"}"));

    private static TicketFieldChanges Changes() => new()
    {
        Title = new("New title"),
        Priority = new(null),
        DueDate = new(At),
        CustomFields = new Dictionary<string, string?> { ["asset"] = null, ["room"] = "4.01" },
    };
}
