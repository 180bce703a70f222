using Npgsql;
using Ticketing.Api.Email.Delivery;
using Ticketing.Application.Email;
using Wolverine;

namespace Ticketing.Api.Identity.Mail;

/// <summary>
/// The welcome mail of a new contact (A4), queued through <see cref="OutboxedMail"/> on the transaction that creates the
/// contact, its credentials in <c>mail_secrets</c> (ADR 0017). Call <see cref="OutboxedMail.SentAsync"/> after the commit.
/// </summary>
public static class AccountMail
{
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
            await OutboxedMail.QueueAsync(bus, tx, Welcome(welcome.Recipient, welcome.Language, welcome.Name, now), Credentials(welcome.Username, welcome.Password), ct);
        }
    }
}

/// <summary>The welcome mail of a new contact: the credentials shown once, and the portal URL added at delivery.</summary>
public sealed record WelcomeMail(string Recipient, string Language, string Name, string Username, string Password);
