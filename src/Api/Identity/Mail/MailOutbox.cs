using Npgsql;
using Ticketing.Api.Identity.Persistence;

namespace Ticketing.Api.Identity.Mail;

/// <summary>
/// Enqueues a mail as a <c>mail_outbox</c> row on the caller's transaction, so a mail exists exactly when
/// the change that causes it commits. Delivery (and blanking sent bodies) belongs to the mail sender.
/// </summary>
public sealed class MailOutbox(TimeProvider time)
{
    public async Task EnqueueAsync(NpgsqlConnection connection, OutgoingMail mail, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var insert = connection.Sql("""
            insert into mail_outbox (id, kind, recipient, language, subject, body_text, created_at, next_attempt_at)
            values ($1, $2, $3, $4, $5, $6, $7, $7)
            """)
            .With(Guid.CreateVersion7()).With(mail.Kind).With(mail.Recipient).With(mail.Language).With(mail.Subject)
            .With(mail.BodyText).With(now);
        await insert.ExecuteNonQueryAsync(ct);
    }
}

public sealed record OutgoingMail(string Kind, string Recipient, string Language, string Subject, string BodyText);
