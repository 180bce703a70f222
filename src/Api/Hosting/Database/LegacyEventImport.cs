using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using Ticketing.Application.EventSourcing;
using Ticketing.Projections.Rebuilds;
using Ticketing.Projections.Tickets;

namespace Ticketing.Api.Hosting.Database;

/// <summary>How <see cref="LegacyEventImport"/> ended.</summary>
public enum LegacyImportOutcome
{
    /// <summary>The legacy log was copied into Marten and the read models rebuilt from it.</summary>
    Imported,

    /// <summary>Every legacy event already is in Marten's log: nothing was copied (the read models were rebuilt).</summary>
    AlreadyImported,

    /// <summary>The database has no legacy <c>events</c> table, or it is empty.</summary>
    NothingToImport,

    /// <summary>The legacy log or Marten's log is in a state the import must not touch; nothing was changed.</summary>
    Refused,
}

/// <summary>What an import did: the events and streams copied, and the read models it rebuilt.</summary>
public sealed record LegacyImportResult(LegacyImportOutcome Outcome, long EventsCopied, long StreamsCopied, IReadOnlyList<string> Rebuilt)
{
    /// <summary>The process exit code: 0 when the database is fully on Marten's log and every read model was rebuilt.</summary>
    public int ExitCode =>
        (Outcome == LegacyImportOutcome.Refused || (Outcome != LegacyImportOutcome.NothingToImport && Rebuilt.Count < ReadModelRebuilder.Names.Count)) ? 1 : 0;
}

/// <summary>
/// <c>import-legacy-events</c>: moves a database written by the old home-made event store onto Marten. The old
/// <c>events</c> log is copied into <c>mt_events</c> in its own order (the old <c>seq</c> becomes <c>seq_id</c>), with
/// its event ids, stream ids, versions, recorded times, aliases and JSON unchanged; the metadata goes where this version
/// keeps it (actor in the headers, correlation and causation ids in Marten's columns), as <see cref="EventStamping"/>
/// writes it. The old <c>streams</c> become <c>mt_streams</c> rows, Marten's sequence continues after the copied events,
/// and every read model is rebuilt from the new log.
/// </summary>
/// <remarks>
/// The copy is one transaction that holds Marten's event tables exclusively (no append can interleave) and the old log
/// against writers: all or nothing. It is idempotent: when every legacy event id is already in <c>mt_events</c> nothing
/// is copied; when only some are, or Marten's log already holds events of its own, it refuses and changes nothing. The
/// copy is plain SQL, so no inline projection runs for it: in particular no notification mail is queued for old events.
/// The old tables are left as they are.
/// </remarks>
public sealed class LegacyEventImport(NpgsqlDataSource dataSource, ReadModelRebuilder rebuilder)
{
    public const string CommandName = "import-legacy-events";

    /// <summary>The stream type the old store gave ticket streams (<c>streams.type</c>).</summary>
    public const string LegacyTicketStreamType = "ticket";

    private static readonly string[] LegacyTables = ["events", "streams", "projection_checkpoints", "projection_dead_letters"];

    // The old tables exist? (to_regclass is null for a missing table; the names are constants.)
    private const string LegacyTablesSql = """
        select to_regclass('events') is not null and to_regclass('streams') is not null,
            to_regclass('projection_checkpoints') is not null,
            to_regclass('projection_dead_letters') is not null
        """;

    // Holds off every Marten append (and any second import) until commit, and every old-version writer of the old log.
    private const string LockMartenSql = "lock table mt_events, mt_streams in exclusive mode";

    private const string LockLegacySql = "lock table events, streams in share mode";

    // $1 the aliases Marten knows, $2 the old ticket stream type.
    private const string SurveySql = """
        select
            (select count(*) from events),
            (select count(*) from streams),
            (select count(*) from events e where exists (select 1 from mt_events m where m.id = e.id)),
            (select count(*) from mt_events),
            (select count(*) from streams s where exists (select 1 from mt_streams m where m.id = s.id)),
            (select coalesce(array_agg(distinct e.type order by e.type), '{}') from events e where e.type <> all ($1)),
            (select coalesce(array_agg(distinct s.type order by s.type), '{}') from streams s where s.type <> $2),
            (select count(*) from events e where not exists (select 1 from streams s where s.id = e.stream_id)),
            (select count(*) from streams s
             where s.version <> (select count(*) from events e where e.stream_id = s.id)
                or s.version <> coalesce((select max(e.version) from events e where e.stream_id = s.id), 0)),
            (select coalesce(min(seq), 0) from events),
            (select coalesce(max(seq), 0) from events)
        """;

    // $1 Marten's stream type. tenant_id and compacted_version take Marten's own column defaults.
    private const string CopyStreamsSql = """
        insert into mt_streams (id, type, version, timestamp, created, is_archived)
        select s.id, $1, s.version, s.updated_at, s.created_at, s.archived
        from streams s
        order by s.created_at, s.id
        """;

    // $1 aliases, $2 their .NET type names (Marten's mt_dotnet_type), $3..$5 the actor header names. The old seq is kept
    // as seq_id, so the log keeps its order and auditors their sequence numbers. The headers hold only the actor values
    // present, and are null when none is (as Marten writes an event without headers).
    private const string CopyEventsSql = """
        insert into mt_events (seq_id, id, stream_id, version, data, type, timestamp, mt_dotnet_type,
            correlation_id, causation_id, headers, is_archived)
        select e.seq, e.id, e.stream_id, e.version, e.data, e.type, e.recorded_at, t.dotnet_type,
            e.metadata->>'correlationId', e.metadata->>'causationId',
            nullif(jsonb_strip_nulls(jsonb_build_object(
                $3::text, e.metadata->'actorId', $4::text, e.metadata->'actorName', $5::text, e.metadata->'actorRole')), '{}'),
            s.archived
        from events e
        join streams s on s.id = e.stream_id
        join unnest($1::text[], $2::text[]) as t(alias, dotnet_type) on t.alias = e.type
        order by e.seq
        """;

    // Marten draws seq_id from the column's sequence; the next append must come after the copied events (never lower it).
    private const string AdvanceSequenceSql = """
        select setval(q.seq, greatest(coalesce(pg_sequence_last_value(q.seq), 0), (select max(seq_id) from mt_events)))
        from (select pg_get_serial_sequence('mt_events', 'seq_id')::regclass as seq) q
        """;

    // An old async projection's checkpoint is (tx_id, seq); the events after it are the ones it had not processed.
    private const string CheckpointsSql = """
        select c.name, c.seq, (select count(*) from events e where (e.tx_id, e.seq) > (c.tx_id, c.seq))
        from projection_checkpoints c
        order by c.name
        """;

    private const string DeadLettersSql = "select projection, count(*) from projection_dead_letters group by projection order by projection";

    /// <summary>Copies the legacy log if there is one, rebuilds the read models, and tells <paramref name="output"/> what it did.</summary>
    public async Task<LegacyImportResult> RunAsync(TextWriter output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(output);
        var (hasLog, hasCheckpoints, hasDeadLetters) = await LegacyTablesAsync(ct);
        if (!hasLog)
        {
            output.WriteLine("No legacy event store here (no tables 'events' and 'streams'): nothing to import.");
            return new LegacyImportResult(LegacyImportOutcome.NothingToImport, 0, 0, []);
        }

        var copy = await CopyAsync(output, ct);
        if (copy.Outcome is LegacyImportOutcome.Refused or LegacyImportOutcome.NothingToImport)
        {
            LeftInPlace(output);
            return copy;
        }

        await ReportOldProjectionsAsync(output, hasCheckpoints, hasDeadLetters, ct);
        var rebuilt = await RebuildAsync(output, ct);
        LeftInPlace(output);
        return copy with { Rebuilt = rebuilt };
    }

    private async Task<LegacyImportResult> CopyAsync(TextWriter output, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await ExecuteAsync(connection, tx, LockMartenSql, ct);
        await ExecuteAsync(connection, tx, LockLegacySql, ct);
        var survey = await SurveyAsync(connection, tx, ct);
        output.WriteLine(Invariant($"Legacy event store: {Count(survey.Events, "event")} (seq {survey.MinSeq}..{survey.MaxSeq}) in {Count(survey.Streams, "stream")}."));

        if (survey.Events == 0)
        {
            output.WriteLine("The legacy log is empty: nothing to import.");
            return new LegacyImportResult(LegacyImportOutcome.NothingToImport, 0, 0, []);
        }

        if (survey.AlreadyCopied == survey.Events)
        {
            output.WriteLine($"Already imported: all {Count(survey.Events, "legacy event")} are in Marten's log (mt_events); nothing copied. "
                + "The read models are rebuilt again, in case an earlier run stopped before its rebuilds.");
            return new LegacyImportResult(LegacyImportOutcome.AlreadyImported, 0, 0, []);
        }

        if (Refusal(survey) is { } reason)
        {
            output.WriteLine($"Refused, nothing changed: {reason}");
            return new LegacyImportResult(LegacyImportOutcome.Refused, 0, 0, []);
        }

        var streams = await ExecuteAsync(connection, tx, CopyStreamsSql, ct, new NpgsqlParameter<string> { TypedValue = TicketEventTypes.StreamType });
        var events = await ExecuteAsync(connection, tx, CopyEventsSql, ct,
            new NpgsqlParameter<string[]> { TypedValue = [.. TicketEventTypes.All.Select(t => t.Alias)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
            new NpgsqlParameter<string[]> { TypedValue = [.. TicketEventTypes.All.Select(t => DotNetTypeName(t.Type))], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
            new NpgsqlParameter<string> { TypedValue = EventStamping.ActorIdHeader },
            new NpgsqlParameter<string> { TypedValue = EventStamping.ActorNameHeader },
            new NpgsqlParameter<string> { TypedValue = EventStamping.ActorRoleHeader });
        if (events != survey.Events || streams != survey.Streams)
        {
            // The survey said every row can be copied; anything else is a bug, and the rollback keeps the database as it was.
            throw new InvalidOperationException(Invariant($"Copied {events} of {survey.Events} events and {streams} of {survey.Streams} streams; rolled back."));
        }

        await ExecuteAsync(connection, tx, AdvanceSequenceSql, ct);
        await tx.CommitAsync(ct);
        output.WriteLine($"Copied {Count(events, "event")} and {Count(streams, "stream")} into mt_events and mt_streams in one transaction, in the old order "
            + Invariant($"(seq {survey.MinSeq}..{survey.MaxSeq} kept as seq_id); Marten's event sequence continues after {survey.MaxSeq}."));
        output.WriteLine("No notification mail was queued for the imported events: they were mailed, if at all, when they happened.");
        return new LegacyImportResult(LegacyImportOutcome.Imported, events, streams, []);
    }

    private static string? Refusal(Survey survey)
    {
        if (survey.AlreadyCopied > 0)
        {
            return Invariant($"{survey.AlreadyCopied} of the {survey.Events} legacy events are already in mt_events, the others are not. ")
                + "An import copies all or nothing, so the old log changed after it was imported (was an old node still writing?). "
                + "Compare the two logs before going on.";
        }

        if (survey.MartenEvents > 0 || survey.StreamsTaken > 0)
        {
            return Invariant($"Marten's log already holds {survey.MartenEvents} events written by this version (and {survey.StreamsTaken} of the ")
                + "legacy stream ids). The legacy log is imported into an empty mt_events, before this version serves requests; "
                + "restore the database from before the upgrade and run the import first.";
        }

        if (survey.UnknownTypes.Length > 0)
        {
            return $"the legacy log holds event types this version does not know: {string.Join(", ", survey.UnknownTypes)}.";
        }

        if (survey.UnknownStreamTypes.Length > 0)
        {
            return $"the legacy log holds streams that are not tickets: {string.Join(", ", survey.UnknownStreamTypes)}.";
        }

        if (survey.OrphanEvents > 0 || survey.InconsistentStreams > 0)
        {
            return Invariant($"the legacy log is inconsistent: {survey.OrphanEvents} events have no stream row and {survey.InconsistentStreams} ")
                + "streams' versions do not match their events (1..version without gaps).";
        }

        return null;
    }

    private async Task ReportOldProjectionsAsync(TextWriter output, bool hasCheckpoints, bool hasDeadLetters, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        output.WriteLine("Old projection checkpoints and dead letters are not imported: the read models are rebuilt from the copied log below, "
            + "and notification mails are queued by each append now, not by a checkpointed consumer.");
        if (hasCheckpoints)
        {
            await using var command = new NpgsqlCommand(CheckpointsSql, connection) { CommandTimeout = 0 };
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var behind = reader.GetInt64(2);
                output.WriteLine(Invariant($"  old projection {reader.GetString(0)}: at seq {reader.GetInt64(1)}, {Count(behind, "event")} behind")
                    + (behind > 0 ? " (what it had not processed when the old version stopped is not processed now: no mail is queued for them)" : ""));
            }
        }

        if (hasDeadLetters)
        {
            await using var command = new NpgsqlCommand(DeadLettersSql, connection);
            await using var reader = await command.ExecuteReaderAsync(ct);
            var any = false;
            while (await reader.ReadAsync(ct))
            {
                any = true;
                output.WriteLine($"  old dead letters of {reader.GetString(0)}: {Count(reader.GetInt64(1), "event")} (kept in projection_dead_letters for reference)");
            }

            if (!any)
            {
                output.WriteLine("  old dead letters: none");
            }
        }
    }

    private async Task<IReadOnlyList<string>> RebuildAsync(TextWriter output, CancellationToken ct)
    {
        var rebuilt = new List<string>();
        foreach (var name in ReadModelRebuilder.Names)
        {
            if (await rebuilder.RebuildAsync(name, null, ct) == RebuildOutcome.Completed)
            {
                rebuilt.Add(name);
                output.WriteLine($"Rebuilt read model {name} from the log.");
            }
            else
            {
                output.WriteLine($"A rebuild of {name} is already running elsewhere; when it is done, run 'projections rebuild {name}'.");
            }
        }

        return rebuilt;
    }

    private static void LeftInPlace(TextWriter output) =>
        output.WriteLine($"The old tables ({string.Join(", ", LegacyTables)}) and functions are left in place, unchanged; this version "
            + "neither reads nor writes them. Drop them once the imported log has been checked.");

    /// <summary>The .NET type name Marten writes in <c>mt_dotnet_type</c>: full name and assembly name.</summary>
    internal static string DotNetTypeName(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";

    private async Task<(bool Log, bool Checkpoints, bool DeadLetters)> LegacyTablesAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(LegacyTablesSql);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetBoolean(0), reader.GetBoolean(1), reader.GetBoolean(2));
    }

    private static async Task<Survey> SurveyAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(SurveySql, connection, tx) { CommandTimeout = 0 };
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. TicketEventTypes.All.Select(t => t.Alias)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = LegacyTicketStreamType });
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new Survey(
            Events: reader.GetInt64(0), Streams: reader.GetInt64(1), AlreadyCopied: reader.GetInt64(2), MartenEvents: reader.GetInt64(3),
            StreamsTaken: reader.GetInt64(4), UnknownTypes: reader.GetFieldValue<string[]>(5), UnknownStreamTypes: reader.GetFieldValue<string[]>(6),
            OrphanEvents: reader.GetInt64(7), InconsistentStreams: reader.GetInt64(8), MinSeq: reader.GetInt64(9), MaxSeq: reader.GetInt64(10));
    }

    // The copy of a long log outlasts the host's per-statement timeout: these statements have none.
    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string sql, CancellationToken ct, params NpgsqlParameter[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, tx) { CommandTimeout = 0 };
        command.Parameters.AddRange(parameters);
        return await command.ExecuteNonQueryAsync(ct);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Count(long count, string noun) => count.ToString(CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? "" : "s");

    private sealed record Survey(
        long Events, long Streams, long AlreadyCopied, long MartenEvents, long StreamsTaken, string[] UnknownTypes,
        string[] UnknownStreamTypes, long OrphanEvents, long InconsistentStreams, long MinSeq, long MaxSeq);
}
