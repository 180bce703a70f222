using Microsoft.Extensions.Logging;
using Ticketing.Domain.Workflow;

namespace Ticketing.Application.Workflow;

/// <summary>
/// The users the enabled rules' "set assignee" actions name who may still be assigned (active staff, see
/// <see cref="Tickets.TicketAssignees"/>), read with the rules; and where a firing rule's skipped actions are reported.
/// A rule is checked when it is saved, but its assignee can leave staff or be deactivated afterwards: firing it then
/// skips the assignment instead of failing the command of someone who neither wrote the rule nor can fix it.
/// </summary>
public sealed partial class RuleAssignees(IReadOnlySet<Guid> assignable, ILogger logger)
{
    public bool IsAssignable(Guid userId) => assignable.Contains(userId);

    /// <summary>Logs each skipped action with the rule and the ticket's id, never the ticket's content or a user's name.</summary>
    public void Report(Guid ticketId, IReadOnlyList<SkippedAction> skipped)
    {
        ArgumentNullException.ThrowIfNull(skipped);
        foreach (var skip in skipped)
        {
            LogSkipped(logger, skip.Rule.Id, skip.Target, ticketId, skip.Reason);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workflow rule {RuleId} skipped its set-{Target} action on ticket {TicketId}: {Reason}")]
    private static partial void LogSkipped(ILogger logger, Guid ruleId, WorkflowSetTarget target, Guid ticketId, string reason);
}
