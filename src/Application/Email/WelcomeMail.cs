using Microsoft.Extensions.Configuration;
using Npgsql;
using Ticketing.Application.Persistence;
using Wolverine;

namespace Ticketing.Application.Email;

/// <summary>
/// The welcome mail of a new contact (A4): the template <c>welcome</c> in the contact's language, the credentials shown
/// once, in the mail, kept encrypted in <c>mail_secrets</c> until it is sent (ADR 0017); the portal URL is added at delivery.
/// </summary>
public static class WelcomeMail
{
    /// <summary>The switch in configuration, in force until an admin saves the portal settings section.</summary>
    public const string Setting = "Ticketing:Portal:WelcomeEmail";

    public static SendMail Compose(string recipient, string language, string name, DateTimeOffset now) => new(
        MailIds.New(), EmailKinds.Welcome, recipient, language,
        new Dictionary<string, string?>(StringComparer.Ordinal) { [EmailSnippets.ContactName] = name, [EmailSnippets.RecipientName] = name },
        now);

    public static Dictionary<string, string?> Secrets(string username, string password) => new(StringComparer.Ordinal)
    {
        [EmailSnippets.Username] = username,
        [EmailSnippets.Password] = password,
    };

    /// <summary>
    /// Queues the mail on the transaction that creates the contact (<see cref="OutboxedMail"/>) when the switch is on;
    /// call <see cref="OutboxedMail.SentAsync"/> after the commit.
    /// </summary>
    public static async Task QueueAsync(
        IMessageBus bus, NpgsqlTransaction tx, IConfiguration configuration, string recipient, string language, string name,
        string username, string password, DateTimeOffset now, MailSecrets store, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tx);
        if (await IsOnAsync(tx.Connection!, configuration, ct))
        {
            await OutboxedMail.QueueAsync(bus, tx, Compose(recipient, language, name, now), Secrets(username, password), store, ct);
        }
    }

    /// <summary>The switch on the caller's connection (and transaction): the saved portal section, else configuration.</summary>
    public static async Task<bool> IsOnAsync(NpgsqlConnection connection, IConfiguration configuration, CancellationToken ct)
    {
        await using var query = connection.Sql("""
            select (value ->> 'welcomeEmail')::boolean from settings_versions where section = 'portal' order by id desc limit 1
            """);
        return await query.ExecuteScalarAsync(ct) is bool stored ? stored : configuration.GetValue(Setting, true);
    }
}
