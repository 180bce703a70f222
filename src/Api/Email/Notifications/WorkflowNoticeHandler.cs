using Marten;
using Npgsql;
using Ticketing.Application.Email;
using Ticketing.Application.Workflow;
using Wolverine;

namespace Ticketing.Api.Email.Notifications;

/// <summary>
/// Sends a workflow rule's mail (T8, ADR 0011): rendered at delivery from the <c>workflow_notification</c> template in
/// the recipient's language. A recipient named by user id gets that user's address, name and language; a plain address
/// gets English; an unknown user id mails nobody. The mail id derives from cause, rule and recipient, so a notice
/// handled twice sends the same mail.
/// </summary>
public static class WorkflowNoticeHandler
{
    // The Marten session makes the handler transactional (Wolverine's outbox): the mails it cascades are stored in the
    // transaction that marks the notice handled, so a database failure between the two cannot leave a handled notice
    // whose mails were never stored (ADR 0017). The recipients are read outside it, before.
    public static async Task<OutgoingMessages> HandleAsync(SendWorkflowNotice message, IDocumentSession outbox, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        var notice = message.Notice;
        var mails = new OutgoingMessages();
        var (address, name, language) = (notice.Recipient, "", "en");
        if (Guid.TryParse(notice.Recipient, out var userId))
        {
            await using var select = dataSource.CreateCommand("select email, first_name || ' ' || last_name, language from users where id = $1");
            select.Parameters.Add(new NpgsqlParameter { Value = userId });
            await using var reader = await select.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct))
            {
                return mails;
            }

            (address, name, language) = (reader.GetString(0), reader.GetString(1), reader.GetString(2));
        }

        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [EmailSnippets.RuleName] = notice.RuleName,
            [EmailSnippets.TicketNumber] = notice.TicketNumber,
            [EmailSnippets.TicketTitle] = notice.TicketTitle,
            [EmailSnippets.Status] = notice.StatusId,
            [EmailSnippets.RecipientName] = name,
        };
        mails.Add(new SendMail(
            MailIds.For($"workflow:{notice.CausationId:N}:{notice.RuleId:N}", notice.Recipient), EmailKinds.WorkflowNotification,
            address, language, values, message.At, CausedBy: notice.CausationId));
        return mails;
    }
}
