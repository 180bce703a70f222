using Npgsql;
using Ticketing.Projections.Rebuilds;

namespace Ticketing.Api.Admin.Projections;

/// <summary>A read model's state (live, rebuilding or interrupted), its lag and the progress of its last rebuild.</summary>
public sealed record ReadModelStatus(
    string Name, string State, long LagEvents, long EventsInLog, RebuildState? LastRebuild, double? Progress);

/// <summary>The status of every read model: the rebuild bookkeeping of all nodes against the head of the event log.</summary>
public static class ReadModelStatuses
{
    public static async Task<IReadOnlyList<ReadModelStatus>> AllAsync(NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken ct)
    {
        var rebuilds = await RebuildStatus.AllAsync(dataSource, ct);
        await using var count = dataSource.CreateCommand("select coalesce(max(seq_id), 0) from mt_events");
        var inLog = (long)(await count.ExecuteScalarAsync(ct))!;
        var now = clock.GetUtcNow();
        return [.. ReadModelRebuilder.Names.Select(name =>
        {
            var last = rebuilds.GetValueOrDefault(name);
            var state = last switch
            {
                { State: "rebuilding" } when now - last.HeartbeatAt > RebuildStatus.HeartbeatTimeout => "interrupted",
                { State: "rebuilding" } => "rebuilding",
                _ => "live",
            };
            double? progress = state == "rebuilding" && last!.EventsTotal > 0 ? Math.Min(1, (double)last.EventsDone / last.EventsTotal) : null;
            return new ReadModelStatus(name, state, 0, inLog, last, progress);
        })];
    }
}
