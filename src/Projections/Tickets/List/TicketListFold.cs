using Ticketing.Application.EventSourcing;
using Ticketing.Domain.Tickets;

namespace Ticketing.Projections.Tickets.List;

/// <summary>
/// One <c>ticket_list</c> row folded in memory from a batch of its stream's events, with exactly the effect of the
/// per-event statements of <see cref="TicketListProjection"/>. When the batch holds the ticket's creation the whole
/// row is known (<see cref="Full"/>, written as an upsert); otherwise it is a patch of the columns the events set.
/// </summary>
internal sealed class TicketListFold(Guid id)
{
    public Guid Id { get; } = id;

    public bool Full { get; private set; }

    public ListColumns Set { get; private set; }

    public long Version { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public TicketCreated? Created { get; private set; }

    public TaskfireCopyCreated? CopyCreated { get; private set; }

    public string StatusId { get; private set; } = "";

    public StatusCategory Category { get; private set; }

    /// <summary>How resolved_at changes: keep the stored value, set <see cref="ResolvedAt"/>, or coalesce the stored one with it.</summary>
    public ResolvedChange Resolved { get; private set; }

    public DateTimeOffset? ResolvedAt { get; private set; }

    public TicketFields Fields { get; private set; } = TicketFields.Titled("");

    public Guid? AssigneeId { get; private set; }

    public Guid? LinkedTicketId { get; private set; }

    public Guid? TaskfireResourceId { get; private set; }

    public bool Billed { get; private set; }

    public bool Deleted { get; private set; }

    /// <summary>Folds <paramref name="e"/>; false when the list ignores it.</summary>
    public bool Add(RecordedEvent e)
    {
        switch (e.Data)
        {
            case TicketCreated c:
                Create(c.Fields, c.StatusId, c.StatusCategory, c.AssignedTechnicianId, null, null, c.At);
                Created = c;
                break;
            case TaskfireCopyCreated c:
                Create(c.Fields, c.StatusId, c.StatusCategory, null, c.MspTicketId, c.TaskfireResourceId, c.At);
                CopyCreated = c;
                break;
            case TicketStatusChanged s: Status(s.ToStatusId, s.Category, s.At); break;
            case TaskfireWorkCompleted w: Status(w.StatusId, w.Category, w.At); break;
            case TicketFieldsChanged f: FieldsChanged(f.Changes); break;
            case TechnicianAssigned a: AssigneeId = a.TechnicianId; Set |= ListColumns.Assignee; break;
            case TicketBilled: Billed = true; break;
            case TicketAssignedToTaskfire t:
                (LinkedTicketId, TaskfireResourceId) = (t.CopyId, t.TaskfireResourceId);
                Set |= ListColumns.Taskfire;
                break;
            case TicketDeleted or SharedCopyDeleted: Deleted = true; break;
            case ReplyPosted or TaskfireQuestionAsked: break;
            default: return false;
        }

        Version = e.Version;
        UpdatedAt = ((TicketEvent)e.Data).At;
        return true;
    }

    private void Create(TicketFields fields, string statusId, StatusCategory category, Guid? assignee, Guid? linked, Guid? resource, DateTimeOffset at)
    {
        (Full, Fields, StatusId, Category, AssigneeId, LinkedTicketId, TaskfireResourceId) = (true, fields, statusId, category, assignee, linked, resource);
        (Resolved, ResolvedAt, Billed, Deleted) = (ResolvedChange.Set, TicketListProjection.IsFinished(category) ? at : null, false, false);
    }

    // Mirrors "resolved_at = case when finished then coalesce(resolved_at, at) else null end".
    private void Status(string statusId, StatusCategory category, DateTimeOffset at)
    {
        (StatusId, Category) = (statusId, category);
        Set |= ListColumns.Status;
        if (!TicketListProjection.IsFinished(category))
        {
            (Resolved, ResolvedAt) = (ResolvedChange.Set, null);
        }
        else if (Resolved == ResolvedChange.Keep)
        {
            (Resolved, ResolvedAt) = (ResolvedChange.Coalesce, at);
        }
        else
        {
            ResolvedAt ??= at;
        }
    }

    private void FieldsChanged(TicketFieldChanges c)
    {
        var f = Fields;
        if (c.Title is { } title) { f = f with { Title = title.Value }; Set |= ListColumns.Title; }
        if (c.Priority is { } priority) { f = f with { Priority = priority.Value }; Set |= ListColumns.Priority; }
        if (c.Impact is { } impact) { f = f with { Impact = impact.Value }; Set |= ListColumns.Impact; }
        if (c.Type is { } type) { f = f with { Type = type.Value }; Set |= ListColumns.Type; }
        if (c.ProductFamily is { } family) { f = f with { ProductFamily = family.Value }; Set |= ListColumns.ProductFamily; }
        if (c.Queue is { } queue) { f = f with { Queue = queue.Value }; Set |= ListColumns.Queue; }
        if (c.IssueType is { } issue) { f = f with { IssueType = issue.Value }; Set |= ListColumns.IssueType; }
        if (c.WorkType is { } work) { f = f with { WorkType = work.Value }; Set |= ListColumns.WorkType; }
        if (c.DueDate is { } due) { f = f with { DueDate = due.Value }; Set |= ListColumns.DueDate; }
        Fields = f;
    }
}

/// <summary>The patchable columns a batch's events set (bit flags sent as one int per row).</summary>
[Flags]
internal enum ListColumns
{
    None = 0,
    Status = 1,
    Title = 2,
    Priority = 4,
    Impact = 8,
    Type = 16,
    ProductFamily = 32,
    Queue = 64,
    IssueType = 128,
    WorkType = 256,
    DueDate = 512,
    Assignee = 1024,
    Taskfire = 2048,
}

internal enum ResolvedChange
{
    Keep = 0,
    Set = 1,
    Coalesce = 2,
}
