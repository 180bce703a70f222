namespace Ticketing.Application.Email;

/// <summary>The kinds of mail the system sends (A4); each has a template per language.</summary>
public static class EmailKinds
{
    public const string Welcome = "welcome";
    public const string PasswordReset = "password_reset";
    public const string ReplyPosted = "reply_posted";
    public const string StatusChanged = "status_changed";
    public const string TaskfireQuestion = "taskfire_question";
    public const string SharedTicketDeleted = "shared_ticket_deleted";

    /// <summary>"My work is complete" (T10), to the Taskfire resource of the pair.</summary>
    public const string TaskfireWorkCompleted = "taskfire_work_completed";

    /// <summary>A Taskfire pair was handed to another Taskfire user (T10): to that user, the pair's new resource.</summary>
    public const string TaskfireResourceChanged = "taskfire_resource_changed";
    public const string WorkflowNotification = "workflow_notification";

    public static IReadOnlyList<string> All { get; } =
        [Welcome, PasswordReset, ReplyPosted, StatusChanged, TaskfireQuestion, TaskfireWorkCompleted, TaskfireResourceChanged, SharedTicketDeleted, WorkflowNotification];
}

/// <summary>The placeholders a template may use, written <c>{{name}}</c>.</summary>
public static class EmailSnippets
{
    public const string PortalUrl = "portal_url";
    public const string Username = "username";
    public const string Password = "password";
    public const string ContactName = "contact_name";
    public const string RecipientName = "recipient_name";
    public const string TicketNumber = "ticket_number";
    public const string TicketTitle = "ticket_title";
    public const string Status = "status";
    public const string ReplyText = "reply_text";
    public const string ResetCode = "reset_code";
    public const string ValidMinutes = "valid_minutes";
    public const string RuleName = "rule_name";

    public static IReadOnlyList<string> All { get; } =
        [PortalUrl, Username, Password, ContactName, RecipientName, TicketNumber, TicketTitle, Status, ReplyText, ResetCode, ValidMinutes, RuleName];

    private static readonly string[] Ticket = [RecipientName, ContactName, TicketNumber, TicketTitle, PortalUrl];

    private static readonly Dictionary<string, string[]> PerKind = new(StringComparer.Ordinal)
    {
        [EmailKinds.Welcome] = [ContactName, RecipientName, PortalUrl, Username, Password],
        [EmailKinds.PasswordReset] = [RecipientName, ContactName, ResetCode, ValidMinutes],
        [EmailKinds.ReplyPosted] = [.. Ticket, ReplyText],
        [EmailKinds.StatusChanged] = [.. Ticket, Status],
        [EmailKinds.TaskfireQuestion] = [.. Ticket, ReplyText],
        [EmailKinds.TaskfireWorkCompleted] = [.. Ticket, ReplyText],
        [EmailKinds.TaskfireResourceChanged] = Ticket,
        [EmailKinds.SharedTicketDeleted] = Ticket,
        [EmailKinds.WorkflowNotification] = [RuleName, RecipientName, TicketNumber, TicketTitle, Status, PortalUrl],
    };

    /// <summary>The snippets the sender of <paramref name="kind"/> fills: the only ones its templates may use.</summary>
    public static IReadOnlyList<string> ForKind(string kind) => PerKind.TryGetValue(kind, out var snippets) ? snippets : [];

    /// <summary>Snippets that show a ticket field, by the portal field (P4) that governs them in mails to contacts.</summary>
    public static IReadOnlyDictionary<string, string> TicketFields { get; } =
        new Dictionary<string, string>(StringComparer.Ordinal) { [Status] = Portal.PortalFields.Status };

    /// <summary>
    /// The snippets of <paramref name="kind"/> that render nothing in a mail to a contact, because the portal hides their
    /// field (ADR 0020); <paramref name="isHidden"/> says whether a portal field is Hidden.
    /// </summary>
    public static IReadOnlyList<string> HiddenFromContacts(string kind, Func<string, bool> isHidden)
    {
        ArgumentNullException.ThrowIfNull(isHidden);
        return [.. ForKind(kind).Where(s => TicketFields.TryGetValue(s, out var field) && isHidden(field))];
    }

    /// <summary>Values that are credentials: removed from a queued mail once it has been sent.</summary>
    public static IReadOnlyList<string> Secrets { get; } = [Password, ResetCode];
}
