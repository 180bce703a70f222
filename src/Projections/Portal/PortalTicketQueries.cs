using Ticketing.Application.Privacy;
using System.Text.Json;
using Npgsql;
using Ticketing.Domain.Tickets;
using Ticketing.Projections.Tickets;
using static Ticketing.Projections.ProjectionSql;

namespace Ticketing.Projections.Portal;

/// <summary>
/// The portal's reads. The list reads <c>portal_tickets</c> only (one index range scan, see 0150); the ticket
/// page adds the description and custom values from <c>ticket_details</c> and the PUBLIC rows of
/// <c>ticket_timeline</c>: internal and Taskfire notes are filtered out in SQL and never leave the database.
/// </summary>
/// <remarks>
/// The auditor's visibility replay (ADR 0026) runs these same statements on a connection whose temporary copies of
/// the read-model tables hold the tickets as they were at an instant (<see cref="On"/>), so the portal and the replay
/// cannot disagree on what a contact sees.
/// </remarks>
public sealed class PortalTicketQueries
{
    private readonly Func<NpgsqlBatch> createBatch;
    private readonly PersonalDataReveal? reveal;

    public PortalTicketQueries(NpgsqlDataSource dataSource, PersonalDataReveal? reveal = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        createBatch = dataSource.CreateBatch;
        this.reveal = reveal;
    }

    private PortalTicketQueries(Func<NpgsqlBatch> createBatch, PersonalDataReveal? reveal)
    {
        this.createBatch = createBatch;
        this.reveal = reveal;
    }

    /// <summary>The same queries on an open connection (and its transaction): they read the tables its search path finds.</summary>
    public PortalTicketQueries On(NpgsqlConnection connection, NpgsqlTransaction? transaction) =>
        new(() => new NpgsqlBatch(connection, transaction), reveal);

    // Only replies and status changes are portal entries; the kind check backs up the visibility check.
    private const string TimelineSql = """
        select t.entry_id, t.kind, t.author_kind, nullif(trim(concat_ws(' ', u.first_name, u.last_name)), ''),
            t.body, t.from_status_id, t.to_status_id, t.attachments::text, t.at
        from ticket_timeline t left join users u on u.id = t.author_id
        where t.ticket_id = $1 and t.visibility = 'public' and t.kind in ('reply', 'status_change')
        order by t.at, t.entry_id
        """;

    public async Task<PortalTicketPage> ListAsync(
        PortalScope scope, PortalVisibility visibility, PortalTicketFilter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(visibility);
        ArgumentNullException.ThrowIfNull(filter);
        var limit = Math.Clamp(filter.Limit, 1, PortalTicketFilter.MaxLimit);
        var sql = new PortalSql().Visible(scope, visibility, filter.CreatedFrom);
        AnyOf(sql, "p.status_id", filter.StatusIds);
        AnyOf(sql, "p.priority", filter.Priorities);
        AnyOf(sql, "p.type", filter.Types);
        AnyOf(sql, "p.impact", filter.Impacts);
        if (filter.CreatedTo is { } to)
        {
            sql.And($"p.created_at < {sql.Arg(P(to))}");
        }

        if (!string.IsNullOrWhiteSpace(filter.TitleContains))
        {
            sql.And($"p.title ilike {sql.Arg(P($"%{EscapeLike(filter.TitleContains.Trim())}%"))}");
        }

        if (filter.Cursor is not null)
        {
            var cursor = PortalCursor.Decode(filter.Cursor);
            sql.And($"(p.created_at, p.id) < ({sql.Arg(P(cursor.CreatedAt))}, {sql.Arg(P(cursor.Id))})");
        }

        var limitArg = sql.Arg(new NpgsqlParameter<int> { TypedValue = limit + 1 });
        await using var batch = createBatch();
        batch.BatchCommands.Add(sql.Command($"""
            select {PortalSql.Columns}
            {PortalSql.From}
            where {sql.Where}
            order by p.created_at desc, p.id desc
            limit {limitArg}
            """));
        var rows = new List<PortalTicketRow>(limit + 1);
        await using (var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                rows.Add(PortalSql.Read(reader));
            }
        }

        if (rows.Count <= limit)
        {
            return new PortalTicketPage(rows, null);
        }

        rows.RemoveAt(limit);
        var last = rows[^1];
        return new PortalTicketPage(rows, new PortalCursor(last.CreatedAt, last.Id).Encode());
    }

    /// <summary>The ticket page, or null when the ticket does not exist or is outside the contact's view.</summary>
    public async Task<PortalTicketDetail?> GetAsync(Guid id, PortalScope scope, PortalVisibility visibility, CancellationToken ct)
    {
        var sql = new PortalSql();
        sql.And($"p.id = {sql.Arg(P(id))}").Visible(scope, visibility);
        await using var batch = createBatch();
        batch.BatchCommands.Add(sql.Command($"""
            select {PortalSql.Columns}, d.description, d.custom_fields::text
            {PortalSql.From} left join ticket_details d on d.id = p.id
            where {sql.Where}
            """));
        batch.BatchCommands.Add(Command(TimelineSql, P(id)));
        await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
        if (!await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            // The timeline result is discarded unread: nothing of an invisible ticket is returned.
            return null;
        }

        var row = PortalSql.Read(reader);
        var description = PortalSql.Text(reader, PortalSql.ColumnCount);
        var customJson = PortalSql.Text(reader, PortalSql.ColumnCount + 1);
        var custom = customJson is null ? [] : JsonSerializer.Deserialize(customJson, TicketEventJson.Default.DictionaryStringString) ?? [];
        await reader.NextResultAsync(ct).ConfigureAwait(false);
        var timeline = new List<PortalTimelineEntry>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            timeline.Add(new PortalTimelineEntry(
                Id: reader.GetGuid(0),
                Kind: reader.GetString(1),
                AuthorKind: reader.GetString(2),
                AuthorName: PortalSql.Text(reader, 3),
                Body: PortalSql.Text(reader, 4),
                FromStatusId: PortalSql.Text(reader, 5),
                ToStatusId: PortalSql.Text(reader, 6),
                Attachments: JsonSerializer.Deserialize(reader.GetString(7), TicketEventJson.Default.IReadOnlyListAttachmentMetadata) ?? [],
                At: reader.GetFieldValue<DateTimeOffset>(8)));
        }

        // What a contact wrote is stored sealed (ADR 0027): opened here, or shown as erased.
        if (reveal is not null)
        {
            var open = await reveal.ForAsync([description, .. timeline.Select(e => e.Body)], ct).ConfigureAwait(false);
            description = open(description);
            timeline = [.. timeline.Select(e => e with { Body = open(e.Body) })];
        }

        return new PortalTicketDetail(row, description, custom, timeline);
    }

    /// <summary>The ticket's version when the contact can see it, else null; commands check this before running.</summary>
    public async Task<long?> VisibleVersionAsync(Guid id, PortalScope scope, PortalVisibility visibility, CancellationToken ct)
    {
        var sql = new PortalSql();
        sql.And($"p.id = {sql.Arg(P(id))}").Visible(scope, visibility);
        await using var batch = createBatch();
        batch.BatchCommands.Add(sql.Command($"select p.version from portal_tickets p where {sql.Where}"));
        return await batch.ExecuteScalarAsync(ct).ConfigureAwait(false) is long version ? version : null;
    }

    /// <summary>
    /// An attachment of a PUBLIC reply on a ticket the contact can see, else null: attachments of internal notes
    /// are not downloadable from the portal even by id.
    /// </summary>
    public async Task<AttachmentMetadata?> FindAttachmentAsync(
        Guid ticketId, Guid attachmentId, PortalScope scope, PortalVisibility visibility, CancellationToken ct)
    {
        var sql = new PortalSql();
        sql.And($"p.id = {sql.Arg(P(ticketId))}").Visible(scope, visibility);
        sql.And($"f->>'id' = {sql.Arg(P(attachmentId.ToString()))}");
        await using var batch = createBatch();
        batch.BatchCommands.Add(sql.Command($"""
            select f->>'fileName', f->>'contentType', (f->>'size')::bigint, f->>'sha256'
            from portal_tickets p
            join ticket_timeline t on t.ticket_id = p.id and t.visibility = 'public' and t.kind = 'reply'
            cross join lateral jsonb_array_elements(t.attachments) f
            where {sql.Where}
            limit 1
            """));
        await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await reader.ReadAsync(ct).ConfigureAwait(false)
            ? new AttachmentMetadata(attachmentId, reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3))
            : null;
    }

    private static void AnyOf(PortalSql sql, string column, IReadOnlyList<string>? values)
    {
        if (values is { Count: > 0 })
        {
            sql.And($"{column} = any({sql.Arg(TextArray([.. values]))})");
        }
    }

    private static string EscapeLike(string text) => text
        .Replace(@"\", @"\\", StringComparison.Ordinal)
        .Replace("%", @"\%", StringComparison.Ordinal)
        .Replace("_", @"\_", StringComparison.Ordinal);
}
