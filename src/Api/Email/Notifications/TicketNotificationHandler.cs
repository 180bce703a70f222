using Marten;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Ticketing.Application.Email;
using Ticketing.Application.Portal;
using Ticketing.Application.Tickets.Notifications;
using Wolverine;

namespace Ticketing.Api.Email.Notifications;

/// <summary>
/// Ticket notification mails (A4): the command that appended a notifying event queued its notice when the ticket had
/// someone to mail (<see cref="TicketNotices"/>); the recipients' addresses, languages and the template values are read
/// when the notice is handled (normally milliseconds after the commit). Each mail's id derives
/// from the event and the recipient, so a notice handled twice (a crash before it was marked handled) sends the same
/// mail again, with the same Message-ID, never a second one.
/// </summary>
public static class TicketNotificationHandler
{
    /// <summary>Events older than this mail nobody (an imported log does not mail customers about last month).</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromDays(7);

    // The Marten session makes the handler transactional (Wolverine's outbox): the mails it cascades are stored in the
    // transaction that marks the notice handled, so a database failure between the two cannot leave a handled notice
    // whose mails were never stored (ADR 0017). The recipients are read outside it, before.
    public static async Task<OutgoingMessages> HandleAsync(
        TicketEventNotice notice, IDocumentSession outbox, NpgsqlDataSource dataSource, IPortalSettings portal, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(portal);
        var mails = new OutgoingMessages();
        var now = time.GetUtcNow();
        if (notice.Notification == TicketNotification.None || notice.At < now - StaleAfter)
        {
            return mails;
        }

        await using var select = dataSource.CreateCommand(TicketNotificationSql.For(notice.Notification));
        select.Parameters.Add(new NpgsqlParameter { Value = notice.TicketId });
        select.Parameters.Add(Text(notice.Text));
        select.Parameters.Add(new NpgsqlParameter { Value = notice.User });
        if (TicketNotificationSql.MailsContact(notice.Notification))
        {
            // The portal's rules as they stand now, normally milliseconds after the event (ADR 0020).
            var settings = await portal.CurrentAsync(ct);
            if (!ContactMayHear(settings, notice.Notification))
            {
                return mails;
            }

            ContactVisibilitySql.AddParameters(select.Parameters, notice.Status, settings, now);
        }

        await using var reader = await select.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var recipientId = reader.GetGuid(0);
            var values = JsonSerializer.Deserialize<Dictionary<string, string?>>(reader.GetString(3)) ?? [];
            mails.Add(new SendMail(
                MailIds.For($"{notice.EventId:N}", recipientId.ToString("N")), TicketNotificationSql.KindOf(notice.Notification),
                reader.GetString(1), reader.GetString(2), values, notice.At, CausedBy: notice.EventId,
                TicketId: notice.TicketId, RecipientId: recipientId));
        }

        return mails;
    }

    /// <summary>
    /// The switches that silence every mail of this kind to contacts: the portal's ticketing section off for all
    /// customers (P11), or, for a status change, the status field Hidden in the portal (P4: the mail would name it).
    /// </summary>
    public static bool ContactMayHear(PortalSettings settings, TicketNotification notification)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.TicketingEnabled
            && (notification != TicketNotification.StatusToContact || settings.Field(PortalFields.Status).IsVisible);
    }

    private static NpgsqlParameter Text(string? value) => new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };
}
