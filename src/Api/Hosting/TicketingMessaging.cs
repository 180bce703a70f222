using JasperFx.CodeGeneration;
using Ticketing.Api.Email;
using Ticketing.Api.Email.Delivery;
using Ticketing.Api.Email.Notifications;
using Ticketing.Application.Messaging;
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
        builder.Logging.WithoutInlineCommandErrors();
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
            options.Policies.ForMessagesOfType<ITicketCommand>().AddMiddleware(typeof(SessionOutboxMiddleware));
            options.Policies.ForMessagesOfType<OpenTicket>().AddMiddleware(typeof(TicketCreationGateMiddleware));

            // Mail: retried with back-off, then dead lettered (ADR 0017). Scheduled retries and handed-over messages
            // are found by the durability agent's polling, so it polls every second instead of every five.
            options.Policies.Add(new MailRetryPolicy(
                builder.Configuration.GetSection(EmailOptions.Section + ":Delivery").Get<MailDeliveryOptions>() ?? new MailDeliveryOptions()));
            options.Durability.ScheduledJobPollingTime = TimeSpan.FromSeconds(1);

            // Node ownership (ADR 0017): a node that stops heart-beating for StaleNodeTimeout is ejected by the leader
            // and its unfinished messages (owned by it) are handed to the living nodes. Shorter means faster takeover,
            // but a node stalled that long (a long GC pause, a database hiccup) is taken for dead and its in-flight
            // mail may go out twice (same Message-ID). Tests of two nodes shorten both.
            var nodes = builder.Configuration.GetSection("Ticketing:Messaging");
            options.Durability.HealthCheckPollingTime = nodes.GetValue("HealthCheckPollingTime", TimeSpan.FromSeconds(5));
            options.Durability.StaleNodeTimeout = nodes.GetValue("StaleNodeTimeout", TimeSpan.FromSeconds(30));

            // A message this node holds but dropped from memory stays owned by it, unhandled, until the node restarts:
            // it happens when PostgreSQL goes away mid-handling and Wolverine cannot record the retry or the failure.
            // Wolverine releases an owned message to any node once its claim is older than this; a message still held
            // in memory (queued or running) has its claim renewed three times per period, so it is not released
            // underneath its handler (ADR 0017).
            options.Durability.InboxStaleTime = nodes.GetValue("InboxStaleTime", TimeSpan.FromSeconds(30));

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
        // After Wolverine's runtime: the handover publishes through it.
        builder.Services.AddHostedService<RetiredOutboxHandover>();
        builder.Services.AddHostedService<ClearMailSecretsUpgrade>();
        builder.Services.AddHostedService<Ticketing.Api.Identity.PersonalDataKeysUpgrade>();
        return builder;
    }

    /// <summary>
    /// The Marten half of the integration: Wolverine's envelope tables live beside Marten's, and a handler's session
    /// stores its outgoing messages in the transaction of its events (ADR 0017).
    /// </summary>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression WithWolverine(this MartenServiceCollectionExtensions.MartenConfigurationExpression marten) =>
        marten.IntegrateWithWolverine();
}
