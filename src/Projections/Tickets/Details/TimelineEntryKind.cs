namespace Ticketing.Projections.Tickets.Details;

/// <summary>What a ticket timeline entry records; stored as lower snake_case text.</summary>
public enum TimelineEntryKind
{
    /// <summary>A public reply, seen in the portal.</summary>
    Reply,

    /// <summary>A staff-only note.</summary>
    InternalNote,

    /// <summary>A note shared with the Taskfire side of a pair (shown on both tickets).</summary>
    TaskfireNote,

    StatusChange,

    /// <summary>The ticket was handed to Taskfire; the body is the required note.</summary>
    TaskfireAssigned,

    /// <summary>"My work is complete" on the Taskfire copy: a note and the copy's new status.</summary>
    TaskfireWorkCompleted,

    /// <summary>"I have a question" on the Taskfire copy.</summary>
    TaskfireQuestion,

    /// <summary>The Taskfire user submitted their own ticket to the MSP; the body is their note (on both tickets).</summary>
    TaskfireSubmitted,
}
