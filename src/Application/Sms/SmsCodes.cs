using System.Security.Cryptography;
using Npgsql;
using Ticketing.Application.Errors;
using Ticketing.Application.Identity.Accounts;
using Ticketing.Application.Persistence;

namespace Ticketing.Application.Sms;

/// <summary>What a code is for: confirming a new phone number, or one self-service action.</summary>
public enum SmsCodePurpose
{
    Phone,
    Action,
}

/// <summary>The rules of SMS codes (ADR 0030), from <c>Ticketing:Sms</c>.</summary>
public sealed class SmsCodeOptions
{
    public const string Section = "Ticketing:Sms";

    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(10);

    public int MaxAttempts { get; set; } = 5;

    /// <summary>Codes sent to one contact per hour, whatever they are for.</summary>
    public int MaxSendsPerHour { get; set; } = 5;
}

/// <summary>
/// One-time SMS codes: six digits, stored hashed (PBKDF2, like reset codes), valid for <see cref="SmsCodeOptions.Lifetime"/>,
/// used once, dead after <see cref="SmsCodeOptions.MaxAttempts"/> wrong tries; only the latest code of a purpose (and
/// action) counts. Sends are limited per contact and hour. Stable codes: <c>sms.rate_limited</c> (429),
/// <c>sms.code_invalid</c>, <c>sms.code_expired</c>, <c>sms.code_used</c> (422).
/// </summary>
public static class SmsCodes
{
    public const string RateLimited = "sms.rate_limited";
    public const string Invalid = "sms.code_invalid";
    public const string Expired = "sms.code_expired";
    public const string Used = "sms.code_used";

    public static string NewCode() => RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Refuses with 429 when the contact had <see cref="SmsCodeOptions.MaxSendsPerHour"/> codes in the last hour.</summary>
    public static async Task EnsureMaySendAsync(NpgsqlDataSource dataSource, Guid contactId, SmsCodeOptions options, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(options);
        await using var command = dataSource.CreateCommand("select count(*) from sms_codes where contact_id = $1 and created_at > $2")
            .With(contactId).With(now - TimeSpan.FromHours(1));
        if ((long)(await command.ExecuteScalarAsync(ct))! >= options.MaxSendsPerHour)
        {
            throw new RateLimitedException(RateLimited, "Too many codes were sent to this contact; try again later.");
        }
    }

    /// <summary>The insert of a new code, for the caller's transaction (a plain command or a Marten session's batch).</summary>
    public static NpgsqlBatchCommand Insert(
        SecretHasher hasher, Guid contactId, SmsCodePurpose purpose, string phone, Guid? actionId, string code, DateTimeOffset now, SmsCodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        ArgumentNullException.ThrowIfNull(options);
        var insert = new NpgsqlBatchCommand("""
            insert into sms_codes (id, contact_id, purpose, phone, action_id, code_hash, created_at, expires_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8)
            """);
        insert.Parameters.Add(new() { Value = Guid.CreateVersion7() });
        insert.Parameters.Add(new() { Value = contactId });
        insert.Parameters.Add(new() { Value = purpose == SmsCodePurpose.Phone ? "phone" : "action" });
        insert.Parameters.Add(new() { Value = phone });
        insert.Parameters.Add(new() { Value = (object?)actionId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        insert.Parameters.Add(new() { Value = hasher.Hash(code) });
        insert.Parameters.Add(new() { Value = now });
        insert.Parameters.Add(new() { Value = now + options.Lifetime });
        return insert;
    }

    /// <summary>
    /// Checks <paramref name="code"/> against the latest code of the purpose (and action). A wrong try is counted at once,
    /// in its own statement, so the refusal that follows cannot roll it back. Returns the code's id and phone; the caller
    /// marks it used (<see cref="MarkUsed"/>) in the transaction of what the code allows.
    /// </summary>
    public static async Task<(Guid Id, string Phone)> VerifyAsync(
        NpgsqlDataSource dataSource, SecretHasher hasher, Guid contactId, SmsCodePurpose purpose, Guid? actionId, string code,
        SmsCodeOptions options, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(hasher);
        ArgumentNullException.ThrowIfNull(options);
        Guid id;
        string phone, hash;
        DateTimeOffset expiresAt;
        DateTimeOffset? usedAt;
        int attempts;
        await using (var latest = dataSource.CreateCommand("""
            select id, phone, code_hash, expires_at, used_at, attempts from sms_codes
            where contact_id = $1 and purpose = $2 and action_id is not distinct from $3
            order by created_at desc limit 1
            """).With(contactId).With(purpose == SmsCodePurpose.Phone ? "phone" : "action").With(actionId))
        {
            await using var reader = await latest.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct))
            {
                hasher.VerifyNothing(code);
                throw new UnprocessableException(Expired, "No code was sent for this; ask for a new one.");
            }

            (id, phone, hash, expiresAt, usedAt, attempts) = (reader.GetGuid(0), reader.GetString(1), reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3), reader.GetNullableInstant(4), reader.GetInt32(5));
        }

        if (usedAt is not null)
        {
            throw new UnprocessableException(Used, "This code was already used; ask for a new one.");
        }

        if (expiresAt <= now || attempts >= options.MaxAttempts)
        {
            throw new UnprocessableException(Expired, "The code has expired; ask for a new one.");
        }

        if (hasher.Verify(hash, code) == SecretCheck.Invalid)
        {
            await using var count = dataSource.CreateCommand("update sms_codes set attempts = attempts + 1 where id = $1").With(id);
            await count.ExecuteNonQueryAsync(ct);
            throw new UnprocessableException(Invalid, "The code is not right.");
        }

        return (id, phone);
    }

    /// <summary>Marks the code used, only if still unused: a code raced twice succeeds once.</summary>
    public static NpgsqlBatchCommand MarkUsed(Guid id, DateTimeOffset now)
    {
        var update = new NpgsqlBatchCommand("update sms_codes set used_at = $2 where id = $1 and used_at is null");
        update.Parameters.Add(new() { Value = id });
        update.Parameters.Add(new() { Value = now });
        return update;
    }
}

/// <summary>Too many requests of one kind from one caller (429).</summary>
public sealed class RateLimitedException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
