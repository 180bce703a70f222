using Ticketing.Application.Email;
using Ticketing.Application.Tickets.Notifications;

namespace Ticketing.Api.Email.Notifications;

/// <summary>
/// The recipients of a ticket notification with their address, language and template values (one row each), read from
/// <c>ticket_list</c> and <c>users</c>. Parameters: $1 the ticket, $2 the text value (reply text, status id), $3 the
/// user the statement needs (the author to skip, or the Taskfire resource to tell); a mail to the contact also takes
/// the portal's visibility ($4–$7, <see cref="MailsContact"/>).
/// </summary>
internal static class TicketNotificationSql
{
    private const string Recipient = "r.first_name || ' ' || r.last_name";
    private const string Ticket = "'ticket_number', t.number, 'ticket_title', t.title";

    // A mail to the ticket's contact goes out only while the contact could see the ticket in the portal (ADR 0020).
    private static readonly string SeenByContact = ContactVisibilitySql.Condition(4);

    public static readonly string ReplyToContact = Select(
        $"'recipient_name', {Recipient}, 'contact_name', {Recipient}, {Ticket}, 'reply_text', $2::text",
        "ticket_list t join users r on r.id = t.contact_id",
        $"t.side = 'msp' and not t.deleted and r.id <> $3 and {SeenByContact}");

    public static readonly string ReplyToTechnician = Select(
        $"'recipient_name', {Recipient}, 'contact_name', coalesce(a.first_name || ' ' || a.last_name, ''), {Ticket}, 'reply_text', $2::text",
        "ticket_list t join users r on r.id = t.assignee_id left join users a on a.id = $3",
        "t.side = 'msp' and not t.deleted and r.id <> $3");

    public static readonly string StatusToContact = Select(
        $"'recipient_name', {Recipient}, 'contact_name', {Recipient}, {Ticket}, 'status', $2::text",
        "ticket_list t join users r on r.id = t.contact_id",
        $"t.side = 'msp' and not t.deleted and r.id <> $3 and {SeenByContact}");

    // The MSP's ticket and its technician: the status named is the Taskfire copy's, which staff see anyway.
    public static readonly string StatusToTechnician = Select(
        $"'recipient_name', {Recipient}, 'contact_name', coalesce(c.first_name || ' ' || c.last_name, ''), {Ticket}, 'status', $2::text",
        "ticket_list t join users r on r.id = t.assignee_id left join users c on c.id = t.contact_id",
        "t.side = 'msp' and not t.deleted and r.id <> $3");

    public static readonly string QuestionToTaskfireResource = Select(
        $"'recipient_name', {Recipient}, 'contact_name', coalesce(c.first_name || ' ' || c.last_name, ''), {Ticket}, 'reply_text', $2::text",
        "ticket_list t join users r on r.id = $3 left join users c on c.id = t.contact_id",
        "not t.deleted");

    // The ticket is flagged deleted by now (ticket_list is inline); its number and title are still there. $3 is the
    // Taskfire resource, or the MSP's technician when the Taskfire user deleted the copy.
    public static readonly string DeletionToTaskfireResource = Select(
        $"'recipient_name', {Recipient}, 'contact_name', coalesce(c.first_name || ' ' || c.last_name, ''), {Ticket}",
        "ticket_list t join users r on r.id = $3 left join users c on c.id = t.contact_id",
        "true");

    private static string Select(string values, string from, string where) => $"""
        select r.id, r.email, r.language, jsonb_build_object({values})::text
        from {from}
        where t.id = $1 and {where}
        """;

    /// <summary>Whether the notification goes to the ticket's contact, so the portal's visibility rules apply to it.</summary>
    public static bool MailsContact(TicketNotification notification) =>
        notification is TicketNotification.ReplyToContact or TicketNotification.StatusToContact;

    public static string KindOf(TicketNotification notification) => notification switch
    {
        TicketNotification.ReplyToContact or TicketNotification.ReplyToTechnician => EmailKinds.ReplyPosted,
        TicketNotification.StatusToContact => EmailKinds.StatusChanged,
        TicketNotification.StatusToTechnician => EmailKinds.StatusChanged,
        TicketNotification.QuestionToTaskfireResource => EmailKinds.TaskfireQuestion,
        TicketNotification.WorkCompleteToTaskfireResource => EmailKinds.TaskfireWorkCompleted,
        TicketNotification.ResourceChangeToTaskfireResource => EmailKinds.TaskfireResourceChanged,
        TicketNotification.DeletionToTaskfireResource or TicketNotification.DeletionToTechnician => EmailKinds.SharedTicketDeleted,
        _ => throw new ArgumentOutOfRangeException(nameof(notification), notification, null),
    };

    public static string For(TicketNotification notification) => notification switch
    {
        TicketNotification.ReplyToContact => ReplyToContact,
        TicketNotification.ReplyToTechnician => ReplyToTechnician,
        TicketNotification.StatusToContact => StatusToContact,
        TicketNotification.StatusToTechnician => StatusToTechnician,
        TicketNotification.QuestionToTaskfireResource or TicketNotification.WorkCompleteToTaskfireResource
            or TicketNotification.ResourceChangeToTaskfireResource => QuestionToTaskfireResource,
        TicketNotification.DeletionToTaskfireResource or TicketNotification.DeletionToTechnician => DeletionToTaskfireResource,
        _ => throw new ArgumentOutOfRangeException(nameof(notification), notification, null),
    };
}
