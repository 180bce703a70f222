using Ticketing.Application.Email;

namespace Ticketing.Api.Email.Notifications;

/// <summary>The statements of <see cref="TicketNotificationsProjection"/>; parameters are described there.</summary>
internal static class NotificationSql
{
    private const string Recipient = "r.first_name || ' ' || r.last_name";
    private const string Ticket = "'ticket_number', t.number, 'ticket_title', t.title";

    public static readonly string ReplyToContact = Insert(EmailKinds.ReplyPosted,
        $"'recipient_name', {Recipient}, 'contact_name', {Recipient}, {Ticket}, 'reply_text', $5::text",
        "ticket_list t join users r on r.id = t.contact_id",
        "t.side = 'msp' and not t.deleted and r.id <> $6");

    public static readonly string ReplyToTechnician = Insert(EmailKinds.ReplyPosted,
        $"'recipient_name', {Recipient}, 'contact_name', coalesce(a.first_name || ' ' || a.last_name, ''), {Ticket}, 'reply_text', $5::text",
        "ticket_list t join users r on r.id = t.assignee_id left join users a on a.id = $6",
        "t.side = 'msp' and not t.deleted and r.id <> $6");

    public static readonly string StatusToContact = Insert(EmailKinds.StatusChanged,
        $"'recipient_name', {Recipient}, 'contact_name', {Recipient}, {Ticket}, 'status', $5::text",
        "ticket_list t join users r on r.id = t.contact_id",
        "t.side = 'msp' and not t.deleted and r.id <> $6");

    public static readonly string QuestionToTaskfireResource = Insert(EmailKinds.TaskfireQuestion,
        $"'recipient_name', {Recipient}, 'contact_name', coalesce(c.first_name || ' ' || c.last_name, ''), {Ticket}, 'reply_text', $5::text",
        "ticket_list t join users r on r.id = $6 left join users c on c.id = t.contact_id",
        "not t.deleted");

    // The ticket is flagged deleted by now (ticket_list is inline); its number and title are still there.
    public static readonly string DeletionToTaskfireResource = Insert(EmailKinds.SharedTicketDeleted,
        $"'recipient_name', {Recipient}, 'contact_name', coalesce(c.first_name || ' ' || c.last_name, ''), {Ticket}",
        "ticket_list t join users r on r.id = $6 left join users c on c.id = t.contact_id",
        "true");

    private static string Insert(string kind, string values, string from, string where) => $"""
        insert into mail_outbox (id, kind, recipient, language, template_values, idempotency_key, created_at, next_attempt_at)
        select $1, '{kind}', r.email, r.language, jsonb_build_object({values}), $2 || ':' || r.id::text, $3, $3
        from {from}
        where t.id = $4 and {where} and $3 > now() - make_interval(secs => $7)
        on conflict (idempotency_key) do nothing
        """;
}
