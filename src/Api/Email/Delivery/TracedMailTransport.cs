using System.Diagnostics;
using MimeKit;
using Ticketing.Application.Telemetry;

namespace Ticketing.Api.Email.Delivery;

/// <summary>
/// A span and a count per mail handed to the transport (issue 20). The span names the mail's id and kind, never its
/// recipient, subject or body.
/// </summary>
public sealed class TracedMailTransport(IMailTransport inner) : IMailTransport
{
    public async Task SendAsync(Guid mailId, MimeMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        var kind = message.Headers[MailComposer.KindHeader] ?? "unknown";
        using var activity = TicketingMetrics.Source.StartActivity("mail send", ActivityKind.Client);
        activity?.SetTag("ticketing.mail.id", mailId.ToString());
        activity?.SetTag("ticketing.mail.kind", kind);
        try
        {
            await inner.SendAsync(mailId, message, ct);
            TicketingMetrics.MailsSent.Add(1, new("kind", kind), new("outcome", "sent"));
        }
        catch (Exception e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            TicketingMetrics.MailsSent.Add(1, new("kind", kind), new("outcome", "failed"));
            throw;
        }
    }
}
