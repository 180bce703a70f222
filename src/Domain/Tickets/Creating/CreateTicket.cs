namespace Ticketing.Domain.Tickets;

/// <summary>
/// Opens a ticket. The caller allocates <paramref name="TicketId"/> and the gap-free
/// <paramref name="Number"/>; <paramref name="Status"/> (id or name) defaults to the built-in Open.
/// </summary>
public sealed record CreateTicket(
    Guid TicketId,
    TicketNumber Number,
    TicketFields Fields,
    TicketSource Source,
    Guid CustomerId,
    Guid? ContactId,
    Guid? AssignedTechnicianId,
    string? Status,
    Guid? SeriesId,
    Actor By);

public static partial class TicketDecider
{
    public static IReadOnlyList<TicketEvent> Decide(
        CreateTicket command, Ticket state, TicketPolicies policies, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(policies);
        if (command.TicketId == Guid.Empty)
        {
            throw new ArgumentException("The caller must allocate a ticket id.", nameof(command));
        }

        if (command.Number == default)
        {
            throw new ArgumentException("The caller must allocate a ticket number.", nameof(command));
        }

        if (state.Exists)
        {
            throw TicketGuards.Violation(TicketErrors.AlreadyExists, "The ticket already exists.");
        }

        // Taskfire users only ever see copies made by the MSP; their own tickets live in their own tool.
        if (command.By.Kind == ActorKind.Taskfire)
        {
            throw TicketGuards.Violation(TicketErrors.ActorForbidden, "Taskfire users cannot open MSP tickets.");
        }

        // A contact opens tickets for themselves; on their behalf is a technician's job.
        if (command.By.Kind == ActorKind.Contact && command.ContactId != command.By.Id)
        {
            throw TicketGuards.Violation(TicketErrors.ContactMismatch, "A contact can only open tickets as themselves.");
        }

        if (command.CustomerId == Guid.Empty)
        {
            throw TicketGuards.Violation(TicketErrors.CustomerRequired, "A ticket belongs to a customer.");
        }

        var title = TicketGuards.RequireTitle(command.Fields.Title);
        TicketGuards.CheckDescription(command.Fields.Description);
        TicketGuards.CheckCustomFieldKeys(command.Fields.CustomFields.Keys);
        if (command.SeriesId is not null && command.Fields.DueDate is null)
        {
            throw TicketGuards.Violation(TicketErrors.SeriesDueDateRequired, "A ticket of a recurring series needs a due date.");
        }

        var status = policies.Statuses.Get(command.Status ?? StatusCatalogue.Open.Id);

        // Null custom values on creation mean "not filled in"; storing them would only add noise.
        var fields = command.Fields with
        {
            Title = title,
            CustomFields = command.Fields.CustomFields
                .Where(c => c.Value is not null)
                .ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal),
        };

        return
        [
            new TicketCreated(
                command.TicketId, command.Number.ToString(), fields, status.Id, status.Category, command.Source,
                command.CustomerId, command.ContactId, command.AssignedTechnicianId, command.SeriesId, command.By, now),
        ];
    }
}
