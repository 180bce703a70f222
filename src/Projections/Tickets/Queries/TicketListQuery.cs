using Npgsql;

namespace Ticketing.Projections.Tickets.Queries;

/// <summary>
/// The technicians' ticket list: filters, keyset paging on (created_at desc, id desc) and an optional total,
/// in one round trip. Reads <c>ticket_list</c> only (a Taskfire pair's partner row for its completion date, ADR 0023).
/// </summary>
public sealed class TicketListQuery(NpgsqlDataSource dataSource)
{
    /// <exception cref="InvalidCursorException">The cursor was not produced by this query.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The limit is outside 1..<see cref="TicketListFilter.MaxLimit"/>.</exception>
    public async Task<TicketListPage> ExecuteAsync(TicketListFilter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(filter.Limit, 1, nameof(filter));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(filter.Limit, TicketListFilter.MaxLimit, nameof(filter));
        TicketListCursor? after = filter.Cursor is { } cursor ? TicketListCursor.Decode(cursor) : null;

        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(TicketListSqlBuilder.Page(filter, after));
        if (filter.IncludeTotal)
        {
            batch.BatchCommands.Add(TicketListSqlBuilder.Count(filter));
        }

        await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var items = new List<TicketListItem>(filter.Limit + 1);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            items.Add(TicketListColumns.Read(reader) with { TaskfireCompletion = TicketListColumns.ReadCompletion(reader, TicketListColumns.Count) });
        }

        long? total = null;
        if (filter.IncludeTotal && await reader.NextResultAsync(ct).ConfigureAwait(false) && await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            total = reader.GetInt64(0);
        }

        string? next = null;
        if (items.Count > filter.Limit)
        {
            items.RemoveAt(items.Count - 1);
            next = new TicketListCursor(items[^1].CreatedAt, items[^1].Id).Encode();
        }

        return new TicketListPage(items, next, total);
    }
}
