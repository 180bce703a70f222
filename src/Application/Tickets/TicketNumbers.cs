using Marten;
using Npgsql;

namespace Ticketing.Application.Tickets;

/// <summary>
/// Gap-free ticket numbers (T2): the day's next number is drawn in the transaction of the session that appends the new
/// ticket, so a failed append gives its number back and no two tickets share one. The counter row stays locked until
/// commit, so creations of one day are serialised: the price of numbers without gaps or duplicates (ADR 0033 measures it).
/// </summary>
public static class TicketNumbers
{
    private const string NextSql = """
        insert into ticket_number_counters (day, last_number) values ($1, 1)
        on conflict (day) do update set last_number = ticket_number_counters.last_number + 1
        returning last_number
        """;

    /// <summary>Begins the session's transaction (if not begun) and draws the next counter of <paramref name="localDate"/>.</summary>
    public static async Task<int> NextAsync(IDocumentSession session, DateOnly localDate, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        await session.BeginTransactionAsync(ct).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(NextSql, session.Connection) { Parameters = { new() { Value = localDate } } };
        return (int)(await command.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }
}
