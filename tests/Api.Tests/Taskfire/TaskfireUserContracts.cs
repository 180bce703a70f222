using Ticketing.Api.Tests.Tickets;

namespace Ticketing.Api.Tests.Taskfire;

// The Taskfire user's API as the tests read it: their own records, not the server's types.

/// <summary><c>GET /api/taskfire/tickets</c>: a keyset page of the user's customer's Taskfire copies.</summary>
public sealed record TaskfirePage(IReadOnlyList<TaskfireItem> Items, string? NextCursor);

/// <summary>A Taskfire copy as the Taskfire user sees it; instants are in the user's time zone.</summary>
public sealed record TaskfireItem(
    Guid Id, string Number, string Title, string StatusId, string StatusName, string StatusCategory, string? Priority,
    string? Queue, Guid? ResourceId, DateTimeOffset CreatedAt, long Version, bool LinkedToMsp = false, TaskfireCompletionView? Completion = null);

/// <summary>One of <c>GET /api/taskfire/users</c>: an active Taskfire user of the caller's customer.</summary>
public sealed record TaskfireColleagueView(Guid Id, string? Name);

/// <summary><c>GET /api/taskfire/tickets/{id}</c>.</summary>
public sealed record TaskfireTicketPage(
    TaskfireItem Ticket, string? TaskfireQueue, string? TaskfireNote, IReadOnlyList<TaskfireEntry> Timeline, TaskfireCompletionView? Completion = null);

/// <summary>A timeline entry; <see cref="Side"/> is who wrote it (Msp or TaskfireCopy).</summary>
public sealed record TaskfireEntry(
    Guid Id, string Kind, string Side, string AuthorKind, string? Body, string? ToStatusId, DateTimeOffset At, IReadOnlyList<AttachmentInfo>? Attachments = null,
    string? AuthorName = null);
