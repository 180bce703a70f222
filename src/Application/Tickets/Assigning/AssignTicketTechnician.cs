using Marten;
using Ticketing.Domain.Tickets;

namespace Ticketing.Application.Tickets.Assigning;

/// <summary>Assigns a ticket to a staff member, or unassigns it (<paramref name="TechnicianId"/> null).</summary>
public sealed record AssignTicketTechnician(Guid TicketId, Guid? TechnicianId, CommandContext By, long? IfMatch = null) : ITicketCommand;

public static class AssignTicketTechnicianHandler
{
    /// <summary>Only staff take tickets: anyone else is a 422 before anything is read or written.</summary>
    public static Task ValidateAsync(AssignTicketTechnician command, IDocumentSession session, CancellationToken ct) =>
        TicketAssignees.EnsureAssignableAsync(session, command.TechnicianId, ct);

    public static Task<TicketCommandResult> Handle(
        AssignTicketTechnician command, TicketCommandInputs inputs, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        TicketWrites.DecideAsync(session, command, inputs, clock.GetUtcNow(), d => TicketDecision.Single(command.TicketId, [.. TicketDecider.Decide(
            new AssignTechnician(command.TicketId, command.TechnicianId, command.By.Actor), d.Ticket, d.Now)]), ct);
}
