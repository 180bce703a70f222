using Npgsql;
using Ticketing.Application.EventSourcing;
using Ticketing.Domain.Tickets;
using Ticketing.EventStore.Projections;
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

    [Fact]
    public async Task A_rebuild_from_the_log_gives_the_same_rows_as_the_inline_projections()
    {
        await AppendHistoryAsync();
        var inline = await SnapshotAsync();

        (await db.RebuildAsync()).ShouldBe(HistoryEvents);

        (await SnapshotAsync()).ShouldBe(inline);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    public async Task A_rebuild_in_batches_that_split_tickets_gives_the_same_rows(int batchSize)
    {
        await AppendHistoryAsync();
        var inline = await SnapshotAsync();

        (await db.RebuildAsync(batchSize)).ShouldBe(HistoryEvents);

        (await SnapshotAsync()).ShouldBe(inline);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(HistoryEvents)]
    public async Task Applying_the_log_again_in_batches_from_any_point_changes_nothing(int batchSize)
    {
        await AppendHistoryAsync();
        var inline = await SnapshotAsync();
        var events = await ReadLogAsync();

        // Every suffix of the log, in batches, over the finished read model: the version guards must refuse it all.
        for (var start = 0; start < events.Count; start += 3)
        {
            await ApplyBatchesAsync(events.Skip(start).ToList(), batchSize);
        }

        (await SnapshotAsync()).ShouldBe(inline);
    }

    [Theory]
    [InlineData(4, 2)]
    [InlineData(6, 5)]
    [InlineData(9, 1)]
    public async Task Batches_that_overlap_what_was_already_applied_give_the_same_rows(int batchSize, int overlap)
    {
        await AppendHistoryAsync();
        var inline = await SnapshotAsync();
        var events = await ReadLogAsync();
        await db.ExecuteAsync("truncate ticket_list, ticket_details, ticket_timeline");

        // Each batch starts a few events before where the previous one ended, as a retried batch would.
        for (var end = batchSize; end - batchSize < events.Count; end += batchSize)
        {
            var slice = events[Math.Max(0, end - batchSize - overlap)..Math.Min(end, events.Count)];
            await ApplyBatchesAsync(slice, slice.Count);
        }

        (await SnapshotAsync()).ShouldBe(inline);
    }

    [Fact]
    public async Task Replaying_any_event_again_even_out_of_order_changes_nothing()
    {
        await AppendHistoryAsync();
        var inline = await SnapshotAsync();
        var events = await ReadLogAsync();

        // Newest first is the worst order: every older event must be refused by the version guard.
        await ApplyAsync(Enumerable.Reverse(events));
        await ApplyAsync(events);

        (await SnapshotAsync()).ShouldBe(inline);
    }

    private async Task<List<RecordedEvent>> ReadLogAsync()
    {
        var events = new List<RecordedEvent>(HistoryEvents);
        await foreach (var batch in db.Store.ReadAllAsync(0, 1000, default))
        {
            events.AddRange(batch);
        }

        return events;
    }

    private async Task ApplyBatchesAsync(List<RecordedEvent> events, int batchSize)
    {
        IBatchProjection[] projections = [new TicketListProjection(), new TicketDetailProjection()];
        await using var connection = await db.DataSource.OpenConnectionAsync();
        foreach (var chunk in events.Chunk(batchSize))
        {
            await using var batch = new NpgsqlBatch(connection);
            foreach (var projection in projections)
            {
                projection.ApplyBatch(chunk, batch);
            }

            if (batch.BatchCommands.Count > 0)
            {
                await batch.ExecuteNonQueryAsync();
            }
        }
    }

    private async Task ApplyAsync(IEnumerable<RecordedEvent> events)
    {
        IProjection[] projections = [new TicketListProjection(), new TicketDetailProjection()];
        await using var connection = await db.DataSource.OpenConnectionAsync();
        foreach (var e in events)
        {
            await using var batch = new NpgsqlBatch(connection);
            foreach (var projection in projections)
            {
                projection.Apply(e, batch);
            }

            if (batch.BatchCommands.Count > 0)
            {
                await batch.ExecuteNonQueryAsync();
            }
        }
    }

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
