using Ticketing.Application.EventSourcing;
using Ticketing.Domain.Tickets;

namespace Ticketing.Projections.Tickets.Details;

/// <summary>
/// One <c>ticket_details</c> row folded from a batch of its stream's events, with exactly the effect of the per-event
/// statements of <see cref="TicketDetailProjection"/>: the whole row when the batch holds the creation
/// (<see cref="Full"/>), otherwise a patch. <see cref="CustomFields"/> maps each touched key to its last value, null
/// meaning removed, so the patch is <c>(stored || set) - removed</c>.
/// </summary>
internal sealed class TicketDetailsFold(Guid id)
{
    public Guid Id { get; } = id;

    public bool Full { get; private set; }

    public DetailColumns Set { get; private set; }

    public long Version { get; private set; }

    public string? Description { get; private set; }

    public Dictionary<string, string?> CustomFields { get; } = new(StringComparer.Ordinal);

    public Actor? CreatedBy { get; private set; }

    public string? TaskfireQueue { get; private set; }

    public string? TaskfireNote { get; private set; }

    public DateTimeOffset? DeletedAt { get; private set; }

    public Guid? DeletedById { get; private set; }

    /// <summary>Folds <paramref name="e"/>; false when ticket_details ignores it (its version does not move then).</summary>
    public bool Add(RecordedEvent e)
    {
        switch (e.Data)
        {
            case TicketCreated c:
                Create(c.Fields, c.By, null, null);
                break;
            case TaskfireCopyCreated c:
                Create(c.Fields, c.By, c.TaskfireQueue, c.Note);
                break;
            case TicketAssignedToTaskfire t:
                (TaskfireQueue, TaskfireNote) = (t.TaskfireQueue, t.Note);
                Set |= DetailColumns.Taskfire;
                break;
            case TicketFieldsChanged f when f.Changes.Description is not null || f.Changes.CustomFields.Count > 0:
                if (f.Changes.Description is { } description)
                {
                    Description = description.Value;
                    Set |= DetailColumns.Description;
                }

                foreach (var (key, value) in f.Changes.CustomFields)
                {
                    CustomFields[key] = value;
                }

                break;
            case TicketDeleted d:
                Delete(d.By, d.At);
                break;
            case SharedCopyDeleted d:
                Delete(d.By, d.At);
                break;
            default:
                return false;
        }

        Version = e.Version;
        return true;
    }

    private void Create(TicketFields fields, Actor by, string? taskfireQueue, string? note)
    {
        (Full, Description, CreatedBy, TaskfireQueue, TaskfireNote) = (true, fields.Description, by, taskfireQueue, note);
        CustomFields.Clear();
        foreach (var (key, value) in fields.CustomFields)
        {
            CustomFields[key] = value;
        }
    }

    private void Delete(Actor by, DateTimeOffset at)
    {
        (DeletedAt, DeletedById) = (at, by.Id);
        Set |= DetailColumns.Deleted;
    }
}

/// <summary>The patchable columns of ticket_details (bit flags sent as one int per row).</summary>
[Flags]
internal enum DetailColumns
{
    None = 0,
    Taskfire = 1,
    Description = 2,
    Deleted = 4,
}
