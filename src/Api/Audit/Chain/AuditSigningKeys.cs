using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Npgsql;

namespace Ticketing.Api.Audit.Chain;

/// <summary>
/// The checkpoint signing keys in <c>audit_signing_keys</c> (ADR 0024): ECDSA P-256 keys made by the framework. The
/// private key (PKCS#8) is stored protected with Data Protection under its own purpose, so it is encrypted at rest
/// with the key ring every node shares (ADR 0016); the public key is stored as PEM and published, old keys included.
/// The active key is the newest one not retired; <see cref="RotateAsync"/> retires it and makes a new one.
/// </summary>
public sealed class AuditSigningKeys(NpgsqlDataSource dataSource, IDataProtectionProvider protection, TimeProvider time)
{
    public const string Purpose = "Ticketing.AuditSigningKeys.v1";

    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);
    private readonly ConcurrentDictionary<string, ECDsa> _privateKeys = new(StringComparer.Ordinal);

    /// <summary>Every key ever used, newest first, with whether it is the one signing now.</summary>
    public async Task<IReadOnlyList<AuditPublicKey>> PublishedAsync(CancellationToken ct)
    {
        await using var select = dataSource.CreateCommand(
            "select key_id, public_key_pem, created_at, retired_at is null from audit_signing_keys order by created_at desc, key_id");
        await using var reader = await select.ExecuteReaderAsync(ct);
        var keys = new List<AuditPublicKey>();
        var activeSeen = false;
        while (await reader.ReadAsync(ct))
        {
            var keyId = reader.GetString(0);
            var pem = reader.GetString(1);
            using var key = AuditPublicKey.Load(pem) ?? throw new InvalidOperationException($"Audit key {keyId} is not an ECDSA P-256 key.");
            var active = reader.GetBoolean(3) && !activeSeen;
            activeSeen |= active;
            keys.Add(new AuditPublicKey(keyId, "ES256", pem, AuditPublicKey.JwkOf(key, keyId), reader.GetFieldValue<DateTimeOffset>(2), active));
        }

        return keys;
    }

    /// <summary>The active signing key, made on first use; call inside the checkpoint writer's transaction and lock.</summary>
    public async Task<(string KeyId, ECDsa Key)> ActiveAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken ct)
    {
        string? retired = null;
        await using (var select = new NpgsqlCommand(
            "select key_id, protected_private_key from audit_signing_keys where retired_at is null order by created_at desc limit 1", connection, tx))
        await using (var reader = await select.ExecuteReaderAsync(ct))
        {
            if (await reader.ReadAsync(ct))
            {
                var keyId = reader.GetString(0);
                var protectedKey = reader.GetString(1);
                try
                {
                    return (keyId, _privateKeys.GetOrAdd(keyId, _ => Unprotect(protectedKey)));
                }
                catch (Exception e) when (e is CryptographicException or FormatException)
                {
                    // The key ring that protected it is lost (ADR 0016): the key can sign no more. It is retired, stays
                    // published (its checkpoints still verify) and a new key signs from now on.
                    retired = keyId;
                }
            }
        }

        if (retired is not null)
        {
            await using var retire = new NpgsqlCommand("update audit_signing_keys set retired_at = $2 where key_id = $1", connection, tx)
            {
                Parameters = { new() { Value = retired }, new() { Value = time.GetUtcNow() } },
            };
            await retire.ExecuteNonQueryAsync(ct);
        }

        return await CreateAsync(connection, tx, ct);
    }

    /// <summary>Retires the active key (it stays published) and makes a new one; returns the new key's id.</summary>
    public async Task<string> RotateAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        // The checkpoint writer's lock: a checkpoint never signs with a key retired under it.
        await using (var wait = new NpgsqlCommand($"select pg_advisory_xact_lock({CheckpointWriter.LockKey})", connection, tx))
        {
            await wait.ExecuteNonQueryAsync(ct);
        }

        await using (var retire = new NpgsqlCommand("update audit_signing_keys set retired_at = $1 where retired_at is null", connection, tx))
        {
            retire.Parameters.Add(new NpgsqlParameter { Value = time.GetUtcNow() });
            await retire.ExecuteNonQueryAsync(ct);
        }

        var (keyId, _) = await CreateAsync(connection, tx, ct);
        await tx.CommitAsync(ct);
        return keyId;
    }

    private async Task<(string KeyId, ECDsa Key)> CreateAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken ct)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var keyId = AuditPublicKey.IdOf(key);
        await using var insert = new NpgsqlCommand(
            "insert into audit_signing_keys (key_id, public_key_pem, protected_private_key, created_at) values ($1, $2, $3, $4)", connection, tx)
        {
            Parameters =
            {
                new() { Value = keyId },
                new() { Value = key.ExportSubjectPublicKeyInfoPem() },
                new() { Value = _protector.Protect(Convert.ToBase64String(key.ExportPkcs8PrivateKey())) },
                new() { Value = time.GetUtcNow() },
            },
        };
        await insert.ExecuteNonQueryAsync(ct);
        _privateKeys[keyId] = key;
        return (keyId, key);
    }

    private ECDsa Unprotect(string protectedKey)
    {
        var key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(Convert.FromBase64String(_protector.Unprotect(protectedKey)), out _);
        return key;
    }
}
