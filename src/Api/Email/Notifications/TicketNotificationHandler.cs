using Marten;
using System.Text.Json;
using JasperFx.Events;
using Npgsql;
using Ticketing.Application.Email;
using Ticketing.Domain.Tickets;
using Wolverine;
using Wolverine.Marten;

namespace Ticketing.Api.Email.Notifications;

/// <summary>Which notification a ticket event sends (A4); <see cref="None"/> for events that mail nobody.</summary>
public enum TicketNotification
{
    None,
    ReplyToContact,
    ReplyToTechnician,
    StatusToContact,
    QuestionToTaskfireResource,
    DeletionToTaskfireResource,
}

/// <summary>
/// A notifying ticket event, forwarded by Wolverine from the Marten session that appended it: it is published into that
/// session's outbox before the commit, so it is stored by the append's own transaction and exists exactly when its
/// event does (ADR 0017). <paramref name="User"/> is the author to skip or the Taskfire resource to tell.
/// </summary>
public sealed record TicketEventNotice(Guid EventId, Guid TicketId, TicketNotification Notification, DateTimeOffset At, string? Text, Guid User);

/// <summary>
/// Ticket notification mails (A4): rules as in ADR 0006 — a public staff reply mails the ticket's contact, a public
/// contact reply the assigned technician, a status change by someone other than the contact the contact, a Taskfire
/// question or shared-copy deletion the Taskfire resource named in the event; mirrored and internal notes mail nobody.
/// Recipients are resolved when the notice is handled (normally milliseconds after the commit). Each mail's id derives
/// from the event and the recipient, so a notice handled twice (a crash before it was marked handled) sends the same
/// mail again, with the same Message-ID, never a second one.
/// </summary>
public static class TicketNotificationHandler
{
    /// <summary>Events older than this mail nobody (an imported log does not mail customers about last month).</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromDays(7);

    /// <summary>Forwards the notifying events (<c>IntegrateWithWolverine</c>, fast event forwarding).</summary>
    public static void Forward(IEventForwarding forwarding)
    {
        ArgumentNullException.ThrowIfNull(forwarding);
        forwarding.SubscribeToEvent<ReplyPosted>().TransformedTo(e => Notice(e, e.Data switch
        {
            { Visibility: ReplyVisibility.Public, MirroredFrom: null } r when r.Author.IsStaff => TicketNotification.ReplyToContact,
            { Visibility: ReplyVisibility.Public, MirroredFrom: null, Author.Kind: ActorKind.Contact } => TicketNotification.ReplyToTechnician,
            _ => TicketNotification.None,
        }, e.Data.At, e.Data.Body, e.Data.Author.Id));
        forwarding.SubscribeToEvent<TicketStatusChanged>().TransformedTo(e =>
            Notice(e, TicketNotification.StatusToContact, e.Data.At, e.Data.ToStatusId, e.Data.By.Id));
        forwarding.SubscribeToEvent<TaskfireQuestionAsked>().TransformedTo(e =>
            Notice(e, TicketNotification.QuestionToTaskfireResource, e.Data.At, e.Data.Note, e.Data.NotifyResourceId));
        forwarding.SubscribeToEvent<SharedCopyDeleted>().TransformedTo(e =>
            Notice(e, TicketNotification.DeletionToTaskfireResource, e.Data.At, null, e.Data.NotifyTaskfireResourceId));
    }

    private static TicketEventNotice Notice(IEvent e, TicketNotification notification, DateTimeOffset at, string? text, Guid user) =>
        new(e.Id, e.StreamId, notification, at, text, user);

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
