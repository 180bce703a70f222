namespace Ticketing.Domain.Tickets;

/// <summary>Changes some of a ticket's fields; which ones a portal user may touch is the portal's field rules' call (P4).</summary>
public sealed record ChangeTicketFields(Guid TicketId, TicketFieldChanges Changes, Actor By);

public static partial class TicketDecider
{
    /// <returns>No events when nothing actually changes, so repeating a request is harmless.</returns>
    public static IReadOnlyList<TicketEvent> Decide(ChangeTicketFields command, Ticket state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(state);
        TicketGuards.EnsureLive(state);
        TicketGuards.EnsureSide(state, command.By);

        // Billing locks the fields for everyone (T4 names portal users; an MSP would not want a billed ticket's
        // queue, work type or title drifting from the invoice either). Only internal notes stay open.
        TicketGuards.EnsureNotBilled(state);

        var changes = command.Changes;
        if (changes.Title is { } title)
        {
            changes = changes with { Title = new(TicketGuards.RequireTitle(title.Value)) };
        }

        if (changes.Description is { } description)
        {
            TicketGuards.CheckDescription(description.Value);
        }

        TicketGuards.CheckCustomFieldKeys(changes.CustomFields.Keys);
        if (state.SeriesId is not null && changes.DueDate is { Value: null })
        {
            throw TicketGuards.Violation(TicketErrors.SeriesDueDateRequired, "A ticket of a recurring series keeps a due date.");
        }

        var effective = changes.Effective(state.Fields);
        return effective.IsEmpty ? [] : [new TicketFieldsChanged(state.Id, effective, command.By, now)];
    }
}
