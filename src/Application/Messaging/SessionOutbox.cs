using Marten;
using Marten.Services;
using Ticketing.Application.Tickets;
using Wolverine;

namespace Ticketing.Application.Messaging;

/// <summary>
/// Messages that code holding only a Marten session wants sent with that session's commit. The session must be one
/// Wolverine opened (a handler's, enrolled in its transactional outbox); <see cref="Attach"/> links it to its message
/// context, and just before the commit the messages are published into that outbox, so they are stored by the same
/// transaction as the session's events and exist exactly when those commit (the way Wolverine forwards events).
/// </summary>
public sealed class SessionOutbox : DocumentSessionListenerBase
{
    private readonly IMessageContext context;
    private readonly List<object> pending = [];

    private SessionOutbox(IMessageContext context) => this.context = context;

    /// <summary>Links <paramref name="session"/> to <paramref name="context"/> (once; later calls keep the first link).</summary>
    public static void Attach(IDocumentSession session, IMessageContext context)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(context);
        if (!session.Listeners.OfType<SessionOutbox>().Any())
        {
            session.Listeners.Add(new SessionOutbox(context));
        }
    }

    /// <summary>Sends <paramref name="message"/> when <paramref name="session"/> commits, in its transaction.</summary>
    public static void Publish(IDocumentSession session, object message)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(message);
        var outbox = session.Listeners.OfType<SessionOutbox>().FirstOrDefault()
            ?? throw new InvalidOperationException("The session is not linked to a Wolverine message context (SessionOutbox.Attach).");
        outbox.pending.Add(message);
    }

    public override async Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        foreach (var message in pending)
        {
            await context.PublishAsync(message);
        }

        pending.Clear();
    }
}

/// <summary>Links every ticket command's Marten session to its message context (see <see cref="SessionOutbox"/>).</summary>
public static class SessionOutboxMiddleware
{
    // The command parameter is how Wolverine matches this middleware to the handlers of ticket commands.
    public static void Before(ITicketCommand command, IDocumentSession session, IMessageContext context)
    {
        _ = command;
        SessionOutbox.Attach(session, context);
    }
}
