using System.Text.Json;
using Marten;
using Npgsql;
using NpgsqlTypes;
using Ticketing.Application.Email;
using Ticketing.Application.EventSourcing;

namespace Ticketing.Application.Workflow;

/// <summary>
/// Queues workflow mails in the caller's transaction. They carry their template values (rule name, ticket number,
/// title, status id) and are rendered at delivery from the <c>workflow_notification</c> template in the recipient's
/// language, values HTML-escaped, like every other notification (ADR 0011). A recipient named by user id gets that
/// user's address, name and language; a plain address gets English; an unknown user id queues nothing. The
/// idempotency key (cause + rule + recipient) makes a retried command a no-op here. The rows are queued in the
/// command's Marten session, so they commit in the transaction of the events that caused them.
/// </summary>
public static class WorkflowNoticeOutbox
{
    public const string Kind = EmailKinds.WorkflowNotification;

    private const string InsertSql = $"""
        insert into mail_outbox (id, kind, recipient, language, template_values, idempotency_key, created_at, next_attempt_at)
        select $1, '{Kind}', coalesce(u.email, $2), coalesce(u.language, 'en'),
            $3::jsonb || jsonb_build_object('recipient_name', coalesce(u.first_name || ' ' || u.last_name, '')), $4, $5, $5
        from (values (1)) as one (x) left join users u on u.id = $6
        where $6 is null or u.id is not null
        on conflict (idempotency_key) do nothing
        """;

    public static void Queue(IDocumentSession session, IReadOnlyList<WorkflowNotice> notices, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(notices);
        foreach (var notice in notices)
        {
            var userId = Guid.TryParse(notice.Recipient, out var id) ? id : (Guid?)null;
            var command = new NpgsqlBatchCommand(InsertSql);
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.CreateVersion7() });
            command.Parameters.Add(new NpgsqlParameter { Value = userId is null ? notice.Recipient : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Values(notice), NpgsqlDbType = NpgsqlDbType.Jsonb });
            command.Parameters.Add(new NpgsqlParameter<string>
            {
                TypedValue = $"workflow:{notice.CausationId:N}:{notice.RuleId:N}:{notice.Recipient.ToLowerInvariant()}",
            });
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now.ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)userId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
            session.QueueOperation(new SqlStatement(command));
        }
    }

    private static string Values(WorkflowNotice notice) => JsonSerializer.Serialize(new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [EmailSnippets.RuleName] = notice.RuleName,
        [EmailSnippets.TicketNumber] = notice.TicketNumber,
        [EmailSnippets.TicketTitle] = notice.TicketTitle,
        [EmailSnippets.Status] = notice.StatusId,
    });
}
