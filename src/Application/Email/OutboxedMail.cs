using Npgsql;
using Wolverine;
using Wolverine.Persistence.Durability;
using Wolverine.RDBMS;
using Wolverine.Runtime;

namespace Ticketing.Application.Email;

/// <summary>
/// Mails of use cases that write plain tables on their own Npgsql transaction (welcome, reset code): the handler's
/// Wolverine message context is enrolled in that transaction, so the <see cref="SendMail"/> envelope is stored by it
/// (Wolverine's transactional outbox) and exists exactly when the change that causes it commits. The credentials go to
/// <c>mail_secrets</c> (encrypted) in the same transaction, never into the message (ADR 0017). Call <see cref="SentAsync"/> after
/// the commit to start delivery at once.
/// </summary>
public static class OutboxedMail
{
    public static async Task QueueAsync(
        IMessageBus bus, NpgsqlTransaction tx, SendMail mail, IReadOnlyDictionary<string, string?> secrets, MailSecrets store, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(mail);
        ArgumentNullException.ThrowIfNull(store);
        var context = (MessageContext)bus;
        await context.EnlistInOutboxAsync(new DatabaseEnvelopeTransaction((IMessageDatabase)context.Storage, tx));
        await store.StoreAsync(tx.Connection!, mail.MailId, secrets, ct);
        await context.PublishAsync(mail with { HasSecrets = secrets.Count > 0 });
    }

    /// <summary>After the commit: hands the stored messages to their local queue (else recovery would find them later).</summary>
    public static Task SentAsync(IMessageBus bus) => ((MessageContext)bus).FlushOutgoingMessagesAsync();
}
