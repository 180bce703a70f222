namespace Ticketing.Application.Tickets;

/// <summary>
/// A command on a ticket: which ticket, who asks (and the request's correlation id), and the version the caller last
/// saw (HTTP <c>If-Match</c>), if any. Every such command gets the <see cref="TicketCommandInputs"/> that
/// <see cref="TicketCommandInputsMiddleware"/> loads first; those on an existing ticket run
/// <see cref="TicketWrites.DecideAsync"/>, and <see cref="Creating.OpenTicket"/> starts a new stream.
/// </summary>
public interface ITicketCommand
{
    Guid TicketId { get; }

    CommandContext By { get; }

    long? IfMatch { get; }
}
