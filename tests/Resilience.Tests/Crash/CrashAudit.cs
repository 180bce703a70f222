using System.Text.Json;
using Ticketing.Resilience.Tests.Infrastructure;

namespace Ticketing.Resilience.Tests.Crash;

/// <summary>
/// What the crash test checks after the restart: Marten's log (<c>mt_events</c>, <c>mt_streams</c>), the inline read
/// models, HTTP, the outbox and the pickup folder.
/// </summary>
public sealed class CrashAudit(TicketingDb db, ApiNode node, Msp msp, Figures figures)
{
    private const string LoadReplies =
        $"(e.data->>'body' like '{TicketLoad.StaffReplyPrefix}%' or e.data->>'body' like '{TicketLoad.PortalReplyPrefix}%')";

    /// <summary>Acknowledged tickets with no stream in the event log.</summary>
    public async Task<List<Guid>> LostTicketsAsync(IEnumerable<AcknowledgedTicket> tickets)
    {
        var ids = tickets.Select(t => t.Id).ToArray();
        var logged = await db.ColumnAsync<Guid>("select distinct stream_id from mt_events where stream_id = any($1) and version = 1", ids);
        return [.. ids.Except(logged)];
    }

    /// <summary>
    /// Acknowledged replies whose event is not in the log: a technician's found by its body, a contact's (stored sealed,
    /// ADR 0027) by its reply id.
    /// </summary>
    public async Task<List<string>> LostRepliesAsync(IEnumerable<AcknowledgedReply> replies)
    {
        var all = replies.ToList();
        var bodies = all.Where(r => !r.ByContact).Select(r => r.Body).ToArray();
        var logged = await db.ColumnAsync<string>("select data->>'body' from mt_events where data->>'body' = any($1)", (object)bodies);
        var replyIds = all.Where(r => r.ByContact).Select(r => r.ReplyId!.Value.ToString()).ToArray();
        var loggedIds = await db.ColumnAsync<string>("select data->>'replyId' from mt_events where data->>'replyId' = any($1)", (object)replyIds);
        return [.. bodies.Except(logged), .. all.Where(r => r.ByContact && !loggedIds.Contains(r.ReplyId!.Value.ToString())).Select(r => r.Body)];
    }

    /// <summary>
    /// Reply bodies that appear more than once in the log or in the timeline read model. A contact's body is sealed
    /// there; <see cref="AcknowledgedMissingOverHttpAsync"/> counts those read twice on the ticket page.
    /// </summary>
    public async Task<long> DuplicatedRepliesAsync() =>
        await db.ScalarAsync<long>($"select count(*) from (select e.data->>'body' from mt_events e where {LoadReplies} group by 1 having count(*) > 1) d") +
        await db.ScalarAsync<long>($"select count(*) from (select body from ticket_timeline e where {LoadReplies.Replace("e.data->>'body'", "e.body", StringComparison.Ordinal)} group by 1 having count(*) > 1) d");

    /// <summary>
    /// Ticket streams whose events do not number 1..n with n the stream's version in <c>mt_streams</c>: a version taken
    /// twice, a gap, or a stream row that disagrees with its events.
    /// </summary>
    public Task<long> StreamsWithBrokenVersionsAsync() => db.ScalarAsync<long>("""
        select count(*) from mt_streams s
        left join lateral (select count(*) as events, count(distinct e.version) as versions, min(e.version) as first, max(e.version) as last
                           from mt_events e where e.stream_id = s.id) e on true
        where s.type = 'ticket'
          and (e.events <> s.version or e.versions <> e.events or e.first is distinct from 1 or e.last is distinct from s.version)
        """);

    /// <summary>
    /// Ticket streams whose list or portal row is missing or behind the stream (both follow every event's version) or
    /// that have no detail row (it only moves with detail fields), plus reply events without a timeline row.
    /// </summary>
    public async Task<long> StreamsBehindInReadModelsAsync() =>
        await db.ScalarAsync<long>("""
            select count(*) from mt_streams s
            left join ticket_list l on l.id = s.id
            left join ticket_details d on d.id = s.id
            left join portal_tickets p on p.id = s.id
            where s.type = 'ticket' and (l.version is distinct from s.version or p.version is distinct from s.version or d.id is null)
            """) +
        await db.ScalarAsync<long>("""
            select count(*) from mt_events e
            where e.data ? 'replyId'
              and not exists (select 1 from ticket_timeline t where t.ticket_id = e.stream_id and t.entry_id = (e.data->>'replyId')::uuid)
            """);

    /// <summary>
    /// Acknowledged tickets or replies missing from what clients read: the technician's list and ticket page, the
    /// contact's portal ticket page.
    /// </summary>
    public async Task<int> AcknowledgedMissingOverHttpAsync(IReadOnlyCollection<AcknowledgedTicket> tickets, IReadOnlyCollection<AcknowledgedReply> replies)
    {
        using var staff = node.Client(msp.TechnicianToken);
        var listed = new HashSet<Guid>();
        string? cursor = null;
        do
        {
            var page = await Msp.GetAsync(staff, $"/api/tickets?customerId={msp.CustomerId}&limit=100" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
            listed.UnionWith(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
            cursor = page.TryGetProperty("nextCursor", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (cursor is not null);

        var missing = tickets.Count(t => !listed.Contains(t.Id));
        var contacts = msp.Contacts.Select(c => node.Client(c.Token)).ToArray();
        try
        {
            foreach (var ticket in tickets)
            {
                var own = replies.Where(r => r.TicketId == ticket.Id).Select(r => r.Body).ToArray();
                var page = (await Msp.GetAsync(staff, $"/api/tickets/{ticket.Id}")).GetRawText();
                var portal = (await Msp.GetAsync(contacts[ticket.Contact], $"/api/portal/tickets/{ticket.Id}")).GetRawText();
                // Missing from either page, or shown twice there (a contact's duplicate cannot be seen in the sealed log).
                missing += own.Count(body => !page.Contains(body, StringComparison.Ordinal) || !portal.Contains(body, StringComparison.Ordinal)
                    || page.IndexOf(body, StringComparison.Ordinal) != page.LastIndexOf(body, StringComparison.Ordinal));
            }
        }
        finally
        {
            foreach (var contact in contacts)
            {
                contact.Dispose();
            }
        }

        figures.Print($"read over HTTP: {listed.Count} tickets listed, {tickets.Count} ticket pages and {tickets.Count} portal pages, {missing} acknowledged items missing");
        return missing;
    }

    public async Task PrintTotalsAsync()
    {
        var events = await db.ScalarAsync<long>("select count(*) from mt_events");
        var streams = await db.ScalarAsync<long>("select count(*) from mt_streams where type = 'ticket'");
        var replyEvents = await db.ScalarAsync<long>($"select count(*) from mt_events e where {LoadReplies}");
        var files = Directory.Exists(node.PickupFolder) ? Directory.GetFiles(node.PickupFolder, "*.eml").Length : 0;
        figures.Print($"log: {events} events in {streams} ticket streams ({replyEvents} replies of the load); {files} .eml files (a re-sent mail replaces its own file)");
    }
}
