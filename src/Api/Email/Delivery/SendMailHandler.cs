using Npgsql;
using Ticketing.Application.Email;

namespace Ticketing.Api.Email.Delivery;

/// <summary>
/// Sends one <see cref="SendMail"/>: compose (template in force now, in the recipient's language), hand to the
/// transport, then forget its secrets. Delivery is at-least-once: a crash after sending and before Wolverine marks the
/// message handled sends it again, with the same Message-ID and pickup file name (both derive from the mail id), so
/// it is the same message to the receiving side. Failures are retried and dead lettered by the policy in
/// <see cref="MailRetryPolicy"/>. A mail about a ticket is recorded in <c>mail_log</c> once sent (ADR 0026); a
/// redelivery records nothing new.
/// </summary>
public static class SendMailHandler
{
    public static async Task HandleAsync(
        SendMail mail, MailComposer composer, IMailTransport transport, NpgsqlDataSource dataSource, MailSecrets mailSecrets,
        ILogger<SendMail> logger, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var values = mail.Values;
        if (mail.HasSecrets)
        {
            var secrets = await mailSecrets.FindAsync(dataSource, mail.MailId, ct);
            if (secrets is null)
            {
                // Its secrets are deleted only after sending: this is a redelivery of a mail already out.
                logger.LogInformation("Mail {MailId} ({Kind}) was sent already", mail.MailId, mail.Kind);
                return;
            }

            values = new Dictionary<string, string?>(mail.Values, StringComparer.Ordinal);
            foreach (var (name, value) in secrets)
            {
                values[name] = value;
            }
        }

        var message = await composer.ComposeAsync(mail, values, ct);
        await transport.SendAsync(mail.MailId, message, ct);
        if (mail.TicketId is { } ticketId)
        {
            await MailLog.RecordAsync(dataSource, mail, ticketId, ct);
        }

        if (mail.HasSecrets)
        {
            await MailSecrets.DeleteAsync(dataSource, mail.MailId);
        }
    }
}
