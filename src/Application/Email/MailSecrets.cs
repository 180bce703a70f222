using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Npgsql;
using Ticketing.Application.Persistence;

namespace Ticketing.Application.Email;

/// <summary>
/// <c>mail_secrets</c>: the credentials of a queued mail (a new contact's password, a reset code), kept out of the
/// message so that neither Wolverine's stored envelopes nor its dead letters ever hold them. Written in the
/// transaction that queues the mail, read when it is composed, deleted once it is sent (ADR 0017). While they wait they
/// are encrypted with Data Protection under their own purpose (<see cref="Purpose"/>): the row holds one JSON string,
/// the protected payload. A row written before that holds a clear JSON object; it is still read, and
/// <see cref="ProtectClearRowsAsync"/> encrypts such rows at start-up (ADR 0017, "Secrets at rest").
/// </summary>
public sealed class MailSecrets(IDataProtectionProvider protection)
{
    /// <summary>The Data Protection purpose: a payload of another purpose (a bearer token) never decrypts as secrets.</summary>
    public const string Purpose = "Ticketing.MailSecrets.v1";

    private readonly IDataProtector protector = protection.CreateProtector(Purpose);

    public async Task StoreAsync(NpgsqlConnection connection, Guid mailId, IReadOnlyDictionary<string, string?> secrets, CancellationToken ct)
    {
        await using var insert = connection.Sql("insert into mail_secrets (mail_id, secret_values) values ($1, $2)")
            .With(mailId).WithJson(Protect(secrets));
        await insert.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// The mail's secrets, or null when they are gone: the mail was sent already. A payload that no longer decrypts
    /// (the key ring was lost) throws a <see cref="System.Security.Cryptography.CryptographicException"/>.
    /// </summary>
    public async Task<Dictionary<string, string?>?> FindAsync(NpgsqlDataSource dataSource, Guid mailId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var select = dataSource.CreateCommand("select secret_values::text from mail_secrets where mail_id = $1");
        select.Parameters.Add(new NpgsqlParameter { Value = mailId });
        return await select.ExecuteScalarAsync(ct) is string json ? Read(json) : null;
    }

    // No cancellation: once the mail is out, forgetting its secrets matters more than a fast shutdown.
    public static async Task DeleteAsync(NpgsqlDataSource dataSource, Guid mailId)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var delete = dataSource.CreateCommand("delete from mail_secrets where mail_id = $1");
        delete.Parameters.Add(new NpgsqlParameter { Value = mailId });
        await delete.ExecuteNonQueryAsync(CancellationToken.None);
    }

    /// <summary>
    /// Encrypts the rows written in clear before secrets were protected (a mail queued, or dead lettered, across the
    /// upgrade); returns how many. Safe on several nodes at once: a row is rewritten only while it is still clear.
    /// </summary>
    public async Task<int> ProtectClearRowsAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var clear = new List<(Guid MailId, string Json)>();
        await using (var select = dataSource.CreateCommand(
            "select mail_id, secret_values::text from mail_secrets where jsonb_typeof(secret_values) = 'object'"))
        await using (var reader = await select.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                clear.Add((reader.GetGuid(0), reader.GetString(1)));
            }
        }

        var protectedRows = 0;
        foreach (var (mailId, json) in clear)
        {
            await using var update = dataSource.CreateCommand(
                "update mail_secrets set secret_values = $2 where mail_id = $1 and jsonb_typeof(secret_values) = 'object'");
            update.With(mailId).WithJson(Protect(Read(json)));
            protectedRows += await update.ExecuteNonQueryAsync(ct);
        }

        return protectedRows;
    }

    private string Protect(IReadOnlyDictionary<string, string?> secrets) =>
        JsonSerializer.Serialize(protector.Protect(JsonSerializer.Serialize(secrets)));

    private Dictionary<string, string?> Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        var clear = document.RootElement.ValueKind == JsonValueKind.String
            ? protector.Unprotect(document.RootElement.GetString()!)
            : json;
        return JsonSerializer.Deserialize<Dictionary<string, string?>>(clear) ?? [];
    }
}
