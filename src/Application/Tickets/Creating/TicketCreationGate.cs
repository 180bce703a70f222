namespace Ticketing.Application.Tickets.Creating;

/// <summary>
/// At most four ticket creations at a time on this node (a singleton). Wolverine middleware of <see cref="OpenTicket"/>:
/// a slot is taken before the handler draws the day's number and given back after the handler's transaction ended.
/// </summary>
public sealed class TicketCreationGate : IDisposable
{
    // Creations of one day serialise on the number counter's row lock; queueing here instead of on the lock keeps a
    // burst from holding most of the connection pool idle (which starved every other request of connections).
    private readonly SemaphoreSlim _creations = new(4, 4);

    public Task WaitAsync(CancellationToken ct) => _creations.WaitAsync(ct);

    public void Release() => _creations.Release();

    public void Dispose() => _creations.Dispose();
}

/// <summary>Holds a <see cref="TicketCreationGate"/> slot around the creation handler and its commit.</summary>
public static class TicketCreationGateMiddleware
{
    // The command parameter is how Wolverine matches this middleware to the creation handler.
    public static Task BeforeAsync(OpenTicket command, TicketCreationGate gate, CancellationToken ct)
    {
        _ = command;
        ArgumentNullException.ThrowIfNull(gate);
        return gate.WaitAsync(ct);
    }

    public static void Finally(TicketCreationGate gate)
    {
        ArgumentNullException.ThrowIfNull(gate);
        gate.Release();
    }
}
