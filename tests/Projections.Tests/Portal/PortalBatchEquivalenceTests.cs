using Npgsql;
using Ticketing.Application.EventSourcing;
using Ticketing.Projections.Portal;

namespace Ticketing.Projections.Tests.Portal;

/// <summary>
/// The batch path against the per-event path on random logs, from random starting states (a random subset of the log
/// already applied, event by event), in random batch sizes: the rows must be identical every time.
/// </summary>
public sealed class PortalBatchEquivalenceTests : IAsyncLifetime
{
    private readonly ReadModelDatabase db = new();
    private readonly PortalTicketProjection projection = new();

    public Task InitializeAsync() => db.InitializeAsync();

    public Task DisposeAsync() => db.DisposeAsync();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public async Task Batches_leave_the_rows_the_per_event_statements_leave_from_any_starting_state(int seed)
    {
        var random = new Random(seed);
        var log = RandomPortalLog.Generate(random, streams: 12, maxEventsPerStream: 16);
        for (var trial = 0; trial < 12; trial++)
        {
            var start = trial switch
            {
                0 => [],
                1 => log[..random.Next(log.Count)],
                _ => log.Where(_ => random.Next(3) == 0).ToList(),
            };
            var batchSize = trial == 2 ? log.Count : random.Next(1, 12);

            await db.ExecuteAsync("truncate portal_tickets");
            await PerEventAsync(start);
            await PerEventAsync(log);
            var expected = await db.SnapshotAsync("portal_tickets", "id");

            await db.ExecuteAsync("truncate portal_tickets");
            await PerEventAsync(start);
            await BatchesAsync(log, batchSize);

            expected.ShouldNotBeEmpty();
            (await db.SnapshotAsync("portal_tickets", "id")).ShouldBe(expected, $"seed {seed}, trial {trial}, batches of {batchSize}");
        }
    }

    private async Task PerEventAsync(List<RecordedEvent> events)
    {
        await using var connection = await db.DataSource.OpenConnectionAsync();
        await using var batch = new NpgsqlBatch(connection);
        foreach (var e in events)
        {
            projection.Apply(e, batch);
        }

        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync();
        }
    }

    private async Task BatchesAsync(List<RecordedEvent> events, int batchSize)
    {
        await using var connection = await db.DataSource.OpenConnectionAsync();
        foreach (var chunk in events.Chunk(batchSize))
        {
            await using var batch = new NpgsqlBatch(connection);
            projection.ApplyBatch(chunk, batch);
            if (batch.BatchCommands.Count > 0)
            {
                await batch.ExecuteNonQueryAsync();
            }
        }
    }
}
