using System.Text.Json;
using System.Text.Json.Nodes;
using Marten;
using Npgsql;
using Ticketing.Domain.Tickets;

namespace Ticketing.Projections.Tests;

/// <summary>Ticket events through Marten's serializer as configured: stored under their aliases, read back equal.</summary>
public sealed class TicketEventJsonTests : IAsyncLifetime
{
    private static readonly Guid Id = Guid.CreateVersion7();
    private static readonly Guid Other = Guid.CreateVersion7();
    private static readonly DateTimeOffset At = new(2026, 3, 1, 9, 30, 15, 123, TimeSpan.FromHours(1));

    private static readonly TicketFields Fields = new(
        "Title", "Desc", "P1", "High", "Incident", "Laptops", "Support", "Hardware", "Remote", At.AddDays(3),
        new Dictionary<string, string?> { ["asset"] = "A-1", ["room"] = "3.14" });

    private readonly ReadModelDatabase db = new();

    public Task InitializeAsync() => db.InitializeAsync();

    public Task DisposeAsync() => db.DisposeAsync();

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
        { new TaskfireResourceChanged(Id, Other, Guid.CreateVersion7(), Actor.TaskfireUser(Other), At), "ticket.taskfire_resource_changed" },
        { new TaskfireTicketOpened(Id, "T20260301.0002", Fields, "open", StatusCategory.Open, Other, Other, Actor.TaskfireUser(Other), At), "ticket.taskfire_ticket_opened" },
        { new TaskfireTicketSubmitted(Id, Other, Other, "Cannot fix it", Actor.TaskfireUser(Other), At), "ticket.taskfire_ticket_submitted" },
    };

    [Theory]
    [MemberData(nameof(Events))]
    public async Task Every_ticket_event_is_stored_under_its_stable_alias_and_read_back_equal(TicketEvent original, string alias)
    {
        await db.AppendAsync(original);

        var (storedAlias, json) = await StoredAsync();
        await using var session = db.Store.QuerySession();
        var read = (await session.Events.FetchStreamAsync(Id)).ShouldHaveSingleItem();

        storedAlias.ShouldBe(alias);
        read.EventTypeName.ShouldBe(alias);
        read.Data.GetType().ShouldBe(original.GetType());
        // Records compare list and dictionary members by reference: compare those separately, by content.
        Split((TicketEvent)read.Data).ShouldBe(Split(original));
        JsonNode.DeepEquals(JsonNode.Parse(db.Store.Options.Serializer().ToJson(read.Data)), JsonNode.Parse(json)).ShouldBeTrue(json);
    }

    [Fact]
    public async Task Enums_are_written_as_names_and_set_to_null_stays_apart_from_unchanged()
    {
        await db.AppendAsync(new TicketFieldsChanged(Id, Changes(), Facts.Tech, At));

        using var document = JsonDocument.Parse((await StoredAsync()).Json);
        var changes = document.RootElement.GetProperty("changes");
        changes.GetProperty("priority").GetProperty("value").ValueKind.ShouldBe(JsonValueKind.Null);
        changes.GetProperty("impact").ValueKind.ShouldBe(JsonValueKind.Null);
        document.RootElement.GetProperty("by").GetProperty("kind").GetString().ShouldBe("Technician");

        await using var session = db.Store.QuerySession();
        var read = (TicketFieldsChanged)(await session.Events.FetchStreamAsync(Id)).ShouldHaveSingleItem().Data;
        read.Changes.Priority.ShouldNotBeNull().Value.ShouldBeNull();
        read.Changes.Impact.ShouldBeNull();
    }

    private async Task<(string Alias, string Json)> StoredAsync()
    {
        await using var command = db.DataSource.CreateCommand("select type, data::text from mt_events where stream_id = $1");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Id });
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).ShouldBeTrue();
        return (reader.GetString(0), reader.GetString(1));
    }

    private static (TicketEvent Scalars, string Collections) Split(TicketEvent e) => e switch
    {
        ReplyPosted r => (r with { Attachments = [] }, string.Join("|", r.Attachments)),
        TicketCreated c => (c with { Fields = c.Fields with { CustomFields = TicketFields.NoCustomFields } }, Text(c.Fields.CustomFields)),
        TaskfireCopyCreated c => (c with { Fields = c.Fields with { CustomFields = TicketFields.NoCustomFields } }, Text(c.Fields.CustomFields)),
        TaskfireTicketOpened o => (o with { Fields = o.Fields with { CustomFields = TicketFields.NoCustomFields } }, Text(o.Fields.CustomFields)),
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
