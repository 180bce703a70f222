using Marten;
using Ticketing.Application.Errors;
using Ticketing.Application.Portal;
using Ticketing.Domain.Tickets;

namespace Ticketing.Application.Tickets.Portal;

/// <summary>
/// A contact changes editable fields and the status of a ticket they can see (P6), in one append. The domain enforces
/// the billed lock (T4) and the reopen policy (T5); the portal adds that only visible statuses may be chosen (422
/// <c>portal.status_not_allowed</c>) and that mandatory-on-update fields hold a value afterwards (400).
/// <paramref name="Settings"/> are the portal settings that applied to the caller's request.
/// </summary>
public sealed record EditPortalTicket(
    Guid TicketId, TicketFieldChanges Changes, string? Status, PortalSettings Settings, CommandContext By, long? IfMatch = null) : ITicketCommand;

public static class EditPortalTicketHandler
{
    public const string StatusNotAllowed = "portal.status_not_allowed";

    public static Task<TicketCommandResult> Handle(
        EditPortalTicket command, TicketCommandInputs inputs, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        // A status the contact cannot see would make the ticket vanish from their portal: not theirs to pick.
        string? status = null;
        if (command.Status is not null)
        {
            status = inputs.Policies.Statuses.TryFind(command.Status, out var found) && command.Settings.VisibleStatusIds.Contains(found.Id)
                ? found.Id
                : throw new UnprocessableException(StatusNotAllowed, $"'{command.Status}' is not a status that can be chosen in the portal.");
        }

        var id = command.TicketId;
        var by = command.By.Actor;
        return TicketWrites.DecideAsync(session, command, inputs, clock.GetUtcNow(), d =>
        {
            var ticket = d.Ticket;
            List<TicketEvent> events = [];
            if (!command.Changes.IsEmpty)
            {
                events.AddRange(TicketDecider.Decide(new ChangeTicketFields(id, command.Changes, by), ticket, d.Now));
                ticket = events.Aggregate(ticket, Ticket.Evolve);
            }

            if (status is not null)
            {
                var changed = TicketDecider.Decide(new ChangeTicketStatus(id, status, by), ticket, d.Policies, d.Now);
                events.AddRange(changed);
                ticket = changed.Aggregate(ticket, Ticket.Evolve);
            }

            PortalMandatoryFields.Ensure(command.Settings, PortalWrite.Update, ticket.Fields);
            return TicketDecision.Single(id, [.. events]);
        }, ct);
    }
}
