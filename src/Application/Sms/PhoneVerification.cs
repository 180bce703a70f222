using Npgsql;
using Ticketing.Application.Audit;
using Ticketing.Application.Errors;
using Ticketing.Application.Identity.Accounts;
using Ticketing.Application.Persistence;

namespace Ticketing.Application.Sms;

/// <summary>A contact registers a phone number for self-service ("save and send code"): a code goes to that number.</summary>
public sealed record RegisterPhone(Guid ContactId, string Phone);

/// <summary>The contact confirms the number with the code; it becomes the contact's phone.</summary>
public sealed record ConfirmPhone(Guid ContactId, string Code);

/// <summary>A technician removes the contact's verified number; the contact has to register one again.</summary>
public sealed record ResetPhoneVerification(Guid ContactId, AuditActor By);

public sealed record CodeSent(DateTimeOffset ExpiresAt);

public sealed record PhoneStatus(string? Phone, bool Verified, DateTimeOffset? VerifiedAt);

public static class PhoneVerificationHandler
{
    public const string NotVerified = "self_service.phone_not_verified";

    public static async Task<CodeSent> Handle(
        RegisterPhone command, NpgsqlDataSource dataSource, SecretHasher hasher, ISmsSender sms, SmsCodeOptions options, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await SmsCodes.EnsureMaySendAsync(dataSource, command.ContactId, options, now, ct);
        var code = SmsCodes.NewCode();
        var language = await SmsTexts.LanguageOfAsync(dataSource, command.ContactId, ct);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var batch = new NpgsqlBatch(connection, tx) { BatchCommands = { SmsCodes.Insert(hasher, command.ContactId, SmsCodePurpose.Phone, command.Phone, null, code, now, options) } })
        {
            await batch.ExecuteNonQueryAsync(ct);
        }

        // Sent inside the transaction: a provider failure stores no code.
        await sms.SendAsync(command.Phone, SmsTexts.PhoneCode(language, code), ct);
        await tx.CommitAsync(ct);
        return new CodeSent(now + options.Lifetime);
    }

    public static async Task<PhoneStatus> Handle(
        ConfirmPhone command, NpgsqlDataSource dataSource, SecretHasher hasher, SmsCodeOptions options, AuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var (codeId, phone) = await SmsCodes.VerifyAsync(dataSource, hasher, command.ContactId, SmsCodePurpose.Phone, null, command.Code, options, now, ct);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var used = new NpgsqlBatch(connection, tx) { BatchCommands = { SmsCodes.MarkUsed(codeId, now) } })
        {
            if (await used.ExecuteNonQueryAsync(ct) == 0)
            {
                throw new UnprocessableException(SmsCodes.Used, "This code was already used; ask for a new one.");
            }
        }

        await using (var save = connection.Sql("""
            insert into contact_phone_verifications (contact_id, phone, verified_at) values ($1, $2, $3)
            on conflict (contact_id) do update set phone = excluded.phone, verified_at = excluded.verified_at
            """).With(command.ContactId).With(phone).With(now))
        {
            await save.ExecuteNonQueryAsync(ct);
        }

        await using (var becomesPhone = connection.Sql("update contacts set phone = $2 where id = $1").With(command.ContactId).With(phone))
        {
            await becomesPhone.ExecuteNonQueryAsync(ct);
        }

        await audit.WriteAsync(connection, new AuditActor(command.ContactId, "contact"), "contact.phone_verified", "contact", command.ContactId, null, new { Phone = phone }, ct);
        await tx.CommitAsync(ct);
        return new PhoneStatus(phone, true, now);
    }

    public static async Task Handle(ResetPhoneVerification command, NpgsqlDataSource dataSource, AuditLog audit, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var reset = connection.Sql("""
            update contacts set phone = null where id = $1 and exists (select 1 from users where id = $1 and role = 'contact')
            """).With(command.ContactId))
        {
            if (await reset.ExecuteNonQueryAsync(ct) == 0)
            {
                throw new NotFoundException("contact.not_found", $"Contact {command.ContactId} was not found.");
            }
        }

        await using (var delete = connection.Sql("delete from contact_phone_verifications where contact_id = $1").With(command.ContactId))
        {
            await delete.ExecuteNonQueryAsync(ct);
        }

        await audit.WriteAsync(connection, command.By, "contact.phone_verification_reset", "contact", command.ContactId, null, null, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>The contact's verified number: only while it is still the contact's phone.</summary>
    public static async Task<PhoneStatus> StatusAsync(NpgsqlDataSource dataSource, Guid contactId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand("""
            select c.phone, v.verified_at from contacts c
            left join contact_phone_verifications v on v.contact_id = c.id and v.phone = c.phone
            where c.id = $1
            """).With(contactId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new PhoneStatus(reader.GetNullableString(0), !reader.IsDBNull(1), reader.GetNullableInstant(1))
            : new PhoneStatus(null, false, null);
    }
}
