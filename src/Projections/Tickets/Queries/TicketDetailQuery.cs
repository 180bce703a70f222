using Ticketing.Application.Privacy;
using System.Text.Json;
using Npgsql;
using Ticketing.Domain.Tickets;
using Ticketing.Projections.Tickets.Details;
using static Ticketing.Projections.ProjectionSql;
using static Ticketing.Projections.Tickets.Queries.TicketListColumns;

namespace Ticketing.Projections.Tickets.Queries;

/// <summary>A ticket with its details and timeline in one round trip; reads the ticket read models only.</summary>
public sealed class TicketDetailQuery(NpgsqlDataSource dataSource, PersonalDataReveal? reveal = null)
{
    private const string TicketSql = $"""
        select {TicketListColumns.Select}, d.description, d.custom_fields::text, d.created_by_id, d.created_by_kind,
            d.taskfire_queue, d.taskfire_note, {TicketListColumns.Completion}
        from ticket_list l join ticket_details d on d.id = l.id
            {TicketListColumns.PartnerJoin}
        where l.id = $1 and not l.deleted
        """;

    private const string TimelineSql = """
        select t.entry_id, t.version, t.kind, t.author_id, t.author_kind, t.body, t.visibility, t.taskfire_related,
            t.mirrored_from, t.from_status_id, t.to_status_id, t.attachments::text, t.at,
            nullif(trim(concat_ws(' ', u.first_name, u.last_name)), '')
        from ticket_timeline t left join users u on u.id = t.author_id
        where {0}
        order by t.at, t.entry_id
        """;

    // A copy's own entries that are public or Taskfire-related, and the public replies of its MSP ticket (the end
    // user's conversation) that were not mirrored onto the copy already; never an MSP internal note (ADR 0022).
    private const string TaskfireTimeline = """
        (t.ticket_id = $1 and (t.visibility = 'public' or t.taskfire_related))
            or (t.ticket_id = (select m.linked_ticket_id from ticket_list m where m.id = $1 and m.side = 'taskfire_copy')
                and t.kind = 'reply' and t.visibility = 'public' and not t.taskfire_related)
        """;

    /// <summary>The ticket, or null when it does not exist or was deleted.</summary>
    public async Task<TicketDetail?> GetAsync(Guid id, TimelineAudience audience, CancellationToken ct)
    {
        var visible = audience switch
        {
            TimelineAudience.Staff => "t.ticket_id = $1",
            TimelineAudience.Public => "t.ticket_id = $1 and t.visibility = 'public'",
            TimelineAudience.Taskfire => TaskfireTimeline,
            _ => throw new ArgumentOutOfRangeException(nameof(audience), audience, null),
        };

        // The timeline is read even if the ticket turns out missing: one round trip beats saving a tiny query.
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Command(TicketSql, P(id)));
        batch.BatchCommands.Add(Command(string.Format(System.Globalization.CultureInfo.InvariantCulture, TimelineSql, visible), P(id)));
        await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
        if (!await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            return null;
        }

        var ticket = Read(reader);
        const int d = Count;
        var customFields = JsonSerializer.Deserialize(reader.GetString(d + 1), TicketEventJson.Default.DictionaryStringString) ?? [];
        var createdBy = new Actor(reader.GetGuid(d + 2), SqlEnum<ActorKind>.Parse(reader.GetString(d + 3)));
        var (description, queue, note) = (NullableString(reader, d), NullableString(reader, d + 4), NullableString(reader, d + 5));
        var completion = ReadCompletion(reader, d + 6);

        await reader.NextResultAsync(ct).ConfigureAwait(false);
        var timeline = new List<TimelineEntry>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            timeline.Add(ReadEntry(reader));
        }

        // What a contact wrote is stored sealed (ADR 0027): opened here, or shown as erased.
        if (reveal is not null)
        {
            var open = await reveal.ForAsync([description, .. timeline.Select(e => e.Body)], ct).ConfigureAwait(false);
            description = open(description);
            timeline = [.. timeline.Select(e => e with { Body = open(e.Body) })];
        }

        return new TicketDetail(ticket, description, customFields, createdBy, queue, note, timeline, completion);
    }

    private static TimelineEntry ReadEntry(NpgsqlDataReader r) => new(
        Id: r.GetGuid(0),
        Version: r.GetInt64(1),
        Kind: SqlEnum<TimelineEntryKind>.Parse(r.GetString(2)),
        Author: new Actor(r.GetGuid(3), SqlEnum<ActorKind>.Parse(r.GetString(4))),
        Body: NullableString(r, 5),
        Visibility: SqlEnum<ReplyVisibility>.Parse(r.GetString(6)),
        TaskfireRelated: r.GetBoolean(7),
        MirroredFrom: NullableGuid(r, 8),
        FromStatusId: NullableString(r, 9),
        ToStatusId: NullableString(r, 10),
        Attachments: JsonSerializer.Deserialize(r.GetString(11), TicketEventJson.Default.IReadOnlyListAttachmentMetadata) ?? [],
        At: r.GetFieldValue<DateTimeOffset>(12),
        AuthorName: NullableString(r, 13));
}
