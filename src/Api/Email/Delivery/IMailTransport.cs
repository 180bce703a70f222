using MimeKit;

namespace Ticketing.Api.Email.Delivery;

/// <summary>Hands a message to the outside world (an SMTP relay or the pickup folder).</summary>
public interface IMailTransport
{
    /// <summary>
    /// Sends <paramref name="message"/>, the mail <paramref name="mailId"/>. May be called again for the same mail
    /// after a crash or a failed attempt; the message then carries the same Message-ID.
    /// </summary>
    Task SendAsync(Guid mailId, MimeMessage message, CancellationToken ct);
}

/// <summary>The transport said the message can never be delivered (e.g. the recipient was refused): no retry.</summary>
public sealed class PermanentDeliveryException(string message, Exception? inner = null) : Exception(message, inner);
