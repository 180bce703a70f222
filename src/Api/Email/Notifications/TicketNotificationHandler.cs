using Marten;
using System.Text.Json;
using Npgsql;
using Ticketing.Application.Email;
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
        TicketEventNotice notice, IDocumentSession outbox, NpgsqlDataSource dataSource, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var mails = new OutgoingMessages();
        if (notice.Notification == TicketNotification.None || notice.At < time.GetUtcNow() - StaleAfter)
        {
            return mails;
        }

        await using var select = dataSource.CreateCommand(TicketNotificationSql.For(notice.Notification));
        select.Parameters.Add(new NpgsqlParameter { Value = notice.TicketId });
        select.Parameters.Add(new NpgsqlParameter { Value = (object?)notice.Text ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        select.Parameters.Add(new NpgsqlParameter { Value = notice.User });
        await using var reader = await select.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var recipientId = reader.GetGuid(0);
            var values = JsonSerializer.Deserialize<Dictionary<string, string?>>(reader.GetString(3)) ?? [];
            mails.Add(new SendMail(
                MailIds.For($"{notice.EventId:N}", recipientId.ToString("N")), TicketNotificationSql.KindOf(notice.Notification),
                reader.GetString(1), reader.GetString(2), values, notice.At, CausedBy: notice.EventId));
        }

        return mails;
    }
}
