using Npgsql;
using Ticketing.Api.Email.Delivery;
using Ticketing.Application.Email;
using Wolverine;
using Wolverine.Persistence.Durability;
using Wolverine.RDBMS;
using Wolverine.Runtime;

namespace Ticketing.Api.Identity.Mail;

/// <summary>
/// Mails of the identity use cases (welcome, reset code), which write plain tables on their own Npgsql transaction:
/// the request's Wolverine message context is enrolled in that transaction, so the <see cref="SendMail"/> envelope is
/// stored by it (Wolverine's transactional outbox) and exists exactly when the change that causes it commits. The
/// credentials go to <c>mail_secrets</c> in the same transaction, never into the message (ADR 0017). Call
/// <see cref="SentAsync"/> after the commit to start delivery at once.
/// </summary>
public static class AccountMail
{
    public static Task QueueAsync(
        IMessageBus bus, NpgsqlTransaction tx, SendMail mail, IReadOnlyDictionary<string, string?> secrets, CancellationToken ct) =>
        OutboxedMail.QueueAsync(bus, tx, mail, secrets, ct);

    /// <summary>After the commit: hands the stored messages to their local queue (else recovery would find them later).</summary>
    public static Task SentAsync(IMessageBus bus) => OutboxedMail.SentAsync(bus);

    /// <summary>The welcome mail of a new contact (A4); the credentials are shown once, in the mail.</summary>
    public static SendMail Welcome(string recipient, string language, string name, DateTimeOffset now) => new(
        MailIds.New(), EmailKinds.Welcome, recipient, language,
        new Dictionary<string, string?>(StringComparer.Ordinal) { [EmailSnippets.ContactName] = name, [EmailSnippets.RecipientName] = name },
        now);

    public static Dictionary<string, string?> Credentials(string username, string password) => new(StringComparer.Ordinal)
    {
        [EmailSnippets.Username] = username,
        [EmailSnippets.Password] = password,
    };

    /// <summary>
    /// Queues the welcome mail when the portal setting (<c>Ticketing:Portal:WelcomeEmail</c> until an admin saves it)
    /// is on.
    /// </summary>
    public static async Task QueueWelcomeAsync(
        IMessageBus bus, NpgsqlTransaction tx, IConfiguration configuration, WelcomeMail welcome, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(welcome);
        if (await Ticketing.Api.Admin.Settings.CurrentSettings.WelcomeEmailAsync(tx.Connection!, configuration, ct))
        {
            await QueueAsync(bus, tx, Welcome(welcome.Recipient, welcome.Language, welcome.Name, now), Credentials(welcome.Username, welcome.Password), ct);
        }
    }
}

/// <summary>The welcome mail of a new contact: the credentials shown once, and the portal URL added at delivery.</summary>
public sealed record WelcomeMail(string Recipient, string Language, string Name, string Username, string Password);
