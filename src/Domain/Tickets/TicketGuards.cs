namespace Ticketing.Domain.Tickets;

/// <summary>The checks most decisions share, so a rule reads (and fails) the same way everywhere.</summary>
internal static class TicketGuards
{
    public static DomainRuleViolation Violation(string code, string message) => new(code, message);

    public static void EnsureLive(Ticket ticket)
    {
        if (!ticket.Exists)
        {
            throw Violation(TicketErrors.NotFound, "The ticket does not exist.");
        }

        if (ticket.IsDeleted)
        {
            throw Violation(TicketErrors.Deleted, "The ticket has been deleted.");
        }
    }

    /// <summary>
    /// Taskfire users work only the copies of their company's tickets; everyone else works only the MSP's side,
    /// because the copy belongs to the customer's IT and the MSP talks to it through the Taskfire actions.
    /// </summary>
    public static void EnsureSide(Ticket ticket, Actor by)
    {
        if (by.Kind == ActorKind.Taskfire && !ticket.IsTaskfireCopy)
        {
            throw Violation(TicketErrors.NotTaskfireCopy, "Taskfire users can only work on Taskfire copies.");
        }

        if (by.Kind != ActorKind.Taskfire && ticket.IsTaskfireCopy)
        {
            throw Violation(TicketErrors.TaskfireCopyForbidden, "Only the customer's Taskfire users work on a Taskfire copy.");
        }
    }

    public static void EnsureStaff(Actor by, string action)
    {
        if (!by.IsStaff)
        {
            throw Violation(TicketErrors.ActorForbidden, $"Only the MSP's staff can {action}.");
        }
    }

    public static void EnsureNotBilled(Ticket ticket)
    {
        if (ticket.IsBilled)
        {
            throw Violation(TicketErrors.BilledLocked, "The ticket has been billed and is locked.");
        }
    }

    public static string RequireTitle(string? title)
    {
        var trimmed = title?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw Violation(TicketErrors.TitleRequired, "A ticket needs a title.");
        }

        return trimmed.Length <= TicketLimits.TitleMaxLength
            ? trimmed
            : throw Violation(TicketErrors.TitleTooLong, $"A title has at most {TicketLimits.TitleMaxLength} characters.");
    }

    public static void CheckDescription(string? description)
    {
        if (description?.Length > TicketLimits.DescriptionMaxLength)
        {
            throw Violation(TicketErrors.DescriptionTooLong, $"A description has at most {TicketLimits.DescriptionMaxLength} characters.");
        }
    }

    public static void CheckCustomFieldKeys(IEnumerable<string> keys)
    {
        if (keys.Any(k => string.IsNullOrWhiteSpace(k) || k.Length > TicketLimits.CustomFieldKeyMaxLength || k.Trim() != k))
        {
            throw Violation(TicketErrors.CustomFieldKeyInvalid, "Custom field keys are non-blank, without surrounding spaces, at most 100 characters.");
        }
    }

    /// <summary>A note that must say something: trimmed, non-empty, bounded like a reply.</summary>
    public static string RequireNote(string? note, string code, string what)
    {
        var trimmed = note?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw Violation(code, $"{what} needs a note.");
        }

        return trimmed.Length <= TicketLimits.ReplyMaxLength
            ? trimmed
            : throw Violation(TicketErrors.ReplyTooLong, $"A note has at most {TicketLimits.ReplyMaxLength} characters.");
    }
}
