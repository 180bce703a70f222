using Npgsql;
using NpgsqlTypes;
using Ticketing.Application.Workflow;

namespace Ticketing.Api.Workflow;

/// <summary>
/// Queues workflow mails in the caller's transaction, rendered at queue time (the rule's name and the ticket are
/// what the mail says). A recipient named by user id gets that user's address and language; an unknown user id
/// queues nothing. The idempotency key (cause + rule + recipient) makes a retried command a no-op here.
/// </summary>
public static class WorkflowNoticeOutbox
{
    public const string Kind = "workflow_notification";

    private const string InsertSql = $"""
        insert into mail_outbox (id, kind, recipient, language, subject, body_text, idempotency_key, created_at, next_attempt_at)
        select $1, '{Kind}', coalesce(u.email, $2), coalesce(u.language, 'en'), $3, $4, $5, $6, $6
        from (values (1)) as one (x) left join users u on u.id = $7
        where $7 is null or u.id is not null
        on conflict (idempotency_key) do nothing
        """;

    public static async Task QueueAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<WorkflowNotice> notices, DateTimeOffset now, CancellationToken ct)
    {
        if (notices.Count == 0)
        {
            return;
        }

        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var notice in notices)
        {
            var userId = Guid.TryParse(notice.Recipient, out var id) ? id : (Guid?)null;
            var command = new NpgsqlBatchCommand(InsertSql);
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.CreateVersion7() });
            command.Parameters.Add(new NpgsqlParameter { Value = userId is null ? notice.Recipient : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = $"[{notice.TicketNumber}] {notice.TicketTitle}" });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Body(notice) });
            command.Parameters.Add(new NpgsqlParameter<string>
            {
                TypedValue = $"workflow:{notice.CausationId:N}:{notice.RuleId:N}:{notice.Recipient.ToLowerInvariant()}",
            });
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now.ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)userId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(ct);
    }

    private static string Body(WorkflowNotice notice) => $"""
        The workflow rule "{notice.RuleName}" matched ticket {notice.TicketNumber}.

        Title: {notice.TicketTitle}
        Status: {notice.StatusId}
        """;
}
