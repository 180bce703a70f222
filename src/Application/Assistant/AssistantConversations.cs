using System.Text.Json;
using Npgsql;
using Ticketing.Application.Errors;
using Ticketing.Application.EventSourcing;
using Ticketing.Application.Persistence;

namespace Ticketing.Application.Assistant;

/// <summary>An article an answer is drawn from (P7: one the contact may read); <see cref="Snippet"/> is HTML, matches in <c>&lt;mark&gt;</c>.</summary>
public sealed record AssistantCitation(Guid ArticleId, string Title, string Language, string Snippet);

/// <summary>
/// Something the contact may do next, as an answer offers it: <c>device_action</c> (an action on one of their devices,
/// asked for with <c>POST .../actions</c>), <c>pending_action</c> (an action asked for and waiting for the SMS code,
/// confirmed with <c>POST .../actions/{actionId}/confirm</c>) or <c>open_ticket</c> (<c>POST .../ticket</c>).
/// </summary>
public sealed record AssistantChoice(
    string Kind,
    Guid? DeviceId = null,
    string? DeviceName = null,
    string? Action = null,
    Guid? ApplicationId = null,
    string? ApplicationName = null,
    Guid? ActionId = null,
    DateTimeOffset? CodeExpiresAt = null)
{
    public const string DeviceAction = "device_action";
    public const string PendingAction = "pending_action";
    public const string OpenTicket = "open_ticket";
}

/// <summary>One message of a conversation: the contact's, the assistant's, or a note of an action taken (<c>action</c>).</summary>
public sealed record AssistantMessage(
    int Seq, string Role, string Text, IReadOnlyList<AssistantCitation> Citations, IReadOnlyList<AssistantChoice> Choices, DateTimeOffset At)
{
    public const string Contact = "contact";
    public const string Assistant = "assistant";
    public const string ActionNote = "action";
}

/// <summary>A message to append, before it has its place and time.</summary>
public sealed record NewAssistantMessage(string Role, string Text, IReadOnlyList<AssistantCitation> Citations, IReadOnlyList<AssistantChoice> Choices)
{
    public static NewAssistantMessage Note(string text) => new(AssistantMessage.ActionNote, text, [], []);
}

/// <summary>A contact starts a chat with the assistant (P12); <paramref name="TicketId"/> is the session's ticket when the settings open one.</summary>
public sealed record StartConversation(Guid ConversationId, Guid ContactId, Guid CustomerId, string Language, Guid? TicketId);

public sealed record ConversationStarted(Guid ConversationId, Guid? TicketId, DateTimeOffset At);

/// <summary>
/// Appends messages to a contact's conversation. <paramref name="ContactMessages"/> of them count against the
/// conversation's bound <paramref name="MaxContactMessages"/>; <paramref name="TicketId"/> links the ticket opened from the chat.
/// </summary>
public sealed record AppendAssistantMessages(
    Guid ConversationId, Guid ContactId, IReadOnlyList<NewAssistantMessage> Messages, int ContactMessages, int MaxContactMessages, Guid? TicketId = null);

/// <summary>The messages an append stored, with their places and time.</summary>
public sealed record AssistantMessagesAppended(IReadOnlyList<AssistantMessage> Messages);

/// <summary>The conversation store: a row per conversation, its messages append-only in order (ADR 0031).</summary>
public static class AssistantConversationHandler
{
    public const string NotFound = "assistant.conversation_not_found";
    public const string Full = "assistant.conversation_full";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<ConversationStarted> Handle(StartConversation command, NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken ct)
    {
        var now = EventStamping.StoredPrecision(clock.GetUtcNow());
        await using var insert = dataSource.CreateCommand("""
            insert into assistant_conversations (id, contact_id, customer_id, language, ticket_id, created_at, updated_at)
            values ($1, $2, $3, $4, $5, $6, $6)
            """).With(command.ConversationId).With(command.ContactId).With(command.CustomerId).With(command.Language).With(command.TicketId).With(now);
        await insert.ExecuteNonQueryAsync(ct);
        return new ConversationStarted(command.ConversationId, command.TicketId, now);
    }

    /// <summary>
    /// One transaction: the conversation's row is locked and its count moved (refused past the bound: nothing written),
    /// then the messages take the next places. Concurrent appends to one conversation queue on the row lock.
    /// </summary>
    public static async Task<AssistantMessagesAppended> Handle(
        AppendAssistantMessages command, NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken ct)
    {
        var now = EventStamping.StoredPrecision(clock.GetUtcNow());
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var update = connection.Sql("""
            update assistant_conversations set messages = messages + $3, updated_at = $4, ticket_id = coalesce($5, ticket_id)
            where id = $1 and contact_id = $2 and messages + $3 <= $6
            """).With(command.ConversationId).With(command.ContactId).With(command.ContactMessages).With(now).With(command.TicketId)
            .With(command.MaxContactMessages))
        {
            if (await update.ExecuteNonQueryAsync(ct) == 0)
            {
                await using var exists = connection.Sql("select 1 from assistant_conversations where id = $1 and contact_id = $2")
                    .With(command.ConversationId).With(command.ContactId);
                throw await exists.ExecuteScalarAsync(ct) is null
                    ? ConversationNotFound(command.ConversationId)
                    : TooManyMessages(command.MaxContactMessages);
            }
        }

        int last;
        await using (var max = connection.Sql("select coalesce(max(seq), 0) from assistant_messages where conversation_id = $1").With(command.ConversationId))
        {
            last = (int)(await max.ExecuteScalarAsync(ct))!;
        }

        var stored = new List<AssistantMessage>(command.Messages.Count);
        foreach (var message in command.Messages)
        {
            var row = new AssistantMessage(++last, message.Role, message.Text, message.Citations, message.Choices, now);
            await using var insert = connection.Sql("""
                insert into assistant_messages (conversation_id, seq, role, text, citations, choices, created_at)
                values ($1, $2, $3, $4, $5, $6, $7)
                """).With(command.ConversationId).With(row.Seq).With(row.Role).With(row.Text)
                .WithJson(JsonSerializer.Serialize(row.Citations, Json)).WithJson(JsonSerializer.Serialize(row.Choices, Json)).With(now);
            await insert.ExecuteNonQueryAsync(ct);
            stored.Add(row);
        }

        await tx.CommitAsync(ct);
        return new AssistantMessagesAppended(stored);
    }

    public static NotFoundException ConversationNotFound(Guid id) => new(NotFound, $"Conversation {id} was not found.");

    public static BadRequestException TooManyMessages(int max) =>
        new(Full, $"A conversation holds at most {max} messages of yours; start a new conversation.");

    /// <summary>The stored messages of a conversation, in order.</summary>
    public static async Task<IReadOnlyList<AssistantMessage>> MessagesAsync(NpgsqlDataSource dataSource, Guid conversationId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand("""
            select seq, role, text, citations::text, choices::text, created_at from assistant_messages where conversation_id = $1 order by seq
            """).With(conversationId);
        var messages = new List<AssistantMessage>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            messages.Add(new AssistantMessage(
                reader.GetInt32(0), reader.GetString(1), reader.GetString(2),
                JsonSerializer.Deserialize<IReadOnlyList<AssistantCitation>>(reader.GetString(3), Json) ?? [],
                JsonSerializer.Deserialize<IReadOnlyList<AssistantChoice>>(reader.GetString(4), Json) ?? [],
                reader.GetFieldValue<DateTimeOffset>(5)));
        }

        return messages;
    }
}
