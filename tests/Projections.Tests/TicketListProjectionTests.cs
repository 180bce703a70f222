using Ticketing.Domain.Tickets;
using Ticketing.Projections.Tickets.Queries;
using static Ticketing.Projections.Tests.Facts;

namespace Ticketing.Projections.Tests;

public sealed class TicketListProjectionTests : IAsyncLifetime
{
    private readonly ReadModelDatabase db = new();
    private readonly Guid id = Guid.CreateVersion7();
    private readonly Guid customer = Guid.CreateVersion7();

    public Task InitializeAsync() => db.InitializeAsync();

    public Task DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task A_created_ticket_is_listed_with_its_columns_and_version_1()
    {
        var contact = Guid.CreateVersion7();
        await db.AppendAsync(Created(id, customer, contact: contact, queue: "Client Portal", priority: "P2", source: TicketSource.Portal));

        var row = await ListItemAsync();

        row.ShouldBe(new TicketListItem(
            id, "T20260301.0001", TicketSide.Msp, null, "Printer on fire", "open", StatusCategory.Open, "P2", null, null,
            null, "Client Portal", null, null, TicketSource.Portal, customer, contact, null, null, null, null, false,
            T0, T0, null, 1));
    }

    [Fact]
    public async Task Status_changes_set_the_category_and_the_first_resolved_time_and_a_reopen_clears_it()
    {
        await db.AppendAsync(Created(id, customer));
        await db.AppendAsync(new TicketStatusChanged(id, "open", "resolved", StatusCategory.Resolved, Tech, T0.AddHours(1)));
        await db.AppendAsync(new TicketStatusChanged(id, "resolved", "closed", StatusCategory.Closed, Tech, T0.AddHours(2)));

        var closed = await ListItemAsync();
        closed.ShouldSatisfyAllConditions(
            () => closed.StatusId.ShouldBe("closed"),
            () => closed.StatusCategory.ShouldBe(StatusCategory.Closed),
            () => closed.ResolvedAt.ShouldBe(T0.AddHours(1)),
            () => closed.UpdatedAt.ShouldBe(T0.AddHours(2)),
            () => closed.Version.ShouldBe(3));

        await db.AppendAsync(new TicketStatusChanged(id, "closed", "waiting", StatusCategory.Pending, Tech, T0.AddHours(3)));
        (await ListItemAsync()).ResolvedAt.ShouldBeNull();
    }

    [Fact]
    public async Task Field_changes_touch_only_the_changed_columns_and_null_clears_one()
    {
        await db.AppendAsync(Created(id, customer, queue: "Support", priority: "P2"));
        await db.AppendAsync(new TicketFieldsChanged(id, new TicketFieldChanges
        {
            Title = new("Printer fixed?"),
            Priority = new(null),
            WorkType = new("Remote"),
            Description = new("Now it beeps."),
            CustomFields = new Dictionary<string, string?> { ["asset"] = "A-7" },
        }, Tech, T0.AddHours(1)));
        await db.AppendAsync(new TicketFieldsChanged(id, new TicketFieldChanges
        {
            CustomFields = new Dictionary<string, string?> { ["asset"] = null, ["room"] = "2.01" },
        }, Tech, T0.AddHours(2)));

        var detail = (await new TicketDetailQuery(db.DataSource).GetAsync(id, TimelineAudience.Staff, default)).ShouldNotBeNull();
        var row = detail.Ticket;
        row.ShouldSatisfyAllConditions(
            () => row.Title.ShouldBe("Printer fixed?"),
            () => row.Priority.ShouldBeNull(),
            () => row.Queue.ShouldBe("Support"),
            () => row.WorkType.ShouldBe("Remote"),
            () => row.Version.ShouldBe(3),
            () => detail.Description.ShouldBe("Now it beeps."),
            () => detail.CustomFields.ShouldBe(new Dictionary<string, string> { ["room"] = "2.01" }));
    }

    [Fact]
    public async Task Assigning_billing_and_replies_update_the_row_and_its_version()
    {
        var technician = Guid.CreateVersion7();
        await db.AppendAsync(Created(id, customer));
        await db.AppendAsync(new TechnicianAssigned(id, technician, Tech, T0.AddMinutes(1)));
        (await ListItemAsync()).AssigneeId.ShouldBe(technician);

        await db.AppendAsync(new TechnicianAssigned(id, null, Tech, T0.AddMinutes(2)), new TicketBilled(id, Tech, T0.AddMinutes(3)));
        await db.AppendAsync(Reply(id, "Invoice sent", at: T0.AddMinutes(4)));

        var row = await ListItemAsync();
        row.ShouldSatisfyAllConditions(
            () => row.AssigneeId.ShouldBeNull(),
            () => row.Billed.ShouldBeTrue(),
            () => row.UpdatedAt.ShouldBe(T0.AddMinutes(4)),
            () => row.Version.ShouldBe(db.VersionOf(id)));
    }

    [Fact]
    public async Task Deleting_a_ticket_removes_it_from_lists_and_details_but_keeps_it_for_audit()
    {
        await db.AppendAsync(Created(id, customer));
        await db.AppendAsync(new TicketDeleted(id, Tech, T0.AddHours(1)));

        (await new TicketDetailQuery(db.DataSource).GetAsync(id, TimelineAudience.Staff, default)).ShouldBeNull();
        (await new TicketListQuery(db.DataSource).ExecuteAsync(new() { CustomerId = customer }, default)).Items.ShouldBeEmpty();
        (await new TicketAuditQuery(db.DataSource).HistoryAsync(id, default)).Count.ShouldBe(2);
    }

    private async Task<TicketListItem> ListItemAsync() =>
        (await new TicketListQuery(db.DataSource).ExecuteAsync(new() { CustomerId = customer }, default)).Items.ShouldHaveSingleItem();
}
