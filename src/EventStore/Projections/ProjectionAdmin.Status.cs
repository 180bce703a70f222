using Npgsql;
using NpgsqlTypes;
using static Ticketing.EventStore.EventRows;

namespace Ticketing.EventStore.Projections;

/// <summary>Checkpoint, lag and lock holder of the async projections.</summary>
public sealed partial class ProjectionAdmin
{
    private const string StatusSql = $"""
        select p.tx_id, p.seq, c.updated_at,
            (select count(*) from events e where (e.tx_id, e.seq) > (p.tx_id, p.seq)),
            (select min(e.recorded_at) from events e where (e.tx_id, e.seq) > (p.tx_id, p.seq)),
            (select count(*) from projection_dead_letters d where d.projection = n.name),
            (select l.pid from pg_locks l
             where l.locktype = 'advisory' and l.granted and l.objsubid = 1
               and l.database = (select oid from pg_database where datname = current_database())
               and ((l.classid::bigint << 32) | l.objid::bigint) = {ProjectionLock.KeySql}
             limit 1)
        from (select $1::text as name) n
        left join projection_checkpoints c on c.name = n.name
        cross join lateral (select coalesce(c.tx_id, '0'::xid8) as tx_id, coalesce(c.seq, 0) as seq) p
        """;

    /// <summary>Status of every async projection.</summary>
    public async Task<IReadOnlyList<ProjectionStatus>> ListAsync(CancellationToken ct = default)
    {
        var statuses = new List<ProjectionStatus>();
        foreach (var projection in projections.All)
        {
            statuses.Add(await GetStatusAsync(projection.Name, ct).ConfigureAwait(false));
        }

        return statuses;
    }

    /// <summary>Checkpoint, lag, lock holder and dead-letter count of one async projection.</summary>
    public async Task<ProjectionStatus> GetStatusAsync(string name, CancellationToken ct = default)
    {
        projections.Get(name);
        await using var command = dataSource.CreateCommand(StatusSql);
        command.Parameters.Add(Param(name, NpgsqlDbType.Text));
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        await reader.ReadAsync(ct).ConfigureAwait(false);
        var oldest = reader.IsDBNull(4) ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(4);
        return new ProjectionStatus(
            name,
            new ProjectionCheckpoint(reader.GetFieldValue<ulong>(0), reader.GetInt64(1)),
            reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2),
            Lag: reader.GetInt64(3),
            OldestUnprocessedAge: oldest is { } at ? time.GetUtcNow() - at : null,
            HeldByThisNode: runners.HoldsLock(name),
            LockHolderPid: reader.IsDBNull(6) ? null : reader.GetInt32(6),
            DeadLetters: reader.GetInt64(5));
    }
}
