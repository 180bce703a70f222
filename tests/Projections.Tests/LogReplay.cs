using JasperFx.Events;
using Marten;
using Npgsql;

namespace Ticketing.Projections.Tests;

/// <summary>The stored log read back through Marten, and a projection's statements applied straight to the live tables.</summary>
internal static class LogReplay
{
    public static async Task<List<IEvent>> ReadLogAsync(this ReadModelDatabase db)
    {
        await using var session = db.Store.QuerySession();
        return [.. await session.Events.QueryAllRawEvents().OrderBy(e => e.Sequence).ToListAsync()];
    }

    /// <summary>Each event's statements for every projection, one batch per event, in the order given.</summary>
    public static async Task ApplyAsync(this ReadModelDatabase db, IEnumerable<IEvent> events, params SqlProjection[] projections)
    {
        await using var connection = await db.DataSource.OpenConnectionAsync();
        foreach (var e in events)
        {
            await using var batch = new NpgsqlBatch(connection);
            foreach (var projection in projections)
            {
                projection.Apply(e, batch.BatchCommands);
            }

            if (batch.BatchCommands.Count > 0)
            {
                await batch.ExecuteNonQueryAsync();
            }
        }
    }
}
