using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Ticketing.Api.Audit.Chain;

/// <summary>
/// One stored event in the form the chain hashes (ADR 0024): Marten's columns as PostgreSQL returns them. The JSON
/// (<see cref="Data"/>, <see cref="Headers"/>) is the stored jsonb's text, byte for byte; <see cref="RecordedAt"/> is the
/// timestamp in UTC with microseconds (<c>event_chain_time</c>). An export carries exactly these strings.
/// </summary>
public sealed record ChainedEvent(
    Guid StreamId,
    long Version,
    long Sequence,
    Guid? EventId,
    string Type,
    string RecordedAt,
    string? CorrelationId,
    string? CausationId,
    string? Headers,
    string Data);

/// <summary>
/// The event chain's canonical form and link, the same as the database trigger's (<c>event_chain_canonical</c>,
/// <c>event_chain_link</c>, migration 0950): <c>hash(v) = SHA-256(hash(v-1) || canonical(v))</c>, 32 zero bytes before
/// version 1. The canonical form is the line <c>ticketing.event.v1</c>, then each field as its UTF-8 byte length, ':',
/// the bytes and a line feed (an absent field is <c>-</c> and a line feed), in the order stream id, version, sequence,
/// event id, type, recorded at, correlation id, causation id, headers, data. Needs no database.
/// </summary>
public static class EventChain
{
    public const string EventFormat = "ticketing.event.v1";

    public static byte[] Genesis => new byte[32];

    public static byte[] Canonical(ChainedEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        using var bytes = new MemoryStream();
        Write(bytes, Encoding.UTF8.GetBytes(EventFormat + "\n"));
        Field(bytes, e.StreamId.ToString("D"));
        Field(bytes, e.Version.ToString(CultureInfo.InvariantCulture));
        Field(bytes, e.Sequence.ToString(CultureInfo.InvariantCulture));
        Field(bytes, e.EventId?.ToString("D"));
        Field(bytes, e.Type);
        Field(bytes, e.RecordedAt);
        Field(bytes, e.CorrelationId);
        Field(bytes, e.CausationId);
        Field(bytes, e.Headers);
        Field(bytes, e.Data);
        return bytes.ToArray();
    }

    /// <summary>The event's link: the hash of its predecessor's link and its own canonical bytes.</summary>
    public static byte[] Link(byte[] previous, ChainedEvent e)
    {
        ArgumentNullException.ThrowIfNull(previous);
        return SHA256.HashData([.. previous, .. Canonical(e)]);
    }

    public static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    private static void Field(MemoryStream bytes, string? value)
    {
        if (value is null)
        {
            Write(bytes, "-\n"u8);
            return;
        }

        var utf8 = Encoding.UTF8.GetBytes(value);
        Write(bytes, Encoding.UTF8.GetBytes(utf8.Length.ToString(CultureInfo.InvariantCulture) + ":"));
        Write(bytes, utf8);
        Write(bytes, "\n"u8);
    }

    private static void Write(MemoryStream bytes, ReadOnlySpan<byte> data) => bytes.Write(data);
}
