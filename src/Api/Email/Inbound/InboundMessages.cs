using Npgsql;
using Ticketing.Api.Identity.Persistence;

namespace Ticketing.Api.Email.Inbound;

/// <summary>The Message-IDs already processed (<c>inbound_messages</c>), so a gateway retry does not open a second ticket.</summary>
internal static class InboundMessages
{
    public static async Task<InboundEmailResponse?> FindAsync(NpgsqlDataSource dataSource, string messageId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var select = connection.Sql("select ticket_id, number, contact_id, threaded from inbound_messages where message_id = $1")
            .With(messageId);
        await using var reader = await select.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new InboundEmailResponse(reader.GetGuid(0), reader.GetString(1), reader.GetGuid(2), false, reader.GetBoolean(3), Duplicate: false)
            : null;
    }

    public static async Task RecordAsync(NpgsqlDataSource dataSource, string messageId, InboundEmailResponse response, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var insert = connection.Sql("""
            insert into inbound_messages (message_id, ticket_id, number, contact_id, threaded, received_at)
            values ($1, $2, $3, $4, $5, now())
            on conflict (message_id) do nothing
            """).With(messageId).With(response.TicketId).With(response.Number).With(response.ContactId).With(response.Threaded);
        await insert.ExecuteNonQueryAsync(ct);
    }
}
