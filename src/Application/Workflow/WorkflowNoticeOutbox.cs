using Marten;
using Ticketing.Application.Messaging;

namespace Ticketing.Application.Workflow;

/// <summary>
/// Sends workflow mails (T8) with the command's commit: each notice becomes a <see cref="SendWorkflowNotice"/> message
/// in the Wolverine outbox of the command's Marten session, stored by the transaction of the events that caused it.
/// Its handler resolves the recipient and sends the <c>workflow_notification</c> mail (ADR 0011, 0017).
/// </summary>
public static class WorkflowNoticeOutbox
{
    public static void Queue(IDocumentSession session, IReadOnlyList<WorkflowNotice> notices, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(notices);
        foreach (var notice in notices)
        {
            SessionOutbox.Publish(session, new SendWorkflowNotice(notice, now));
        }
    }
}

/// <summary>A workflow rule's mail to send (<paramref name="Notice"/> names the recipient by address or user id).</summary>
public sealed record SendWorkflowNotice(WorkflowNotice Notice, DateTimeOffset At);
