namespace Ticketing.Application.Tickets;

/// <summary>
/// Wolverine middleware of every <see cref="ITicketCommand"/> and ticket creation: the settings a decision depends on
/// (policies, time zone, workflow rules), read in one round trip before the handler runs and passed to it.
/// </summary>
public static class TicketCommandInputsMiddleware
{
    // The command parameter is how Wolverine matches this middleware to the handlers of ticket commands.
    public static Task<TicketCommandInputs> BeforeAsync(ITicketCommand command, ITicketSettings settings, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(settings);
        return settings.CommandInputsAsync(command.By.Actor, ct);
    }
}
