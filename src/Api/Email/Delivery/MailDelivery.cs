using Microsoft.Extensions.Options;
using MimeKit;
using Npgsql;
using Ticketing.Api.Email.Templates;
using Ticketing.Api.Identity.Persistence;
using Ticketing.Application.Email;

namespace Ticketing.Api.Email.Delivery;

/// <summary>
/// One delivery pass over <c>mail_outbox</c> (ADR 0006): claim due rows under a lease (<c>for update skip locked</c>),
/// send each, and only then mark it sent. A crash after sending and before marking leaves the row leased; when the
/// lease runs out it is claimed and sent again with the same Message-ID (at-least-once, never lost). Failures are
/// retried with exponential back-off and given up after <see cref="MailDeliveryOptions.MaxAttempts"/>.
/// </summary>
public sealed class MailDelivery(
    NpgsqlDataSource dataSource, IMailTransport transport, MailComposer composer, IOptionsMonitor<EmailOptions> options,
    TimeProvider time, ILogger<MailDelivery> logger)
{
    private const int MaxErrorLength = 2000;

    /// <summary>Who holds a lease: this delivery instance (a node may run several only in tests).</summary>
    public string Owner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>Delivers up to one batch of due mail; returns how many rows were claimed.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken ct)
    {
        var settings = options.CurrentValue.Delivery;
        var claimed = await ClaimAsync(settings, ct);
        var templates = new Dictionary<(string, string), EmailTemplate>();
        for (var i = 0; i < claimed.Count; i++)
        {
            if (ct.IsCancellationRequested)
            {
                await ReleaseAsync(claimed.Skip(i));
                ct.ThrowIfCancellationRequested();
            }

            await DeliverAsync(claimed[i], settings, templates, ct);
        }

        return claimed.Count;
    }

    private async Task DeliverAsync(QueuedMail mail, MailDeliveryOptions settings, Dictionary<(string, string), EmailTemplate> templates, CancellationToken ct)
    {
        MimeMessage message;
        try
        {
            message = await composer.ComposeAsync(mail, templates, ct);
        }
        catch (Exception e) when (e is UnknownEmailKindException or ParseException or System.Text.Json.JsonException)
        {
            await FailAsync(mail, e, giveUp: true, settings);
            return;
        }

        try
        {
            await transport.SendAsync(mail.Id, message, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down mid-send: whether it went out is unknown, so the row keeps its lease and is sent again later.
            throw;
        }
        catch (PermanentDeliveryException e)
        {
            await FailAsync(mail, e, giveUp: true, settings);
            return;
        }
        catch (Exception e)
        {
            await FailAsync(mail, e, giveUp: mail.Attempts >= settings.MaxAttempts, settings);
            return;
        }

        await MarkSentAsync(mail);
    }

    private async Task<List<QueuedMail>> ClaimAsync(MailDeliveryOptions settings, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var claim = connection.Sql("""
            update mail_outbox o set locked_by = $1, locked_until = $3, attempts = o.attempts + 1
            from (select id from mail_outbox
                  where status = 'pending' and next_attempt_at <= $2 and (locked_until is null or locked_until <= $2)
                  order by next_attempt_at, id
                  limit $4
                  for update skip locked) due
            where o.id = due.id
            returning o.id, o.kind, o.recipient, o.language, o.subject, o.body_text, o.body_html, o.template_values::text,
                      o.attempts, o.created_at
            """).With(Owner).With(now).With(now + settings.Lease).With(settings.BatchSize);
        await using var reader = await claim.ExecuteReaderAsync(ct);
        var rows = new List<QueuedMail>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new QueuedMail(
                reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetNullableString(4),
                reader.GetNullableString(5), reader.GetNullableString(6), reader.GetNullableString(7), reader.GetInt32(8),
                reader.GetFieldValue<DateTimeOffset>(9)));
        }

        return [.. rows.OrderBy(r => r.Id)];
    }

    // Marking uses no cancellation token: once a message is out, recording that matters more than a fast shutdown.
    private async Task MarkSentAsync(QueuedMail mail)
    {
        await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
        await using var mark = connection.Sql("""
            update mail_outbox
            set status = 'sent', sent_at = $3, last_error = null, locked_by = null, locked_until = null,
                template_values = template_values - $4::text[]
            where id = $1 and locked_by = $2
            """).With(mail.Id).With(Owner).With(time.GetUtcNow()).With(EmailSnippets.Secrets.ToArray());
        if (await mark.ExecuteNonQueryAsync(CancellationToken.None) == 0)
        {
            logger.LogWarning("Mail {OutboxId} was sent but its lease had passed to another worker; it may be sent twice", mail.Id);
        }
    }

    private async Task FailAsync(QueuedMail mail, Exception error, bool giveUp, MailDeliveryOptions settings)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
        await using var mark = connection.Sql("""
            update mail_outbox
            set status = case when $3 then 'failed' else 'pending' end, next_attempt_at = $4, last_error = $5,
                locked_by = null, locked_until = null
            where id = $1 and locked_by = $2
            """).With(mail.Id).With(Owner).With(giveUp).With(now + settings.RetryDelay(mail.Attempts)).With(Describe(error));
        await mark.ExecuteNonQueryAsync(CancellationToken.None);
        if (giveUp)
        {
            logger.LogError("Mail {OutboxId} ({Kind}) given up after {Attempts} attempt(s): {Error}", mail.Id, mail.Kind, mail.Attempts, error.GetType().Name);
        }
        else
        {
            logger.LogWarning("Mail {OutboxId} ({Kind}) attempt {Attempts} failed ({Error}); retrying", mail.Id, mail.Kind, mail.Attempts, error.GetType().Name);
        }
    }

    // Claimed but never attempted (shutdown): hand them back at once instead of waiting for the lease.
    private async Task ReleaseAsync(IEnumerable<QueuedMail> mails)
    {
        await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
        await using var release = connection.Sql("""
            update mail_outbox set locked_by = null, locked_until = null, attempts = attempts - 1
            where id = any($1) and locked_by = $2
            """).WithUuids(mails.Select(m => m.Id)).With(Owner);
        await release.ExecuteNonQueryAsync(CancellationToken.None);
    }

    private static string Describe(Exception error)
    {
        var text = $"{error.GetType().Name}: {error.Message}";
        return text.Length <= MaxErrorLength ? text : text[..MaxErrorLength];
    }
}
