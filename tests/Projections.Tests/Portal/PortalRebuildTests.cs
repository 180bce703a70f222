using Npgsql;
using Ticketing.Application.EventSourcing;
using Ticketing.Domain.Tickets;
using Ticketing.EventStore;
using Ticketing.EventStore.Projections;
using Ticketing.Projections.Portal;
using Ticketing.Projections.Tickets;
using static Ticketing.Projections.Tests.Facts;

namespace Ticketing.Projections.Tests.Portal;

/// <summary>
/// The portal read model rebuilt through its batch path must hold exactly the rows the per-event statements wrote
/// inline when the events were appended, whatever the batch size and wherever batches cut a ticket's history.
/// </summary>
public sealed class PortalRebuildTests : IAsyncLifetime
{
    private readonly ReadModelDatabase db = new(o => o.AddInlineProjection<PortalTicketProjection>());
    private int events;

    public Task InitializeAsync() => db.InitializeAsync();

    public Task DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task The_history_gives_every_portal_column_at_least_two_values()
    {
        await PortalHistory.AppendAsync(db);

        // Otherwise a batch path that wrote a constant, a default or the wrong event's value into a column could match.
        await using var connection = await db.DataSource.OpenConnectionAsync();
        foreach (var column in await ColumnsAsync(connection))
        {
            await using var count = new NpgsqlCommand(
                $"select count(distinct coalesce({column}::text, '<null>')) from portal_tickets", connection);
            ((long)(await count.ExecuteScalarAsync())!).ShouldBeGreaterThan(1, column);
        }

        await using var rows = new NpgsqlCommand(
            "select count(*) filter (where billed), count(*) filter (where deleted), count(*) filter (where updated_at > created_at) from portal_tickets",
            connection);
        await using var reader = await rows.ExecuteReaderAsync();
        await reader.ReadAsync();
        (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2)).ShouldBe((2L, 5L, 8L));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(5_000)]
    public async Task A_rebuild_through_the_batch_path_gives_the_rows_the_per_event_path_wrote(int batchSize)
    {
        events = await PortalHistory.AppendAsync(db);
        var inline = await SnapshotAsync();

        (await db.RebuildAsync("portal_tickets", batchSize, Batched)).ShouldBe(events);

        (await SnapshotAsync()).ShouldBe(inline);
    }

    [Fact]
    public async Task A_rebuild_through_the_per_event_path_gives_the_same_rows_too()
    {
        events = await PortalHistory.AppendAsync(db);
        var inline = await SnapshotAsync();

        (await db.RebuildAsync("portal_tickets", 4, PerEvent)).ShouldBe(events);

        (await SnapshotAsync()).ShouldBe(inline);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(1_000)]
    public async Task Applying_the_log_again_in_batches_from_any_point_changes_nothing(int batchSize)
    {
        await PortalHistory.AppendAsync(db);
        var inline = await SnapshotAsync();
        var log = await ReadLogAsync();

        for (var start = 0; start < log.Count; start += 2)
        {
            await ApplyBatchesAsync(log.Skip(start).ToList(), batchSize);
        }

        (await SnapshotAsync()).ShouldBe(inline);
    }

    [Theory]
    [InlineData(4, 2)]
    [InlineData(6, 5)]
    [InlineData(9, 1)]
    public async Task Batches_that_overlap_what_was_already_applied_give_the_same_rows(int batchSize, int overlap)
    {
        await PortalHistory.AppendAsync(db);
        var inline = await SnapshotAsync();
        var log = await ReadLogAsync();
        await db.ExecuteAsync("truncate portal_tickets");

        for (var end = batchSize; end - batchSize < log.Count; end += batchSize)
        {
            var slice = log[Math.Max(0, end - batchSize - overlap)..Math.Min(end, log.Count)];
            await ApplyBatchesAsync(slice, slice.Count);
        }

        (await SnapshotAsync()).ShouldBe(inline);
    }

    private static void Batched(EventStoreOptions o) =>
        o.ConfigureEvents(TicketEventTypes.Register).AddInlineProjection<PortalTicketProjection>();

    private static void PerEvent(EventStoreOptions o) =>
        o.ConfigureEvents(TicketEventTypes.Register).AddInlineProjection<PerEventPortalProjection>();

    private async Task<List<RecordedEvent>> ReadLogAsync()
    {
        var log = new List<RecordedEvent>();
        await foreach (var batch in db.Store.ReadAllAsync(0, 1000, default))
        {
            log.AddRange(batch);
        }

        return log;
    }

    private async Task ApplyBatchesAsync(List<RecordedEvent> log, int batchSize)
    {
        var projection = new PortalTicketProjection();
        await using var connection = await db.DataSource.OpenConnectionAsync();
        foreach (var chunk in log.Chunk(batchSize))
        {
            await using var batch = new NpgsqlBatch(connection);
            projection.ApplyBatch(chunk, batch);
            if (batch.BatchCommands.Count > 0)
            {
                await batch.ExecuteNonQueryAsync();
            }
        }
    }

    private Task<string> SnapshotAsync() => db.SnapshotAsync("portal_tickets", "id");

    private static async Task<List<string>> ColumnsAsync(NpgsqlConnection connection)
    {
        var columns = new List<string>();
        await using var command = new NpgsqlCommand(
            "select column_name from information_schema.columns where table_name = 'portal_tickets' order by ordinal_position", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            columns.Add(reader.GetString(0));
        }

        columns.Count.ShouldBe(22);
        return columns;
    }
}
