using Ticketing.Application.EventSourcing;
using Ticketing.Domain.Tickets;

namespace Ticketing.Projections.Portal;

/// <summary>
/// One <c>portal_tickets</c> row folded in memory from a batch of its stream's events. Each column remembers the value
/// and the stream version of the last event in the batch that set it, which is exactly what the per-event statements of
/// <see cref="PortalTicketProjection"/> leave on a row stored at version V: the last setter above V wins, and a column no
/// event above V sets keeps its stored value. That holds from any stored version, so overlapping or replayed batches
/// need no special case. A row created in the batch is also known whole (<see cref="Created"/>): the creation overlaid
/// with what came after it.
/// </summary>
internal sealed class PortalTicketFold(Guid id)
{
    public Guid Id { get; } = id;

    /// <summary>The batch's first creation of this ticket; a later one is a no-op, as the insert's "on conflict do nothing" is.</summary>
    public TicketCreated? Created { get; private set; }

    public long CreatedVersion { get; private set; }

    /// <summary>The version of the last event other than the creation, which every such ticket event moves; null when there is none.</summary>
    public long? Version { get; private set; }

    public Latest<DateTimeOffset> UpdatedAt { get; private set; }

    public Latest<(string Id, string Category)> Status { get; private set; }

    public Latest<string> Title { get; private set; }

    public Latest<string?> Priority { get; private set; }

    public Latest<string?> Impact { get; private set; }

    public Latest<string?> Type { get; private set; }

    public Latest<string?> ProductFamily { get; private set; }

    public Latest<string?> Queue { get; private set; }

    public Latest<string?> IssueType { get; private set; }

    public Latest<string?> WorkType { get; private set; }

    public Latest<DateTimeOffset?> DueDate { get; private set; }

    public Latest<Guid?> Assignee { get; private set; }

    /// <summary>Billing and deletion only ever set their flag, so the last such event's version is all a row needs.</summary>
    public long? BilledVersion { get; private set; }

    public long? DeletedVersion { get; private set; }

    /// <summary>The stream version of the whole row written by the insert: the last event of the batch after the creation.</summary>
    public long FullVersion => Version > CreatedVersion ? Version.Value : CreatedVersion;

    /// <summary>Folds <paramref name="e"/>; false when the portal ignores it (not a ticket event).</summary>
    public bool Add(RecordedEvent e)
    {
        var v = e.Version;
        switch (e.Data)
        {
            case TicketCreated c:
                if (Created is null)
                {
                    (Created, CreatedVersion) = (c, v);
                }

                return true;
            case TicketStatusChanged s:
                Status = new((s.ToStatusId, SqlEnum<StatusCategory>.Name(s.Category)), v);
                UpdatedAt = new(s.At, v);
                break;
            case TicketFieldsChanged f:
                FieldsChanged(f.Changes, v);
                UpdatedAt = new(f.At, v);
                break;
            case TechnicianAssigned a:
                Assignee = new(a.TechnicianId, v);
                UpdatedAt = new(a.At, v);
                break;
            case TicketBilled b:
                BilledVersion = v;
                UpdatedAt = new(b.At, v);
                break;
            case TicketDeleted or SharedCopyDeleted:
                DeletedVersion = v;
                UpdatedAt = new(((TicketEvent)e.Data).At, v);
                break;
            case ReplyPosted { Visibility: ReplyVisibility.Public } r:
                UpdatedAt = new(r.At, v);
                break;
            case TicketEvent:
                // Staff-only activity moves only the version (the portal's ETag), as the per-event path does.
                break;
            default:
                return false;
        }

        Version = v;
        return true;
    }

    private void FieldsChanged(TicketFieldChanges c, long v)
    {
        if (c.Title is { } title) { Title = new(title.Value, v); }
        if (c.Priority is { } priority) { Priority = new(priority.Value, v); }
        if (c.Impact is { } impact) { Impact = new(impact.Value, v); }
        if (c.Type is { } type) { Type = new(type.Value, v); }
        if (c.ProductFamily is { } family) { ProductFamily = new(family.Value, v); }
        if (c.Queue is { } queue) { Queue = new(queue.Value, v); }
        if (c.IssueType is { } issue) { IssueType = new(issue.Value, v); }
        if (c.WorkType is { } work) { WorkType = new(work.Value, v); }
        if (c.DueDate is { } due) { DueDate = new(due.Value, v); }
    }
}

/// <summary>A column's value as the last event that set it left it, and that event's stream version (null: none did).</summary>
internal readonly record struct Latest<T>(T Value, long? Version)
{
    /// <summary>The column of a row created at <paramref name="createdVersion"/>: a later setter's value, else the creation's.</summary>
    public T After(long createdVersion, T created) => Version > createdVersion ? Value : created;
}
