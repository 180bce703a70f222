namespace Ticketing.Application.Email;

public static partial class EmailTemplateDefaults
{
    private static LanguageTexts English => new(new(StringComparer.Ordinal)
    {
        [EmailKinds.Welcome] = ("Your access to the customer portal",
            "Hello {{contact_name}},\n\nan account has been created for you on our customer portal.\n\nPortal: {{portal_url}}\nUsername: {{username}}\nPassword: {{password}}\n\nPlease change your password after your first sign-in."),
        [EmailKinds.PasswordReset] = ("Your password reset code",
            "Hello {{recipient_name}},\n\nyour password reset code is {{reset_code}}. It is valid for {{valid_minutes}} minutes and can be used once.\n\nIf you did not ask for it, ignore this message; your password stays unchanged."),
        [EmailKinds.ReplyPosted] = ("New reply on ticket {{ticket_number}}: {{ticket_title}}",
            "Hello {{recipient_name}},\n\nthere is a new reply on ticket {{ticket_number}} \"{{ticket_title}}\":\n\n{{reply_text}}\n\nOpen the ticket: {{portal_url}}"),
        [EmailKinds.StatusChanged] = ("Ticket {{ticket_number}} is now {{status}}",
            "Hello {{recipient_name}},\n\nthe status of ticket {{ticket_number}} \"{{ticket_title}}\" has changed to {{status}}.\n\nOpen the ticket: {{portal_url}}"),
        [EmailKinds.TaskfireQuestion] = ("Question on ticket {{ticket_number}}: {{ticket_title}}",
            "Hello {{recipient_name}},\n\nthe service provider has a question about ticket {{ticket_number}} \"{{ticket_title}}\":\n\n{{reply_text}}\n\nOpen the ticket: {{portal_url}}"),
        [EmailKinds.TaskfireWorkCompleted] = ("Work complete on ticket {{ticket_number}}: {{ticket_title}}",
            "Hello {{recipient_name}},\n\nthe service provider has completed its work on ticket {{ticket_number}} \"{{ticket_title}}\":\n\n{{reply_text}}\n\nOpen the ticket: {{portal_url}}"),
        [EmailKinds.TaskfireResourceChanged] = ("Ticket {{ticket_number}} was handed to you: {{ticket_title}}",
            "Hello {{recipient_name}},\n\nticket {{ticket_number}} \"{{ticket_title}}\" has been handed to you; you are now its Taskfire resource.\n\nOpen the ticket: {{portal_url}}"),
        [EmailKinds.SharedTicketDeleted] = ("Ticket {{ticket_number}} was deleted",
            "Hello {{recipient_name}},\n\nthe shared ticket {{ticket_number}} \"{{ticket_title}}\" has been deleted together with its copy. Nothing else needs to be done."),
        [EmailKinds.WorkflowNotification] = ("Rule {{rule_name}}: ticket {{ticket_number}} {{ticket_title}}",
            "Hello {{recipient_name}},\n\nthe workflow rule \"{{rule_name}}\" matched ticket {{ticket_number}} \"{{ticket_title}}\" (status: {{status}}).\n\nOpen the ticket: {{portal_url}}"),
    }, StatusNames("Open", "Pending", "Resolved", "Closed"));
}
