using FluentValidation;
using FluentValidation.Results;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Ticketing.Api.Admin.Settings;
using Ticketing.Api.Portal;
using Ticketing.Api.Portal.Tickets;
using Ticketing.Application.Errors;
using Ticketing.Application.Identity;
using Ticketing.Application.Persistence;
using Ticketing.Application.Portal;
using Ticketing.Projections.Portal;

namespace Ticketing.Api.Audit.Visibility;

/// <summary>
/// <c>GET /api/audit/visibility?contactId=&amp;at=</c> (auditors): the tickets the contact could list in the portal at the
/// instant (paged like the portal: <c>scope</c>, <c>cursor</c>, <c>limit</c>), or with <c>ticketId</c> that ticket's page
/// as the portal showed it and the mails the contact had been sent about it. The tickets are replayed from the event
/// log up to the instant, the settings, field rules and the contact's role and company switches are the ones then in
/// force, and the list and page come from the portal's own queries and shaper (ADR 0026). <c>at</c> defaults to now.
/// </summary>
public static class VisibilityReplayEndpoint
{
    /// <summary>Tickets replayed per round while a list page is filled.</summary>
    private const int Round = 200;

    public static async Task<Ok<VisibilityReplay>> HandleAsync(
        Guid? contactId, DateTimeOffset? at, Guid? ticketId, string? scope, string? cursor, int? limit,
        NpgsqlDataSource dataSource, IDocumentStore store, PortalTicketQueries portal, ICustomerDirectory directory, SettingsDefaults defaults, TimeProvider clock,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var failures = new List<ValidationFailure>();
        if (contactId is null)
        {
            failures.Add(new("contactId", "contactId is required."));
        }

        if (at > now)
        {
            failures.Add(new("at", "at is an instant in the past; the portal of the future cannot be replayed."));
        }

        if (ticketId is not null && (scope ?? cursor ?? (object?)limit) is not null)
        {
            failures.Add(new("ticketId", "A ticket's page is not paged: leave out scope, cursor and limit."));
        }

        if (failures.Count > 0)
        {
            throw new ValidationException(failures);
        }

        var instant = at ?? now;
        await using var replay = await PortalReplay.OpenAsync(dataSource, store, portal, instant, ct);
        var contact = await ContactAtInstant.FindAsync(replay.Connection, directory, contactId!.Value, instant, ct)
            ?? throw new NotFoundException("contact.not_found", $"Contact {contactId} did not exist at {instant:O}.");
        var snapshot = await new CurrentSettings(dataSource, defaults).AtAsync(replay.Connection, instant, ct);
        var settings = StoredPortalSettings.ToPortalSettings(snapshot);
        var caller = new PortalCaller(
            contact.Id, contact.CustomerId, contact.IsPrimary, PortalTexts.Choose(contact.Language, []), PortalContexts.FindZone(contact.TimeZone));
        var context = new PortalContext(caller, settings, StoredTicketSettings.ToPolicies(snapshot), instant);
        var open = settings.TicketingEnabled && contact.TicketingPortalEnabled;
        var result = new VisibilityReplay(
            contact.Id, instant, new ContactAsOf(contact.CustomerId, contact.IsPrimary, caller.Language, contact.TimeZone, contact.TicketingPortalEnabled),
            open, open ? null : PortalContexts.TicketingDisabled, snapshot.Versions, null, null);

        if (ticketId is { } id)
        {
            var page = open ? await PageAsync(replay, id, context, directory, ct) : null;
            var mails = await MailsAsync(replay.Connection, contact.Id, id, instant, ct);
            return TypedResults.Ok(result with { Ticket = new TicketAsSeen(id, page is not null, page?.Version, page, mails) });
        }

        var list = open
            ? await ListAsync(replay, context, directory, new PortalTicketListQuery(null, null, null, null, null, null, null, scope, cursor, limit), ct)
            : new([], null);
        return TypedResults.Ok(result with { Tickets = list });
    }

    /// <summary>The page, or null exactly when the portal answers 404 (outside the contact's view, or no such ticket then).</summary>
    private static async Task<Portal.Views.PortalTicketDetails?> PageAsync(
        PortalReplay replay, Guid ticketId, PortalContext context, ICustomerDirectory directory, CancellationToken ct)
    {
        await replay.ReplayAsync([ticketId], ct);
        try
        {
            return await GetPortalTicket.LoadAsync(ticketId, context, replay.Queries, directory, ct);
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// Replays the company's tickets newest first, a round at a time, and asks the portal's list query after each round.
    /// A page is complete once the query finds more rows than the page holds (every ticket not yet replayed is older
    /// than every row found, so none can come before them) or once no ticket is left.
    /// </summary>
    private static async Task<Portal.Views.PortalTicketListPage> ListAsync(
        PortalReplay replay, PortalContext context, ICustomerDirectory directory, PortalTicketListQuery request, CancellationToken ct)
    {
        ReplayCandidate? after = null;
        while (true)
        {
            IReadOnlyList<ReplayCandidate> round;
            try
            {
                round = await replay.CandidatesAsync(context.Caller.CustomerId, request.Cursor, after, Round, ct);
            }
            catch (InvalidPortalCursorException invalid)
            {
                throw new ValidationException([new ValidationFailure("cursor", invalid.Message)]);
            }

            await replay.ReplayAsync([.. round.Select(c => c.Id)], ct);
            var page = await ListPortalTickets.ListAsync(context, request, replay.Queries, directory, ct);
            if (page.NextCursor is not null || round.Count < Round)
            {
                return page;
            }

            after = round[^1];
        }
    }

    private static async Task<IReadOnlyList<MailSentToContact>> MailsAsync(
        NpgsqlConnection connection, Guid contactId, Guid ticketId, DateTimeOffset at, CancellationToken ct)
    {
        await using var query = connection.Sql("""
            select mail_id, kind, language, caused_by, queued_at, sent_at from mail_log
            where recipient_id = $1 and ticket_id = $2 and sent_at <= $3
            order by sent_at, mail_id
            """).With(contactId).With(ticketId).With(at);
        await using var reader = await query.ExecuteReaderAsync(ct);
        var mails = new List<MailSentToContact>();
        while (await reader.ReadAsync(ct))
        {
            mails.Add(new MailSentToContact(
                reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetGuid(3),
                reader.GetFieldValue<DateTimeOffset>(4), reader.GetFieldValue<DateTimeOffset>(5)));
        }

        return mails;
    }
}
