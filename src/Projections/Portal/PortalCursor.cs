using System.Buffers.Binary;
using System.Buffers.Text;

namespace Ticketing.Projections.Portal;

/// <summary>A portal list cursor that this service did not hand out; the API answers 400.</summary>
public sealed class InvalidPortalCursorException(string message) : Exception(message)
{
    public const string Code = "portal.invalid_cursor";
}

/// <summary>
/// The keyset position after a page: the last row's (created_at, id) as 8 bytes of Unix microseconds and the
/// 16 id bytes, base64url; opaque to clients.
/// </summary>
internal readonly record struct PortalCursor(DateTimeOffset CreatedAt, Guid Id)
{
    private const int Size = 24;
    private static readonly long MaxMicros = (DateTimeOffset.MaxValue.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public string Encode()
    {
        Span<byte> bytes = stackalloc byte[Size];
        BinaryPrimitives.WriteInt64BigEndian(bytes, (CreatedAt.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10);
        Id.TryWriteBytes(bytes[8..], bigEndian: true, out _);
        return Base64Url.EncodeToString(bytes);
    }

    public static PortalCursor Decode(string cursor)
    {
        Span<byte> bytes = stackalloc byte[Size + 3];
        if (cursor.Length > 40 || !TryDecode(cursor, bytes, out var written) || written != Size)
        {
            throw new InvalidPortalCursorException("The cursor is malformed; pass back the nextCursor of a previous page.");
        }

        var micros = BinaryPrimitives.ReadInt64BigEndian(bytes);
        if (micros < 0 || micros > MaxMicros)
        {
            throw new InvalidPortalCursorException("The cursor is out of range.");
        }

        return new PortalCursor(
            new DateTimeOffset(DateTimeOffset.UnixEpoch.UtcTicks + (micros * 10), TimeSpan.Zero),
            new Guid(bytes.Slice(8, 16), bigEndian: true));
    }

    // TryDecodeFromChars throws, rather than returning false, on characters outside the base64url alphabet.
    private static bool TryDecode(string cursor, Span<byte> bytes, out int written)
    {
        try
        {
            return Base64Url.TryDecodeFromChars(cursor, bytes, out written);
        }
        catch (FormatException)
        {
            written = 0;
            return false;
        }
    }
}
