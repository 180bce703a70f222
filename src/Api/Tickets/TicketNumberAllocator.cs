using Npgsql;
using Ticketing.Application.EventSourcing;
using Ticketing.Application.Tickets;
using Ticketing.Domain.Tickets;
using Ticketing.EventStore;

namespace Ticketing.Api.Tickets;

/// <summary>
/// Draws the day's next number and appends the new ticket in ONE transaction. The counter row stays locked until
/// commit, so creations of one day are serialised: that is the price of numbers without gaps or duplicates.
/// Creations queue in-process before taking a connection, so a burst waits here instead of holding most of the
/// connection pool idle on the same row lock (which starves every other request of connections).
/// </summary>
public sealed class TicketNumberAllocator(NpgsqlDataSource dataSource, ITransactionalEventStore store) : ITicketNumberAllocator, IDisposable
{
    private readonly SemaphoreSlim _gate = new(4, 4);

    private const string NextSql = """
        insert into ticket_number_counters (day, last_number) values ($1, 1)
        on conflict (day) do update set last_number = ticket_number_counters.last_number + 1
        returning last_number
        """;

    public async Task<IReadOnlyList<AppendResult>> AppendWithNextNumberAsync(
        DateOnly localDate, Func<TicketNumber, IReadOnlyList<StreamAppend>> build, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            return await AppendAsync(localDate, build, ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task<IReadOnlyList<AppendResult>> AppendAsync(
        DateOnly localDate, Func<TicketNumber, IReadOnlyList<StreamAppend>> build, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        int counter;
        await using (var next = new NpgsqlCommand(NextSql, connection, tx) { Parameters = { new() { Value = localDate } } })
        {
            counter = (int)(await next.ExecuteScalarAsync(ct))!;
        }

        var results = await store.AppendAsync(connection, tx, build(TicketNumber.Create(localDate, counter)), ct);
        await tx.CommitAsync(ct);
        store.NotifyCommitted();
        return results;
    }
}
