using System.Text.Json;
using JasperFx.Events;
using Ticketing.Domain.Tickets;

namespace Ticketing.Projections.Tickets.Details;

/// <summary>One <c>ticket_timeline</c> row; a replayed event yields the same key, which the insert skips.</summary>
internal sealed record TimelineRow(
    Guid TicketId, Guid EntryId, long Version, TimelineEntryKind Kind, Actor Author, string? Body, ReplyVisibility Visibility,
    bool TaskfireRelated, Guid? MirroredFrom, string? FromStatusId, string? ToStatusId, string Attachments, DateTimeOffset At);

/// <summary>Turns one event into its timeline rows, collected into <paramref name="rows"/>.</summary>
internal readonly struct TimelineRows(IEvent e, List<TimelineRow> rows)
{
    private const string NoAttachments = "[]";

    public void Reply(ReplyPosted r)
    {
        var kind = r.Visibility == ReplyVisibility.Public ? TimelineEntryKind.Reply
            : r.TaskfireRelated ? TimelineEntryKind.TaskfireNote : TimelineEntryKind.InternalNote;
        var attachments = r.Attachments.Count == 0
            ? NoAttachments
            : JsonSerializer.Serialize(r.Attachments, TicketEventJson.Default.IReadOnlyListAttachmentMetadata);
        Insert(r.ReplyId, kind, r.Author, r.Body, r.Visibility, r.TaskfireRelated, r.MirroredFrom, null, null, attachments, r.At);
    }

    /// <summary>Taskfire notes are internal: staff see them, and a Taskfire user's query admits taskfire_related rows.</summary>
    public void Add(Guid entryId, TimelineEntryKind kind, Actor by, string? body, bool taskfireRelated, DateTimeOffset at) =>
        Insert(entryId, kind, by, body, ReplyVisibility.Internal, taskfireRelated, null, null, null, NoAttachments, at);

    /// <summary>Status changes are public: the portal shows a ticket's status history.</summary>
    public void StatusChange(Guid entryId, TimelineEntryKind kind, Actor by, string? note, string? from, string to, DateTimeOffset at)
    {
        var visibility = note is null ? ReplyVisibility.Public : ReplyVisibility.Internal;
        Insert(entryId, kind, by, note, visibility, note is not null, null, from, to, NoAttachments, at);
    }

    private void Insert(
        Guid entryId, TimelineEntryKind kind, Actor author, string? body, ReplyVisibility visibility, bool taskfireRelated,
        Guid? mirroredFrom, string? fromStatus, string? toStatus, string attachments, DateTimeOffset at) =>
        rows.Add(new TimelineRow(e.StreamId, entryId, e.Version, kind, author, body, visibility, taskfireRelated, mirroredFrom,
            fromStatus, toStatus, attachments, at));
}
