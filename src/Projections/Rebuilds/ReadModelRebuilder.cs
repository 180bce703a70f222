using System.Threading.Channels;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ticketing.Projections.Rebuilds;

/// <summary>
/// Rebuilds a read model from the event log while the API keeps reading and writing it (ADR 0015): the projection's own
/// statements fill copies of its tables in a shadow schema, then one short transaction, with appends held back by a lock
/// on Marten's event table, applies the events appended meanwhile and swaps the copies in. Readers never see an empty
/// or partial table: until the swap they read the old one.
/// </summary>
/// <remarks>
/// Events are read in sequence order up to a high-water mark taken while no append is in flight (the lock), so there is
/// no gap below it; everything above it is applied under the final lock, when every append has committed. One rebuild
/// per read model at a time across nodes (a session advisory lock).
/// </remarks>
public sealed partial class ReadModelRebuilder(IDocumentStore store, NpgsqlDataSource dataSource, TimeProvider clock, ILogger<ReadModelRebuilder> logger)
{
    private const string LockEvents = "lock table mt_events in exclusive mode";

    /// <summary>Events read and applied per transaction while the live tables stay open to appends.</summary>
    internal int PageSize { get; init; } = 2_000;

    /// <summary>The read models that can be rebuilt, by name.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. TicketingEventStore.ReadModels.Select(p => p.Name)];

    /// <summary>
    /// Rebuilds <paramref name="name"/>, or returns <see cref="RebuildOutcome.AlreadyRunning"/> when another rebuild of it
    /// holds the lock. <paramref name="started"/> runs once the lock is held and the state says "rebuilding".
    /// </summary>
    public async Task<RebuildOutcome> RebuildAsync(string name, Guid? requestedBy, CancellationToken ct, Action? started = null)
    {
        var projection = TicketingEventStore.ReadModels.Single(p => p.Name == name);
        await using var lockConnection = await dataSource.OpenConnectionAsync(ct);
        if (!await TryLockAsync(lockConnection, name, ct))
        {
            return RebuildOutcome.AlreadyRunning;
        }

        try
        {
            await RebuildStatus.StartAsync(dataSource, name, requestedBy, clock.GetUtcNow(), ct);
            started?.Invoke();
            await RebuildLockedAsync(projection, ct);
            return RebuildOutcome.Completed;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(logger, e, name);
            await RebuildStatus.FailAsync(dataSource, name, e.Message, clock.GetUtcNow(), CancellationToken.None);
            throw;
        }
        finally
        {
            await using var unlock = new NpgsqlCommand("select pg_advisory_unlock($1)", lockConnection) { Parameters = { new() { Value = LockKey(name) } } };
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private async Task RebuildLockedAsync(SqlProjection projection, CancellationToken ct)
    {
        var shadow = ShadowTables.For(projection);
        await shadow.CreateAsync(dataSource, ct);
        var highWater = await HighWaterAsync(ct);
        await RebuildStatus.ProgressAsync(dataSource, projection.Name, 0, clock.GetUtcNow(), ct, total: highWater);

        var done = 0L;
        var position = 0L;
        // The next page is read (and deserialised) while the current one is applied: on two cores the read and the apply
        // overlap instead of taking turns. At most two pages wait, so memory stays bounded.
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var pages = Channel.CreateBounded<IReadOnlyList<IEvent>>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        var reader = ReadPagesAsync(pages.Writer, highWater, reading.Token);
        try
        {
            await foreach (var page in pages.Reader.ReadAllAsync(ct))
            {
                await using (var connection = await dataSource.OpenConnectionAsync(ct))
                await using (var tx = await connection.BeginTransactionAsync(ct))
                {
                    await ApplyAsync(connection, tx, shadow, projection, page, ct);
                    await tx.CommitAsync(ct);
                }

                position = page[^1].Sequence;
                done += page.Count;
                await RebuildStatus.ProgressAsync(dataSource, projection.Name, done, clock.GetUtcNow(), ct);
            }
        }
        finally
        {
            await reading.CancelAsync();
            await reader.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await shadow.IndexAsync(dataSource, ct);
        await using (var connection = await dataSource.OpenConnectionAsync(ct))
        await using (var tx = await connection.BeginTransactionAsync(ct))
        {
            await ExecuteAsync(connection, tx, LockEvents, ct);
            while (true)
            {
                var page = await ReadPageAsync(position, long.MaxValue, ct, tx);
                if (page.Count == 0)
                {
                    break;
                }

                await ApplyAsync(connection, tx, shadow, projection, page, ct);
                position = page[^1].Sequence;
                done += page.Count;
            }

            await shadow.SwapAsync(connection, tx, ct);
            await RebuildStatus.CompleteAsync(connection, tx, projection.Name, done, clock.GetUtcNow(), ct);
            await tx.CommitAsync(ct);
        }

        await shadow.DropAsync(dataSource, ct);
        LogRebuilt(logger, projection.Name, done);
    }

    /// <summary>The last sequence number, read while no append is in flight: every event at or below it is committed.</summary>
    private async Task<long> HighWaterAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await ExecuteAsync(connection, tx, LockEvents, ct);
        await using var max = new NpgsqlCommand("select coalesce(max(seq_id), 0) from mt_events", connection, tx);
        var highWater = (long)(await max.ExecuteScalarAsync(ct))!;
        await tx.CommitAsync(ct);
        return highWater;
    }

    /// <summary>Reads the pages up to <paramref name="highWater"/> into <paramref name="pages"/>; a failure completes it with the error.</summary>
    private async Task ReadPagesAsync(ChannelWriter<IReadOnlyList<IEvent>> pages, long highWater, CancellationToken ct)
    {
        await Task.Yield();
        try
        {
            var position = 0L;
            while (position < highWater)
            {
                var page = await ReadPageAsync(position, highWater, ct);
                if (page.Count == 0)
                {
                    break;
                }

                await pages.WriteAsync(page, ct);
                position = page[^1].Sequence;
            }

            pages.Complete();
        }
        catch (Exception e)
        {
            pages.Complete(e);
        }
    }

    /// <summary>
    /// Events after <paramref name="after"/> up to <paramref name="upTo"/> in sequence order, read (and upcast) by Marten.
    /// Under the final lock the read shares the locking connection's transaction, where nothing is in flight.
    /// </summary>
    private async Task<IReadOnlyList<IEvent>> ReadPageAsync(long after, long upTo, CancellationToken ct, NpgsqlTransaction? tx = null)
    {
        await using var session = tx is null
            ? store.QuerySession()
            : store.QuerySession(Marten.Services.SessionOptions.ForTransaction(tx, false));
        return await session.Events.QueryAllRawEvents()
            .Where(e => e.Sequence > after && e.Sequence <= upTo)
            .OrderBy(e => e.Sequence)
            .Take(PageSize)
            .ToListAsync(ct);
    }

    private static async Task ApplyAsync(
        NpgsqlConnection connection, NpgsqlTransaction tx, ShadowTables shadow, SqlProjection projection, IReadOnlyList<IEvent> page, CancellationToken ct)
    {
        // The projection's statements name their tables without a schema; for this transaction they mean the shadow copies.
        await ExecuteAsync(connection, tx, $"set local search_path to {shadow.Schema}, public", ct);
        var commands = new List<NpgsqlBatchCommand>(page.Count * 2);
        foreach (var e in page)
        {
            projection.Apply(e, commands);
        }

        for (var i = 0; i < commands.Count; i += 1_000)
        {
            await using var batch = new NpgsqlBatch(connection, tx);
            foreach (var command in commands.Skip(i).Take(1_000))
            {
                batch.BatchCommands.Add(command);
            }

            await batch.ExecuteNonQueryAsync(ct);
        }
    }

    private static async Task<bool> TryLockAsync(NpgsqlConnection connection, string name, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("select pg_try_advisory_lock($1)", connection) { Parameters = { new() { Value = LockKey(name) } } };
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// The session advisory lock a rebuild of <paramref name="name"/> holds: a fixed prefix keeps these keys apart from the
    /// migration lock and Marten's own, and the same name gives the same key on every node.
    /// </summary>
    public static long LockKey(string name) => 0x5245_4255_0000_0000L + Names.ToList().IndexOf(name);

    internal static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, tx);
        await command.ExecuteNonQueryAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rebuilt read model {Name} from {Events} events")]
    private static partial void LogRebuilt(ILogger logger, string name, long events);

    [LoggerMessage(Level = LogLevel.Error, Message = "Rebuild of read model {Name} failed; the live tables are untouched")]
    private static partial void LogFailed(ILogger logger, Exception e, string name);
}

/// <summary>How a rebuild request ended.</summary>
public enum RebuildOutcome
{
    Completed,
    AlreadyRunning,
}
