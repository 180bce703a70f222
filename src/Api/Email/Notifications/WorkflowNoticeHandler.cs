using Marten;
using Npgsql;
using Ticketing.Application.Email;
using Ticketing.Application.Portal;
using Ticketing.Application.Workflow;
using Wolverine;

namespace Ticketing.Api.Email.Notifications;

/// <summary>
/// Sends a workflow rule's mail (T8, ADR 0011): rendered at delivery from the <c>workflow_notification</c> template in
/// the recipient's language. A recipient named by user id gets that user's address, name and language; a plain address
/// gets English; an unknown user id mails nobody. A contact gets it only while the ticket is theirs to see in the portal,
/// and without the status while the portal hides that field (ADR 0020). The mail id derives from cause, rule and recipient, so a notice
/// handled twice sends the same mail.
/// </summary>
public static class WorkflowNoticeHandler
{
    /// <summary>
    /// The recipient user ($1) with, for a contact, whether they could see the ticket ($2) in the portal now (ADR 0020):
    /// their own ticket, or their company's for a primary contact, visible as <see cref="ContactVisibilitySql"/> decides
    /// for the status when the rule fired ($3–$6). Staff and Taskfire users are not bound by the portal's rules.
    /// </summary>
    private static readonly string RecipientSql = $"""
        select u.email, u.first_name || ' ' || u.last_name, u.language, c.id is not null,
               c.id is null or exists (
                   select 1 from ticket_list t
                   where t.id = $2 and t.side = 'msp' and not t.deleted and t.customer_id = u.customer_id
                     and (t.contact_id = u.id or c.is_primary)
                     and {ContactVisibilitySql.Condition(3)})
        from users u left join contacts c on c.id = u.id
        where u.id = $1
        """;

    // The Marten session makes the handler transactional (Wolverine's outbox): the mails it cascades are stored in the
    // transaction that marks the notice handled, so a database failure between the two cannot leave a handled notice
    // whose mails were never stored (ADR 0017). The recipients are read outside it, before.
    public static async Task<OutgoingMessages> HandleAsync(
        SendWorkflowNotice message, IDocumentSession outbox, NpgsqlDataSource dataSource, IPortalSettings portal, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(portal);
        var notice = message.Notice;
        var mails = new OutgoingMessages();
        var (address, name, language) = (notice.Recipient, "", "en");
        var statusShown = true;
        if (Guid.TryParse(notice.Recipient, out var userId))
        {
            var settings = await portal.CurrentAsync(ct);
            await using var select = dataSource.CreateCommand(RecipientSql);
            select.Parameters.Add(new NpgsqlParameter { Value = userId });
            select.Parameters.Add(new NpgsqlParameter { Value = notice.TicketId });
            ContactVisibilitySql.AddParameters(select.Parameters, notice.StatusId, settings, time.GetUtcNow());
            await using var reader = await select.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct))
            {
                return mails;
            }

            var isContact = reader.GetBoolean(3);
            if (isContact && (!settings.TicketingEnabled || !reader.GetBoolean(4)))
            {
                return mails;
            }

            (address, name, language) = (reader.GetString(0), reader.GetString(1), reader.GetString(2));
            statusShown = !isContact || settings.Field(PortalFields.Status).IsVisible;
        }

        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [EmailSnippets.RuleName] = notice.RuleName,
            [EmailSnippets.TicketNumber] = notice.TicketNumber,
            [EmailSnippets.TicketTitle] = notice.TicketTitle,
            // P4: a contact's mail never names a field the portal hides from them; the snippet renders nothing.
            [EmailSnippets.Status] = statusShown ? notice.StatusId : null,
            [EmailSnippets.RecipientName] = name,
        };
        mails.Add(new SendMail(
            MailIds.For($"workflow:{notice.CausationId:N}:{notice.RuleId:N}", notice.Recipient), EmailKinds.WorkflowNotification,
            address, language, values, message.At, CausedBy: notice.CausationId, TicketId: notice.TicketId,
            RecipientId: Guid.TryParse(notice.Recipient, out var recipientId) ? recipientId : null));
        return mails;
    }
}
