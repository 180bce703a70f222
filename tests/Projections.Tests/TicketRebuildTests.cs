using Ticketing.Domain.Tickets;
using Ticketing.Projections.Rebuilds;
using Ticketing.Projections.Tickets.Details;
using Ticketing.Projections.Tickets.List;
using static Ticketing.Projections.Tests.Facts;

namespace Ticketing.Projections.Tests;

public sealed class TicketRebuildTests : IAsyncLifetime
{
    private const int HistoryEvents = (5 * 7) + 2 + 2 + 1 + 2;
    private readonly ReadModelDatabase db = new();

    public Task InitializeAsync() => db.InitializeAsync();

    public Task DisposeAsync() => db.DisposeAsync();

    [Theory]
    [InlineData(2_000)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    public async Task A_rebuild_from_the_log_in_pages_of_any_size_gives_the_rows_the_inline_projections_wrote(int pageSize)
    {
        await AppendHistoryAsync();
        var inline = await SnapshotAsync();

        await db.RebuildAsync(pageSize, "ticket_list", "ticket_details");

        (await SnapshotAsync()).ShouldBe(inline);
    }

    [Fact]
    public async Task A_completed_rebuild_is_recorded_with_every_event_of_the_log_applied()
    {
        await AppendHistoryAsync();
        var requester = Guid.CreateVersion7();

        (await db.Rebuilder().RebuildAsync("ticket_list", requester, default)).ShouldBe(RebuildOutcome.Completed);

        var state = (await RebuildStatus.AllAsync(db.DataSource, default))["ticket_list"];
        state.ShouldSatisfyAllConditions(
            s => s.State.ShouldBe("completed"), s => s.RequestedBy.ShouldBe(requester),
            s => s.EventsDone.ShouldBe(HistoryEvents), s => s.EventsTotal.ShouldBe(HistoryEvents),
            s => s.FinishedAt.ShouldNotBeNull(), s => s.Error.ShouldBeNull());
        (await db.ScalarAsync<long>("select count(*) from pg_namespace where nspname like '%rebuild%'")).ShouldBe(0);
    }

    [Fact]
    public async Task Applying_the_log_again_from_any_point_changes_nothing()
    {
        await AppendHistoryAsync();
        var inline = await SnapshotAsync();
        var events = await db.ReadLogAsync();
        events.Count.ShouldBe(HistoryEvents);

        // Every suffix of the log over the finished read model: the version guards and keys must refuse it all.
        for (var start = 0; start < events.Count; start += 3)
        {
            await db.ApplyAsync(events.Skip(start), Projections);
        }

        (await SnapshotAsync()).ShouldBe(inline);
    }

    [Fact]
    public async Task Replaying_any_event_again_even_out_of_order_changes_nothing()
    {
        await AppendHistoryAsync();
        var inline = await SnapshotAsync();
        var events = await db.ReadLogAsync();

        // Newest first is the worst order: every older event must be refused by the version guard.
        await db.ApplyAsync(Enumerable.Reverse(events), Projections);
        await db.ApplyAsync(events, Projections);

        (await SnapshotAsync()).ShouldBe(inline);
    }

    private static SqlProjection[] Projections => [new TicketListProjection(), new TicketDetailProjection()];

    private async Task<string> SnapshotAsync() => string.Join(
        "\n---\n",
        await db.SnapshotAsync("ticket_list", "id"),
        await db.SnapshotAsync("ticket_details", "id"),
        await db.SnapshotAsync("ticket_timeline", "ticket_id, entry_id"));

    private async Task AppendHistoryAsync()
    {
        var customer = Guid.CreateVersion7();
        for (var i = 0; i < 5; i++)
        {
            var id = Guid.CreateVersion7();
            await db.AppendAsync(Created(id, customer, T0.AddMinutes(i), $"Ticket {i}", queue: "Support"));
            await db.AppendAsync(
                Reply(id, "public", at: T0.AddHours(1)),
                Reply(id, "note", ReplyVisibility.Internal, at: T0.AddHours(1), attachments: [Attachment()]),
                new TicketStatusChanged(id, "open", "resolved", StatusCategory.Resolved, Tech, T0.AddHours(2)),
                new TicketFieldsChanged(id, new TicketFieldChanges
                {
                    Priority = new("P1"),
                    Description = new(null),
                    CustomFields = new Dictionary<string, string?> { ["k"] = $"v{i}" },
                }, Tech, T0.AddHours(3)),
                new TechnicianAssigned(id, Guid.CreateVersion7(), Tech, T0.AddHours(4)),
                new TicketStatusChanged(id, "resolved", "open", StatusCategory.Open, Tech, T0.AddHours(5)));
        }

        var msp = Guid.CreateVersion7();
        var copy = Guid.CreateVersion7();
        var resource = Guid.CreateVersion7();
        await db.AppendAsync(Created(msp, customer, T0.AddDays(1)), new TicketBilled(msp, Tech, T0.AddDays(1)));
        await db.AppendAsync(
            new TicketAssignedToTaskfire(msp, copy, "TF", resource, "Go", Tech, T0.AddDays(2)),
            new TaskfireCopyCreated(copy, msp, "T20260302.0001", TicketFields.Titled("Pair"), "open", StatusCategory.Open,
                customer, null, "TF", resource, "Go", Tech, T0.AddDays(2)));
        await db.AppendAsync(new TaskfireWorkCompleted(copy, Guid.CreateVersion7(), "Done", "resolved", StatusCategory.Resolved, Tech, T0.AddDays(3)));
        await db.AppendAsync(new TicketDeleted(msp, Tech, T0.AddDays(4)), new SharedCopyDeleted(copy, msp, resource, Tech, T0.AddDays(4)));
    }
}
