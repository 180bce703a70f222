using JasperFx.CodeGeneration;
using Ticketing.Application.Tickets;
using Ticketing.Application.Tickets.Creating;
using Wolverine;
using Wolverine.ErrorHandling;
using Marten;
using Wolverine.Marten;

namespace Ticketing.Api.Hosting;

/// <summary>
/// Wolverine: every command is a handler in <c>Ticketing.Application</c> (one file per use case), run in the transaction of
/// its Marten session, with the messages it cascades stored in the same transaction (the transactional outbox) and
/// delivered from durable local queues (ADR 0017). Handler code is generated ahead of time (<c>codegen write</c>) and
/// checked in under <c>Internal/Generated</c>; the host loads it statically, so start-up compiles nothing.
/// </summary>
public static class TicketingMessaging
{
    public static WebApplicationBuilder AddTicketingMessaging(this WebApplicationBuilder builder)
    {
        builder.Host.UseWolverine(options =>
        {
            options.ApplicationAssembly = typeof(TicketingMessaging).Assembly;
            options.Discovery.IncludeAssembly(typeof(TicketWrites).Assembly);
            options.CodeGeneration.TypeLoadMode = TypeLoadMode.Static;
            options.CodeGeneration.ApplicationAssembly = typeof(TicketingMessaging).Assembly;
            // Start-up applies the envelope tables under the migration lock (MessageStoreSchema); nodes never diff them.
            options.AutoBuildMessageStorageOnStartup = JasperFx.AutoCreate.None;

            // In this order: a creation is checked, then reads its inputs, then waits for a creation slot (TicketCreationGate).
            options.Policies.ForMessagesOfType<OpenTicket>().AddMiddleware(typeof(OpenTicketChecks));
            options.Policies.ForMessagesOfType<ITicketCommand>().AddMiddleware(typeof(TicketCommandInputsMiddleware));
            options.Policies.ForMessagesOfType<OpenTicket>().AddMiddleware(typeof(TicketCreationGateMiddleware));

            // A concurrent append fails the commit; the handler runs again on the stream's new state. Retries are
            // immediate: the other writer has committed by the time we know about it.
            options.OnException<JasperFx.ConcurrencyException>()
                .Or<Marten.Exceptions.ExistingStreamIdCollisionException>()
                .Or<JasperFx.Events.ExistingStreamIdCollisionException>()
                .RetryTimes(3);

            // A handler's Marten session commits its events, documents and outgoing messages together.
            options.Policies.AutoApplyTransactions();
            options.Policies.UseDurableLocalQueues();
            options.Policies.UseDurableInboxOnAllListeners();
            options.Policies.UseDurableOutboxOnAllSendingEndpoints();
        });
        return builder;
    }

    /// <summary>The Marten half of the integration: Wolverine's envelope tables live beside Marten's, in one transaction.</summary>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression WithWolverine(this MartenServiceCollectionExtensions.MartenConfigurationExpression marten) =>
        marten.IntegrateWithWolverine();
}
