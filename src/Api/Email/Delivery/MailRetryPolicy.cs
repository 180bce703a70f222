using System.Text.Json;
using JasperFx;
using JasperFx.CodeGeneration;
using MimeKit;
using Ticketing.Api.Email.Notifications;
using Ticketing.Application.Tickets.Notifications;
using Ticketing.Api.Email.Templates;
using Ticketing.Api.Hosting.Database;
using Ticketing.Application.Email;
using Ticketing.Application.Workflow;
using Wolverine.Configuration;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace Ticketing.Api.Email.Delivery;

/// <summary>
/// Failures of <see cref="SendMail"/> (ADR 0017): a mail that can never go out (unknown kind, unparsable address,
/// secrets that no longer decrypt because the key ring was lost, the relay refusing the recipient) goes to Wolverine's
/// dead letters at once; anything else (a busy or unreachable relay)
/// is retried after an exponential back-off, scheduled durably, and dead lettered after the last attempt. Dead letters
/// are listed and replayed through <c>/api/admin/dead-letters</c>. The notices that lead to mails wait out a database
/// outage the same way.
/// </summary>
public sealed class MailRetryPolicy(MailDeliveryOptions options) : IHandlerPolicy
{
    public void Apply(IReadOnlyList<HandlerChain> chains, GenerationRules rules, IServiceContainer container)
    {
        ArgumentNullException.ThrowIfNull(chains);
        // The notices that resolve recipients read the database: while PostgreSQL is away (ADR 0010) they wait for it
        // instead of landing in the dead letters after Wolverine's three quick attempts. Any Npgsql failure counts: a
        // connection cut mid-read by a stopping server does not always look like an outage, and a notice is idempotent
        // (its mails' ids derive from its cause), so trying again later is safe.
        foreach (var chain in chains.Where(c => c.MessageType == typeof(TicketEventNotice) || c.MessageType == typeof(SendWorkflowNotice)))
        {
            chain.OnException(e => DatabaseFailures.IsUnavailable(e) || e is Npgsql.NpgsqlException || e.InnerException is Npgsql.NpgsqlException)
                .RetryWithCooldown(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1))
                .Then.ScheduleRetry(
                    TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1),
                    TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30), TimeSpan.FromHours(1))
                .Then.MoveToErrorQueue();
        }

        foreach (var chain in chains.Where(c => c.MessageType == typeof(SendMail)))
        {
            chain.OnException<PermanentDeliveryException>()
                .Or<UnknownEmailKindException>()
                .Or<ParseException>()
                .Or<JsonException>()
                .Or<System.Security.Cryptography.CryptographicException>()
                .MoveToErrorQueue();
            var delays = options.RetryDelays();
            var retries = chain.OnException<Exception>();
            if (delays.Length == 0)
            {
                retries.MoveToErrorQueue();
            }
            else
            {
                retries.ScheduleRetry(delays).Then.MoveToErrorQueue();
            }
        }
    }
}
