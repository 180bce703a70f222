using System.Security.Cryptography;
using System.Text;

namespace Ticketing.Application.Email;

/// <summary>
/// One mail to send (ADR 0017): the template <paramref name="Kind"/> in <paramref name="Language"/> with its values,
/// rendered when it is delivered, so a queued mail follows a template edit. <paramref name="MailId"/> names the mail:
/// its Message-ID and its pickup file derive from it, so a mail sent again after a crash is the same message.
/// Credentials (password, reset code) never travel in the message, whose envelope may be kept after handling or dead
/// lettered: with <paramref name="HasSecrets"/> they wait in <c>mail_secrets</c> under the mail id, are read when the
/// mail is composed and deleted once it is sent. A mail about a ticket names its <paramref name="TicketId"/> and the
/// user it goes to (<paramref name="RecipientId"/>), so its delivery is recorded in <c>mail_log</c> for auditors (ADR 0026).
/// </summary>
public sealed record SendMail(
    Guid MailId,
    string Kind,
    string Recipient,
    string Language,
    Dictionary<string, string?> Values,
    DateTimeOffset QueuedAt,
    bool HasSecrets = false,
    Guid? CausedBy = null,
    Guid? TicketId = null,
    Guid? RecipientId = null);

/// <summary>Mail ids: new ones, and ids derived from a cause, so a cause processed twice names the same mail.</summary>
public static class MailIds
{
    public static Guid New() => Guid.CreateVersion7();

    /// <summary>A stable id for the mail <paramref name="cause"/> sends to <paramref name="recipient"/> (name-based, SHA-256).</summary>
    public static Guid For(string cause, string recipient)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{cause}\n{recipient.ToLowerInvariant()}"));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x80); // version 8 (custom), in Guid's little-endian layout
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes);
    }
}
