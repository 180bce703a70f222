namespace Ticketing.Application.Sms;

/// <summary>
/// Sends one text message (P13): by default into the SMS pickup folder, or through an HTTP gateway when one is
/// configured (<c>Ticketing:Sms:Url</c>). Throws <see cref="SmsUnavailableException"/> when the message could not be handed over.
/// </summary>
public interface ISmsSender
{
    Task SendAsync(string phone, string text, CancellationToken ct);
}

/// <summary>The SMS provider refused or could not be reached; the request that needed the SMS stores nothing.</summary>
public sealed class SmsUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
