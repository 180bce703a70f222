using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Ticketing.Api.Email.Delivery;

/// <summary>Sends through the configured SMTP relay (MailKit), one connection per message.</summary>
public sealed class SmtpTransport(IOptionsMonitor<SmtpOptions> options) : IMailTransport
{
    public async Task SendAsync(Guid mailId, MimeMessage message, CancellationToken ct)
    {
        var smtp = options.CurrentValue;
        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(smtp.Host ?? throw new InvalidOperationException("Ticketing:Smtp:Host is not set."), smtp.Port, smtp.Security, ct);
            if (!string.IsNullOrEmpty(smtp.Username))
            {
                await client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", ct);
            }

            await client.SendAsync(message, ct);
        }
        catch (SmtpCommandException e) when (e.ErrorCode is SmtpErrorCode.RecipientNotAccepted && (int)e.StatusCode >= 500)
        {
            throw new PermanentDeliveryException($"The relay refused the recipient: {(int)e.StatusCode} {e.Message}", e);
        }
        finally
        {
            if (client.IsConnected)
            {
                await client.DisconnectAsync(quit: true, CancellationToken.None);
            }
        }
    }
}
