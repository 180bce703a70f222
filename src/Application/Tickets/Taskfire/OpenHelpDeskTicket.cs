using Marten;
using Ticketing.Application.EventSourcing;
using Ticketing.Application.Tickets.Creating;
using Ticketing.Domain.Tickets;

namespace Ticketing.Application.Tickets.Taskfire;

/// <summary>
/// A Taskfire user opens a ticket of their own help desk (T10) for their customer: numbered like every ticket (T2), so
/// the MSP's ticket made when it is submitted carries the same number. The MSP's workflow rules (T8) and notifications
/// do not run on it: it is the customer's own work until submitted.
/// </summary>
public sealed record OpenHelpDeskTicket(Guid TicketId, Guid CustomerId, TicketFields Fields, CommandContext By) : ITicketCommand
{
    long? ITicketCommand.IfMatch => null;
}

public static class OpenHelpDeskTicketHandler
{
    public static async Task<OpenedTicket> Handle(
        OpenHelpDeskTicket command, TicketCommandInputs inputs, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var now = EventStamping.StoredPrecision(clock.GetUtcNow());
        var localDate = TicketNumber.LocalDate(now, inputs.MspTimeZone);
        var number = TicketNumber.Create(localDate, await TicketNumbers.NextAsync(session, localDate, ct));
        var opened = TicketDecider.Decide(
            new OpenTaskfireTicket(command.TicketId, number, command.Fields, command.CustomerId, command.By.Actor), Ticket.Initial, inputs.Policies, now);
        var events = TicketWrites.Pending(opened, command.By);
        session.Events.StartStream<Ticket>(command.TicketId, [.. events.Select(e => session.Stamp(e, now))]);
        return new OpenedTicket(command.TicketId, number.ToString(), events.Count);
    }
}
