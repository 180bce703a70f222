using System.Text.Json;
using Npgsql;
using Ticketing.Api.Identity.Persistence;
using Ticketing.Application.Email;
using Wolverine.Persistence.Durability;
using Wolverine.RDBMS;
using Wolverine.Runtime;

namespace Ticketing.Api.Email.Delivery;

/// <summary>
/// The upgrade step of ADR 0017: mail still pending in the retired <c>mail_outbox</c> table is handed to Wolverine as
/// <see cref="SendMail"/> messages (same id, so a mail a crashed runner had already sent keeps its Message-ID), its
/// credentials moved to <c>mail_secrets</c>; then the table is renamed <c>mail_outbox_retired</c> (the history of
/// sent and given-up mail, credentials removed; nothing writes or reads it). One transaction, so a mail is handed over
/// exactly once even when nodes start together: the second waits for the table lock and then finds no table.
/// </summary>
public sealed class RetiredOutboxHandover(
    NpgsqlDataSource dataSource, MailSecrets mailSecrets, IWolverineRuntime runtime, ILogger<RetiredOutboxHandover> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => HandOverAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Hands over the pending mail; returns how many (0 when the table is gone already).</summary>
    public async Task<int> HandOverAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using (var exists = connection.Sql("select to_regclass('mail_outbox') is not null"))
        {
            if (!(bool)(await exists.ExecuteScalarAsync(ct))!)
            {
                return 0;
            }
        }

        await using var tx = await connection.BeginTransactionAsync(ct);
        try
        {
            await using var take = connection.Sql("lock table mail_outbox in access exclusive mode");
            await take.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return 0; // another node handed it over while this one waited
        }

        var mails = await PendingAsync(connection, ct);
        var context = new MessageContext(runtime);
        await context.EnlistInOutboxAsync(new DatabaseEnvelopeTransaction((IMessageDatabase)runtime.Storage, tx));
        foreach (var (mail, secrets) in mails)
        {
            if (secrets.Count > 0)
            {
                await mailSecrets.StoreAsync(connection, mail.MailId, secrets, ct);
            }

            await context.PublishAsync(mail);
        }

        await using (var forget = connection.Sql("""
            update mail_outbox set template_values = template_values - $1::text[] where template_values is not null and status <> 'pending'
            """).With(EmailSnippets.Secrets.ToArray()))
        {
            await forget.ExecuteNonQueryAsync(ct);
        }

        await using (var retire = connection.Sql("""
            delete from mail_outbox where status = 'pending';
            alter table mail_outbox rename to mail_outbox_retired;
            """))
        {
            await retire.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
        await context.FlushOutgoingMessagesAsync();
        logger.LogInformation("Handed {Count} pending mail(s) of the retired mail_outbox to Wolverine", mails.Count);
        return mails.Count;
    }

    private static async Task<List<(SendMail Mail, Dictionary<string, string?> Secrets)>> PendingAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var select = connection.Sql("""
            select id, kind, recipient, language, subject, body_text, body_html, template_values::text, created_at, idempotency_key
            from mail_outbox where status = 'pending' order by created_at, id
            """);
        await using var reader = await select.ExecuteReaderAsync(ct);
        var mails = new List<(SendMail, Dictionary<string, string?>)>();
        while (await reader.ReadAsync(ct))
        {
            var values = reader.GetNullableString(7) is { } json
                ? JsonSerializer.Deserialize<Dictionary<string, string?>>(json) ?? []
                : [];
            var secrets = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var secret in EmailSnippets.Secrets.Where(values.ContainsKey))
            {
                secrets[secret] = values[secret];
                values.Remove(secret);
            }

            if (reader.GetNullableString(7) is null)
            {
                // Rendered when queued (reset mails): the body may hold a code, so all of it travels as a secret.
                secrets[MailComposer.RenderedSubject] = reader.GetNullableString(4);
                secrets[MailComposer.RenderedText] = reader.GetNullableString(5);
                secrets[MailComposer.RenderedHtml] = reader.GetNullableString(6);
            }

            var cause = reader.GetNullableString(9) is { } key && Guid.TryParse(key.Split(':')[0], out var eventId) ? eventId : (Guid?)null;
            mails.Add((new SendMail(
                reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), values,
                reader.GetFieldValue<DateTimeOffset>(8), HasSecrets: secrets.Count > 0, CausedBy: cause), secrets));
        }

        return mails;
    }
}
