using Npgsql;
using NpgsqlTypes;
using Ticketing.Application.EventSourcing;
using static Ticketing.EventStore.EventRows;

namespace Ticketing.EventStore;

/// <summary>Turns the database's refusals of an append into <see cref="ConcurrencyException"/>.</summary>
internal static class AppendConflicts
{
    /// <summary>Raised by <c>append_events</c> when the stream is not at the expected version.</summary>
    public const string VersionMismatchSqlState = "ES409";

    // Unique keys that only a concurrent or repeated append can violate.
    private static readonly HashSet<string> AppendKeys = new(StringComparer.Ordinal)
    {
        "streams_pkey", "events_stream_version_key", "events_id_key",
    };

    public static bool IsConflict(PostgresException error) =>
        error.SqlState == VersionMismatchSqlState
        || (error.SqlState == PostgresErrorCodes.UniqueViolation && error.ConstraintName is { } name && AppendKeys.Contains(name));

    /// <summary>
    /// Finds the stream that conflicted by reading the current versions (one extra round trip, on conflict
    /// only). Error text is never parsed, and Npgsql redacts DETAIL and omits the failed batch command
    /// unless the connection string opts in, so the error itself cannot say which stream it was.
    /// </summary>
    public static async Task<ConcurrencyException> DescribeAsync(NpgsqlDataSource dataSource, IReadOnlyList<StreamAppend> appends, CancellationToken ct)
    {
        var actual = new Dictionary<Guid, long>();
        await using (var command = dataSource.CreateCommand("select id, version from streams where id = any($1)"))
        {
            command.Parameters.Add(Param(appends.Select(a => a.StreamId).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Uuid));
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                actual[reader.GetGuid(0)] = reader.GetInt64(1);
            }
        }

        var conflicting = appends.FirstOrDefault(a => !a.Expected.IsAny && actual.GetValueOrDefault(a.StreamId) != a.Expected.Value)
            ?? appends.FirstOrDefault(a => !a.Expected.IsAny)
            ?? appends[0];
        return new ConcurrencyException(conflicting.StreamId, conflicting.Expected, actual.GetValueOrDefault(conflicting.StreamId));
    }
}
