using Npgsql;
using Ticketing.Application.Audit;
using Ticketing.Application.Errors;
using Ticketing.Application.Identity.Accounts;
using Ticketing.Application.Persistence;

namespace Ticketing.Application.Identity.Contacts;

/// <summary>An administrator erases a contact's personal data (GDPR, ADR 0027).</summary>
public sealed record EraseContact(Guid Id, AuditActor By);

/// <summary>
/// Erasure in one transaction: the contact's key is destroyed (what they wrote, sealed with it in the event log and the
/// read models, reads as erased from then on, and the log's hash chain is untouched); their name, address, phone,
/// job title and username are replaced in the identity tables and removed from earlier audit entries; they can no
/// longer sign in and their sessions are revoked. The erasure's own audit entry names who and when, not what.
/// </summary>
public static class EraseContactHandler
{
    /// <summary>The personal members of a contact as the audit log records it (camelCase, as <see cref="AuditLog"/> writes).</summary>
    private static readonly string[] PersonalMembers = ["firstName", "lastName", "email", "phone", "jobTitle", "username"];

    public static async Task Handle(EraseContact command, NpgsqlDataSource dataSource, Sessions sessions, AuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        string email;
        await using (var find = connection.Sql("""
            select u.email, k.erased_at is not null from users u left join personal_data_keys k on k.subject_id = u.id
            where u.id = $1 and u.role = 'contact' for update of u
            """).With(command.Id))
        await using (var reader = await find.ExecuteReaderAsync(ct))
        {
            if (!await reader.ReadAsync(ct))
            {
                throw ContactWriter.NotFoundError(command.Id);
            }

            if (reader.GetBoolean(1))
            {
                throw new ConflictException("contact.already_erased", $"Contact {command.Id} was erased already.");
            }

            email = reader.GetString(0);
        }

        var now = clock.GetUtcNow();
        var tag = command.Id.ToString("N");
        await using (var erase = new NpgsqlBatch(connection, tx)
        {
            BatchCommands =
            {
                Command("""
                    insert into personal_data_keys (subject_id, protected_key, created_at, erased_at, erased_by) values ($1, null, $2, $2, $3)
                    on conflict (subject_id) do update set protected_key = null, erased_at = $2, erased_by = $3
                    """, command.Id, now, command.By.Id),
                Command("""
                    update users set first_name = 'Erased', last_name = 'contact', email = 'erased-' || $2 || '@erased.invalid',
                        username = 'erased-' || $2, password_hash = '!erased', deactivated_at = coalesce(deactivated_at, $3),
                        version = version + 1, updated_at = $3
                    where id = $1
                    """, command.Id, tag, now),
                Command("update contacts set job_title = null, phone = null, is_primary = false where id = $1", command.Id),
                Command("delete from password_reset_codes where user_id = $1", command.Id),
                // The verified number and the SMS codes sent to it (P13, ADR 0030).
                Command("delete from contact_phone_verifications where contact_id = $1", command.Id),
                Command("delete from sms_codes where contact_id = $1", command.Id),
                // The contact's conversations with the assistant and their messages (P12, ADR 0031).
                Command("delete from assistant_conversations where contact_id = $1", command.Id),
                Command("update audit_log set before = before - $2::text[], after = after - $2::text[] where entity_id = $1", command.Id, PersonalMembers),
            },
        })
        {
            await erase.ExecuteNonQueryAsync(ct);
        }

        // Mail of the retired outbox (before ADR 0017) kept for support: the contact's is removed with its address.
        await using (var retired = connection.Sql("select to_regclass('mail_outbox_retired') is not null"))
        {
            if (await retired.ExecuteScalarAsync(ct) is true)
            {
                await using var delete = connection.Sql("delete from mail_outbox_retired where lower(recipient) = lower($1)").With(email);
                await delete.ExecuteNonQueryAsync(ct);
            }
        }

        await sessions.RevokeAllAsync(connection, command.Id, keep: null, ct);
        await audit.WriteAsync(connection, command.By, "contact.erased", "contact", command.Id, null, null, ct);
        await tx.CommitAsync(ct);
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
