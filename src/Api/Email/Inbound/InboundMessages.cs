using System.Security.Cryptography;
using System.Text;
using Npgsql;
using Ticketing.Api.Identity.Persistence;

namespace Ticketing.Api.Email.Inbound;

/// <summary>
/// The Message-IDs already processed (<c>inbound_messages</c>), so a gateway retry — or a second delivery of the same
/// message arriving at the same moment on another node — does not open a second ticket (ADR 0011).
/// </summary>
public sealed class InboundMessages(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Claims <paramref name="messageId"/> for this request: a transaction holding the message's advisory lock until the
    /// result is recorded (or the request fails), so a concurrent delivery of the same message waits and then finds
    /// the first result. Without a Message-ID nothing is claimed.
    /// </summary>
    public async Task<InboundMessageClaim> ClaimAsync(string? messageId, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(messageId))
        {
            return new InboundMessageClaim(null, null, null, null);
        }

        var connection = await dataSource.OpenConnectionAsync(ct);
        try
        {
            var transaction = await connection.BeginTransactionAsync(ct);
            await using (var claim = connection.Sql("select pg_advisory_xact_lock(hashtextextended('inbound_messages:' || $1, 0))").With(messageId))
            {
                await claim.ExecuteNonQueryAsync(ct);
            }

            await using var select = connection.Sql("select ticket_id, number, contact_id, threaded from inbound_messages where message_id = $1")
                .With(messageId);
            await using var reader = await select.ExecuteReaderAsync(ct);
            var earlier = await reader.ReadAsync(ct)
                ? new InboundEmailResponse(reader.GetGuid(0), reader.GetString(1), reader.GetGuid(2), false, reader.GetBoolean(3), Duplicate: true)
                : null;
            return new InboundMessageClaim(messageId, connection, transaction, earlier);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The id a new ticket from this message gets: derived from the Message-ID, so that even a retry after a crash
    /// between the ticket's commit and the claim's cannot create a second ticket — the event store refuses a second
    /// stream with the same id.
    /// </summary>
    public static Guid TicketIdFor(string messageId)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes("inbound-ticket:" + messageId), hash);
        var bytes = hash[..16];
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x80); // version 8 (custom, RFC 9562), in Guid's little-endian layout
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC variant
        return new Guid(bytes);
    }
}

/// <summary>A claimed Message-ID; <see cref="Earlier"/> is the first result when the message was already processed.</summary>
public sealed class InboundMessageClaim(string? messageId, NpgsqlConnection? connection, NpgsqlTransaction? transaction, InboundEmailResponse? earlier)
    : IAsyncDisposable
{
    public InboundEmailResponse? Earlier { get; } = earlier;

    public string? MessageId { get; } = messageId;

    /// <summary>Records the result and releases the claim; a waiting delivery of the same message then reads it.</summary>
    public async Task RecordAsync(InboundEmailResponse response, CancellationToken ct)
    {
        if (connection is null)
        {
            return;
        }

        await using (var insert = connection.Sql("""
            insert into inbound_messages (message_id, ticket_id, number, contact_id, threaded, received_at)
            values ($1, $2, $3, $4, $5, now())
            on conflict (message_id) do nothing
            """).With(MessageId).With(response.TicketId).With(response.Number).With(response.ContactId).With(response.Threaded))
        {
            await insert.ExecuteNonQueryAsync(ct);
        }

        await transaction!.CommitAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (transaction is not null)
        {
            await transaction.DisposeAsync();
        }

        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
    }
}
