namespace Ticketing.Domain.Tickets;

/// <summary>
/// A Taskfire user opens a ticket of their own help desk (T10): source Taskfire, on the customer's side only. The
/// caller allocates <paramref name="TicketId"/> and the <paramref name="Number"/> (the MSP's numbering, so the MSP's
/// ticket made on submission can carry the same number).
/// </summary>
public sealed record OpenTaskfireTicket(Guid TicketId, TicketNumber Number, TicketFields Fields, Guid CustomerId, Actor By);

public static partial class TicketDecider
{
    public static IReadOnlyList<TicketEvent> Decide(OpenTaskfireTicket command, Ticket state, TicketPolicies policies, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(policies);
        if (command.TicketId == Guid.Empty || command.Number == default)
        {
            throw new ArgumentException("The caller must allocate the ticket's id and number.", nameof(command));
        }

        if (state.Exists)
        {
            throw TicketGuards.Violation(TicketErrors.AlreadyExists, "The ticket already exists.");
        }

        if (command.By.Kind != ActorKind.Taskfire)
        {
            throw TicketGuards.Violation(TicketErrors.ActorForbidden, "Only Taskfire users open tickets of their own help desk.");
        }

        if (command.CustomerId == Guid.Empty)
        {
            throw TicketGuards.Violation(TicketErrors.CustomerRequired, "A ticket belongs to a customer.");
        }

        var title = TicketGuards.RequireTitle(command.Fields.Title);
        TicketGuards.CheckDescription(command.Fields.Description);
        TicketGuards.CheckCustomFieldKeys(command.Fields.CustomFields.Keys);
        var open = policies.Statuses.Get(StatusCatalogue.Open.Id);
        var fields = command.Fields with
        {
            Title = title,
            CustomFields = command.Fields.CustomFields.Where(c => c.Value is not null).ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal),
        };
        return
        [
            new TaskfireTicketOpened(
                command.TicketId, command.Number.ToString(), fields, open.Id, open.Category, command.CustomerId, command.By.Id, command.By, now),
        ];
    }
}
