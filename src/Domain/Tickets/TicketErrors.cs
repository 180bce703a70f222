namespace Ticketing.Domain.Tickets;

/// <summary>Stable codes of ticket rule violations: clients and tests match on them, so never change one.</summary>
public static class TicketErrors
{
    public const string NotFound = "ticket.not_found";
    public const string AlreadyExists = "ticket.already_exists";
    public const string Deleted = "ticket.deleted";
    public const string ActorForbidden = "ticket.actor_forbidden";

    public const string TitleRequired = "ticket.title_required";
    public const string TitleTooLong = "ticket.title_too_long";
    public const string DescriptionTooLong = "ticket.description_too_long";
    public const string CustomerRequired = "ticket.customer_required";
    public const string ContactMismatch = "ticket.contact_mismatch";
    public const string CustomFieldKeyInvalid = "ticket.custom_field_key_invalid";
    public const string SeriesDueDateRequired = "ticket.series_due_date_required";

    public const string UnknownStatus = "ticket.unknown_status";
    public const string UnknownQueue = "ticket.unknown_queue";
    public const string UnknownIssueType = "ticket.unknown_issue_type";
    public const string UnknownWorkType = "ticket.unknown_work_type";
    public const string ReopenForbidden = "ticket.reopen_forbidden";
    public const string BilledLocked = "ticket.billed_locked";
    public const string AlreadyBilled = "ticket.already_billed";

    public const string ReplyEmpty = "ticket.reply_empty";
    public const string ReplyTooLong = "ticket.reply_too_long";
    public const string InternalNoteForbidden = "ticket.internal_note_forbidden";

    public const string NotTaskfireCopy = "ticket.not_taskfire_copy";
    public const string TaskfireCopyForbidden = "ticket.taskfire_copy_forbidden";
    public const string TaskfireAlreadyAssigned = "ticket.taskfire_already_assigned";
    public const string TaskfireNotAssigned = "ticket.taskfire_not_assigned";
    public const string TaskfireQueueRequired = "ticket.taskfire_queue_required";
    public const string TaskfireResourceRequired = "ticket.taskfire_resource_required";
    public const string TaskfireNoteRequired = "ticket.taskfire_note_required";
    public const string TaskfireCopyIdInvalid = "ticket.taskfire_copy_id_invalid";
    public const string TaskfireLinkMismatch = "ticket.taskfire_link_mismatch";
    public const string TaskfireAlreadyLinked = "ticket.taskfire_already_linked";
}
