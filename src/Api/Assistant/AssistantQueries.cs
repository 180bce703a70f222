using Npgsql;
using Ticketing.Application.Assistant;

namespace Ticketing.Api.Assistant;

/// <summary>A conversation's row: whose it is, its language, its ticket and how many messages the contact sent.</summary>
public sealed record ConversationRow(Guid Id, Guid ContactId, Guid CustomerId, string Language, Guid? TicketId, int Messages, DateTimeOffset CreatedAt);

/// <summary>Reads of the assistant's conversations, always scoped to the asking contact.</summary>
public static class AssistantQueries
{
    /// <summary>The contact's own conversation; another contact's is the same 404 as a missing one.</summary>
    public static async Task<ConversationRow> FindAsync(NpgsqlDataSource dataSource, Guid id, Guid contactId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            select id, contact_id, customer_id, language, ticket_id, messages, created_at from assistant_conversations
            where id = $1 and contact_id = $2
            """).With(id).With(contactId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new ConversationRow(reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetGuid(4), reader.GetInt32(5), reader.GetFieldValue<DateTimeOffset>(6))
            : throw AssistantConversationHandler.ConversationNotFound(id);
    }

    /// <summary>The contact's conversations, newest first (the latest 100).</summary>
    public static async Task<IReadOnlyList<ConversationSummary>> ListAsync(NpgsqlDataSource dataSource, Guid contactId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            select id, ticket_id, messages, created_at, updated_at from assistant_conversations
            where contact_id = $1 order by created_at desc, id desc limit 100
            """).With(contactId);
        var list = new List<ConversationSummary>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            list.Add(new ConversationSummary(reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetGuid(1), reader.GetInt32(2),
                reader.GetFieldValue<DateTimeOffset>(3), reader.GetFieldValue<DateTimeOffset>(4)));
        }

        return list;
    }

    /// <summary>The device of an action the contact asked for, or null.</summary>
    public static async Task<Guid?> DeviceOfActionAsync(NpgsqlDataSource dataSource, Guid actionId, Guid contactId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("select device_id from device_actions where id = $1 and contact_id = $2")
            .With(actionId).With(contactId);
        return await command.ExecuteScalarAsync(ct) as Guid?;
    }

    public static async Task<string?> TicketNumberAsync(NpgsqlDataSource dataSource, Guid ticketId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("select number from ticket_list where id = $1").With(ticketId);
        return await command.ExecuteScalarAsync(ct) as string;
    }
}
