namespace Ticketing.Application.Tickets;

/// <summary>
/// A command on an existing ticket: which ticket, who asks (and the request's correlation id), and the version the
/// caller last saw (HTTP <c>If-Match</c>), if any. Every such command runs <see cref="TicketWrites.DecideAsync"/>
/// with the <see cref="TicketCommandInputs"/> that <see cref="TicketCommandInputsMiddleware"/> loads first.
/// </summary>
public interface ITicketCommand
{
    Guid TicketId { get; }

    CommandContext By { get; }

    long? IfMatch { get; }
}
