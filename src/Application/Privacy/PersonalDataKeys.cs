using Microsoft.AspNetCore.DataProtection;
using Npgsql;

namespace Ticketing.Application.Privacy;

/// <summary>
/// <c>personal_data_keys</c> (ADR 0027): one AES-256 key per contact, itself encrypted at rest with Data Protection
/// under its own purpose. Erasing a contact sets the key to null and records when and by whom: from then on everything
/// sealed with it reads as <see cref="SealedText.Erased"/>, while the sealed bytes (and the hash chain over them) stay.
/// </summary>
public sealed class PersonalDataKeys(IDataProtectionProvider protection, NpgsqlDataSource dataSource)
{
    public const string Purpose = "Ticketing.PersonalData.v1";

    private readonly IDataProtector protector = protection.CreateProtector(Purpose);

    /// <summary>
    /// The statement that reads <paramref name="subjectId"/>'s key: a command a caller adds to its own batch, then reads
    /// with <see cref="ReadKeyAsync"/>. Every contact gets its key when created (and at start-up for older contacts), so
    /// this only reads; <see cref="EnsureAsync"/> covers the rare subject without one.
    /// </summary>
    public static NpgsqlBatchCommand KeyCommand(Guid subjectId) => new("select protected_key from personal_data_keys where subject_id = $1")
    {
        Parameters = { new() { Value = subjectId } },
    };

    /// <summary>
    /// The key from the reader positioned on the result of <see cref="KeyCommand"/>: <c>Found</c> false when the subject
    /// has no key row yet; <c>Key</c> null when the subject was erased.
    /// </summary>
    public async Task<(bool Found, byte[]? Key)> ReadKeyAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (!await reader.ReadAsync(ct))
        {
            return (false, null);
        }

        return (true, reader.IsDBNull(0) ? null : protector.Unprotect(reader.GetFieldValue<byte[]>(0)));
    }

    /// <summary>
    /// Gives <paramref name="subjectId"/> a key unless it has one (or was erased) and returns it; null when erased. (The
    /// outer select does not see the CTE's insert, hence the union.)
    /// </summary>
    public async Task<byte[]?> EnsureAsync(NpgsqlConnection connection, Guid subjectId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var ensure = new NpgsqlCommand("""
            with inserted as (
                insert into personal_data_keys (subject_id, protected_key, created_at) values ($1, $2, now())
                on conflict (subject_id) do nothing
                returning protected_key
            )
            select protected_key from inserted
            union all
            select protected_key from personal_data_keys where subject_id = $1
            limit 1
            """, connection)
        {
            Parameters = { new() { Value = subjectId }, new() { Value = protector.Protect(SealedText.NewKey()) } },
        };
        return await ensure.ExecuteScalarAsync(ct) is byte[] key ? protector.Unprotect(key) : null;
    }

    /// <summary>The keys of <paramref name="subjects"/>: null for an erased subject or one that never had a key.</summary>
    public async Task<IReadOnlyDictionary<Guid, byte[]?>> LoadAsync(IReadOnlyCollection<Guid> subjects, CancellationToken ct)
    {
        var keys = new Dictionary<Guid, byte[]?>();
        if (subjects.Count == 0)
        {
            return keys;
        }

        await using var select = dataSource.CreateCommand("select subject_id, protected_key from personal_data_keys where subject_id = any($1)");
        select.Parameters.Add(new NpgsqlParameter { Value = subjects.ToArray() });
        await using var reader = await select.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            keys[reader.GetGuid(0)] = reader.IsDBNull(1) ? null : protector.Unprotect(reader.GetFieldValue<byte[]>(1));
        }

        return keys;
    }

    /// <summary>Whether <paramref name="subjectId"/> was erased: nothing is sent to them any more.</summary>
    public async Task<bool> IsErasedAsync(Guid subjectId, CancellationToken ct)
    {
        await using var select = dataSource.CreateCommand("select exists (select from personal_data_keys where subject_id = $1 and erased_at is not null)");
        select.Parameters.Add(new NpgsqlParameter { Value = subjectId });
        return await select.ExecuteScalarAsync(ct) is true;
    }

    /// <summary>Gives <paramref name="subjectId"/> its key in the caller's transaction (a contact gets one when created).</summary>
    public async Task CreateAsync(NpgsqlConnection connection, Guid subjectId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var insert = new NpgsqlCommand(
            "insert into personal_data_keys (subject_id, protected_key, created_at) values ($1, $2, now()) on conflict (subject_id) do nothing", connection);
        insert.Parameters.Add(new NpgsqlParameter { Value = subjectId });
        insert.Parameters.Add(new NpgsqlParameter { Value = protector.Protect(SealedText.NewKey()) });
        await insert.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Gives every contact without a key one (contacts created before keys existed); returns how many.</summary>
    public async Task<int> CreateMissingAsync(CancellationToken ct)
    {
        var missing = new List<Guid>();
        await using (var select = dataSource.CreateCommand(
            "select u.id from users u where u.role = 'contact' and not exists (select from personal_data_keys k where k.subject_id = u.id)"))
        await using (var reader = await select.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                missing.Add(reader.GetGuid(0));
            }
        }

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        foreach (var subject in missing)
        {
            await CreateAsync(connection, subject, ct);
        }

        return missing.Count;
    }
}
