using Marten;
using Ticketing.Domain.Tickets;

namespace Ticketing.Projections.Tickets;

/// <summary>
/// The stored aliases of ticket events. An alias is written into the log (Marten's <c>type</c> column) and never
/// changes: rename a CLR type freely, but keep its alias; when a shape changes, read the old alias through a Marten
/// upcaster (<c>options.Events.Upcast</c>). These are the aliases our own store wrote, so imported logs keep them.
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
    public const string TaskfireResourceChanged = "ticket.taskfire_resource_changed";
    public const string TaskfireTicketOpened = "ticket.taskfire_ticket_opened";
    public const string TaskfireTicketSubmitted = "ticket.taskfire_ticket_submitted";
    public const string Deleted = "ticket.deleted";

    /// <summary>The stream type ticket streams are started with (Marten's <c>mt_streams.type</c>).</summary>
    public const string StreamType = "ticket";

    /// <summary>Every ticket event type and its alias.</summary>
    public static IReadOnlyList<(Type Type, string Alias)> All { get; } =
    [
        (typeof(TicketCreated), Created),
        (typeof(TicketStatusChanged), StatusChanged),
        (typeof(ReplyPosted), ReplyPosted),
        (typeof(TicketFieldsChanged), FieldsChanged),
        (typeof(TechnicianAssigned), TechnicianAssigned),
        (typeof(TicketBilled), Billed),
        (typeof(TicketAssignedToTaskfire), AssignedToTaskfire),
        (typeof(TaskfireCopyCreated), TaskfireCopyCreated),
        (typeof(TaskfireWorkCompleted), TaskfireWorkCompleted),
        (typeof(TaskfireQuestionAsked), TaskfireQuestionAsked),
        (typeof(SharedCopyDeleted), SharedCopyDeleted),
        (typeof(TaskfireResourceChanged), TaskfireResourceChanged),
        (typeof(TaskfireTicketOpened), TaskfireTicketOpened),
        (typeof(TaskfireTicketSubmitted), TaskfireTicketSubmitted),
        (typeof(TicketDeleted), Deleted),
    ];

    public static void Register(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var (type, alias) in All)
        {
            options.Events.MapEventType(type, alias);
        }
    }
}
