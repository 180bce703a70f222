using System.Buffers.Binary;
using System.Buffers.Text;

namespace Ticketing.Projections.Tickets.Queries;

/// <summary>A cursor that is not one this service handed out; the API maps it to 400.</summary>
public sealed class InvalidCursorException(string message) : Exception(message)
{
    public const string Code = "ticket_list.invalid_cursor";
}

/// <summary>
/// The keyset position after a page: the last row's (created_at, id), as 8 bytes of Unix microseconds and the
/// 16 id bytes, base64url. Opaque to clients so the sort key can change without an API change.
/// </summary>
internal readonly record struct TicketListCursor(DateTimeOffset CreatedAt, Guid Id)
{
    private const int Size = 24;
    private static readonly long MaxMicros = (DateTimeOffset.MaxValue.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public string Encode()
    {
        Span<byte> bytes = stackalloc byte[Size];
        var micros = (CreatedAt.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
        BinaryPrimitives.WriteInt64BigEndian(bytes, micros);
        Id.TryWriteBytes(bytes[8..], bigEndian: true, out _);
        return Base64Url.EncodeToString(bytes);
    }

    public static TicketListCursor Decode(string cursor)
    {
        Span<byte> bytes = stackalloc byte[Size + 3];
        // IsValid first: TryDecodeFromChars throws, rather than returns false, on characters outside the alphabet.
        if (cursor.Length > 40
            || !Base64Url.IsValid(cursor, out var length)
            || length != Size
            || !Base64Url.TryDecodeFromChars(cursor, bytes, out var written)
            || written != Size)
        {
            throw new InvalidCursorException("The cursor is malformed; pass back the nextCursor of a previous page.");
        }

        var micros = BinaryPrimitives.ReadInt64BigEndian(bytes);
        if (micros < 0 || micros > MaxMicros)
        {
            throw new InvalidCursorException("The cursor is out of range.");
        }

        var ticks = DateTimeOffset.UnixEpoch.UtcTicks + (micros * 10);
        return new TicketListCursor(new DateTimeOffset(ticks, TimeSpan.Zero), new Guid(bytes.Slice(8, 16), bigEndian: true));
    }
}
