using Npgsql;
using Ticketing.Application.Email;
using Ticketing.Application.Privacy;

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
        PersonalDataKeys personalData, PersonalDataReveal reveal, ILogger<SendMail> logger, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(mail);
        ArgumentNullException.ThrowIfNull(personalData);
        ArgumentNullException.ThrowIfNull(reveal);
        if (mail.RecipientId is { } recipient && await personalData.IsErasedAsync(recipient, ct))
        {
            // Erased after the mail was queued (ADR 0027): nothing goes to them any more.
            logger.LogInformation("Mail {MailId} ({Kind}) dropped: its recipient was erased", mail.MailId, mail.Kind);
            return;
        }

        // A contact's text travels sealed (ADR 0027): opened now, or "[erased]" if its writer was erased meanwhile.
        var values = mail.Values;
        if (values.Values.Any(SealedText.IsSealed))
        {
            var open = await reveal.ForAsync(values.Values, ct);
            values = values.ToDictionary(v => v.Key, v => open(v.Value), StringComparer.Ordinal);
        }

        if (mail.HasSecrets)
        {
            var secrets = await mailSecrets.FindAsync(dataSource, mail.MailId, ct);
            if (secrets is null)
            {
                // Its secrets are deleted only after sending: this is a redelivery of a mail already out.
                logger.LogInformation("Mail {MailId} ({Kind}) was sent already", mail.MailId, mail.Kind);
                return;
            }

            values = new Dictionary<string, string?>(values, StringComparer.Ordinal);
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
