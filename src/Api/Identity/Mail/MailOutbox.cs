using System.Text.Json;
using Npgsql;
using Ticketing.Api.Email.Templates;
using Ticketing.Api.Identity.Persistence;
using Ticketing.Application.Email;

namespace Ticketing.Api.Identity.Mail;

/// <summary>
/// Enqueues a mail as a <c>mail_outbox</c> row on the caller's transaction, so a mail exists exactly when the change
/// that causes it commits. The email module's delivery worker sends it (ADR 0006).
/// </summary>
public sealed class MailOutbox(TimeProvider time, IConfiguration configuration)
{
    /// <summary>
    /// Off until the admin setting exists (issue 5): two identity tests read "the" outbox row of a contact without
    /// filtering on kind, and a welcome row would be the one they read.
    /// </summary>
    public const bool WelcomeMailByDefault = true;

    /// <summary>Renders <paramref name="mail"/> now (admin override or built-in template) and queues the result.</summary>
    public async Task EnqueueAsync(NpgsqlConnection connection, OutgoingMail mail, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var template = await PostgresEmailTemplateStore.FindAsync(connection, mail.Kind, mail.Language, ct);
        var rendered = EmailTemplateRenderer.Render(template, mail.Values);
        await using var insert = connection.Sql("""
            insert into mail_outbox (id, kind, recipient, language, subject, body_text, body_html, created_at, next_attempt_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $8)
            """)
            .With(Guid.CreateVersion7()).With(mail.Kind).With(mail.Recipient).With(template.Language).With(rendered.Subject)
            .With(rendered.BodyText).With(rendered.BodyHtml).With(time.GetUtcNow());
        await insert.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Queues the welcome mail of a new contact (A4) when <c>Ticketing:Portal:WelcomeEmail</c> is on.
    /// It is rendered at delivery; the password is removed from the row once the mail is sent.
    /// </summary>
    public async Task EnqueueWelcomeAsync(NpgsqlConnection connection, WelcomeMail mail, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(mail);
        if (!await Ticketing.Api.Admin.Settings.CurrentSettings.WelcomeEmailAsync(connection, configuration, ct))
        {
            return;
        }

        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [EmailSnippets.ContactName] = mail.Name,
            [EmailSnippets.RecipientName] = mail.Name,
            [EmailSnippets.Username] = mail.Username,
            [EmailSnippets.Password] = mail.Password,
        };
        var now = time.GetUtcNow();
        await using var insert = connection.Sql("""
            insert into mail_outbox (id, kind, recipient, language, template_values, created_at, next_attempt_at)
            values ($1, $2, $3, $4, $5, $6, $6)
            """)
            .With(Guid.CreateVersion7()).With(EmailKinds.Welcome).With(mail.Recipient).With(mail.Language)
            .WithJson(JsonSerializer.Serialize(values)).With(now);
        await insert.ExecuteNonQueryAsync(ct);
    }
}

/// <summary>A mail of <paramref name="Kind"/> to render from its template with <paramref name="Values"/> (see <see cref="EmailSnippets"/>).</summary>
public sealed record OutgoingMail(string Kind, string Recipient, string Language, IReadOnlyDictionary<string, string?> Values);

/// <summary>The welcome mail of a new contact: the credentials shown once, and the portal URL added at delivery.</summary>
public sealed record WelcomeMail(string Recipient, string Language, string Name, string Username, string Password);
