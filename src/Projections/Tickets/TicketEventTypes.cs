using Ticketing.EventStore.Serialization;

namespace Ticketing.Projections.Tickets;

/// <summary>
/// The stored aliases of ticket events. An alias is written into the log and never changes: rename a CLR type
/// freely, but keep its alias (or add the old one with <see cref="EventTypeRegistry.AddAlias{T}"/>).
/// </summary>
public static class TicketEventTypes
{
    public const string Created = "ticket.created";
    public const string StatusChanged = "ticket.status_changed";
    public const string ReplyPosted = "ticket.reply_posted";
    public const string FieldsChanged = "ticket.fields_changed";
    public const string TechnicianAssigned = "ticket.technician_assigned";
    public const string Billed = "ticket.billed";
    public const string AssignedToTaskfire = "ticket.assigned_to_taskfire";
    public const string TaskfireCopyCreated = "ticket.taskfire_copy_created";
    public const string TaskfireWorkCompleted = "ticket.taskfire_work_completed";
    public const string TaskfireQuestionAsked = "ticket.taskfire_question_asked";
    public const string SharedCopyDeleted = "ticket.shared_copy_deleted";
    public const string Deleted = "ticket.deleted";

    /// <summary>The stream type ticket streams are appended with.</summary>
    public const string StreamType = "ticket";

    public static void Register(EventTypeRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var json = TicketEventJson.Default;
        registry
            .Register(Created, json.TicketCreated)
            .Register(StatusChanged, json.TicketStatusChanged)
            .Register(ReplyPosted, json.ReplyPosted)
            .Register(FieldsChanged, json.TicketFieldsChanged)
            .Register(TechnicianAssigned, json.TechnicianAssigned)
            .Register(Billed, json.TicketBilled)
            .Register(AssignedToTaskfire, json.TicketAssignedToTaskfire)
            .Register(TaskfireCopyCreated, json.TaskfireCopyCreated)
            .Register(TaskfireWorkCompleted, json.TaskfireWorkCompleted)
            .Register(TaskfireQuestionAsked, json.TaskfireQuestionAsked)
            .Register(SharedCopyDeleted, json.SharedCopyDeleted)
            .Register(Deleted, json.TicketDeleted);
    }
}
