using System.Diagnostics;
using Npgsql;

namespace Ticketing.Bench;

/// <summary>
/// The messages a phase queued and the API has not handled yet (Wolverine's incoming envelopes still <c>Incoming</c>).
/// A phase ends when its backlog is handled, so the next phase does not pay for it and the phase's CPU per request
/// includes the work its requests set off. An API without Wolverine's tables (the main before it) has no backlog.
/// </summary>
public static class MessageBacklog
{
    public static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    /// <summary>Waits until nothing is left to handle (or <see cref="Limit"/>); returns what was left at the start and the wait.</summary>
    public static async Task<(long AtPhaseEnd, TimeSpan Drained, long Left)> DrainAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var exists = new NpgsqlCommand("select to_regclass('wolverine_incoming_envelopes') is not null", connection))
        {
            if (!(bool)(await exists.ExecuteScalarAsync())!)
            {
                return (0, TimeSpan.Zero, 0);
            }
        }

        await using var command = new NpgsqlCommand("select count(*) from wolverine_incoming_envelopes where status = 'Incoming'", connection);
        var clock = Stopwatch.StartNew();
        var atEnd = (long)(await command.ExecuteScalarAsync())!;
        var left = atEnd;
        while (left > 0 && clock.Elapsed < Limit)
        {
            await Task.Delay(100);
            left = (long)(await command.ExecuteScalarAsync())!;
        }

        return (atEnd, atEnd == 0 ? TimeSpan.Zero : clock.Elapsed, left);
    }
}
