using System.Text.Json;
using Npgsql;
using Ticketing.Application.Persistence;

namespace Ticketing.Application.Email;

/// <summary>
/// <c>mail_secrets</c>: the credentials of a queued mail (a new contact's password, a reset code), kept out of the
/// message so that neither Wolverine's stored envelopes nor its dead letters ever hold them. Written in the
/// transaction that queues the mail, read when it is composed, deleted once it is sent (ADR 0017).
/// </summary>
public static class MailSecrets
{
    public static async Task StoreAsync(NpgsqlConnection connection, Guid mailId, IReadOnlyDictionary<string, string?> secrets, CancellationToken ct)
    {
        await using var insert = connection.Sql("insert into mail_secrets (mail_id, secret_values) values ($1, $2)")
            .With(mailId).WithJson(JsonSerializer.Serialize(secrets));
        await insert.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The mail's secrets, or null when they are gone: the mail was sent already.</summary>
    public static async Task<Dictionary<string, string?>?> FindAsync(NpgsqlDataSource dataSource, Guid mailId, CancellationToken ct)
    {
        await using var select = dataSource.CreateCommand("select secret_values::text from mail_secrets where mail_id = $1");
        select.Parameters.Add(new NpgsqlParameter { Value = mailId });
        return await select.ExecuteScalarAsync(ct) is string json ? JsonSerializer.Deserialize<Dictionary<string, string?>>(json) : null;
    }

    // No cancellation: once the mail is out, forgetting its secrets matters more than a fast shutdown.
    public static async Task DeleteAsync(NpgsqlDataSource dataSource, Guid mailId)
    {
        await using var delete = dataSource.CreateCommand("delete from mail_secrets where mail_id = $1");
        delete.Parameters.Add(new NpgsqlParameter { Value = mailId });
        await delete.ExecuteNonQueryAsync(CancellationToken.None);
    }
}
