using Npgsql;
using NpgsqlTypes;
using Ticketing.Application.Email;

namespace Ticketing.Api.Email.Delivery;

/// <summary>
/// The record of mails about tickets that went out (ADR 0026): ids, kind, language and times, never an address or
/// content. The sent time is the database's clock, like the event log's timestamps it is compared with.
/// </summary>
public static class MailLog
{
    public static async Task RecordAsync(NpgsqlDataSource dataSource, SendMail mail, Guid ticketId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(mail);
        await using var record = dataSource.CreateCommand("""
            insert into mail_log (mail_id, kind, language, ticket_id, recipient_id, caused_by, queued_at, sent_at)
            values ($1, $2, $3, $4, $5, $6, $7, now())
            on conflict (mail_id) do nothing
            """);
        record.Parameters.Add(new NpgsqlParameter { Value = mail.MailId });
        record.Parameters.Add(new NpgsqlParameter { Value = mail.Kind });
        record.Parameters.Add(new NpgsqlParameter { Value = mail.Language });
        record.Parameters.Add(new NpgsqlParameter { Value = ticketId });
        record.Parameters.Add(Id(mail.RecipientId));
        record.Parameters.Add(Id(mail.CausedBy));
        record.Parameters.Add(new NpgsqlParameter { Value = mail.QueuedAt });
        await record.ExecuteNonQueryAsync(ct);
    }

    private static NpgsqlParameter Id(Guid? id) => new() { Value = (object?)id ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid };
}
