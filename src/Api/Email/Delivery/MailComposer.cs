using Microsoft.Extensions.Options;
using MimeKit;
using Ticketing.Application.Email;
using Ticketing.Application.Tickets;

namespace Ticketing.Api.Email.Delivery;

/// <summary>
/// Turns a <see cref="SendMail"/> into a MIME message: renders its template (adding the portal URL and the status name
/// in the recipient's language), and gives every message a Message-ID derived from its mail id, so a message sent
/// twice after a crash is the same message to the receiving side.
/// </summary>
public sealed class MailComposer(
    IEmailTemplateStore templates, ITicketSettings ticketSettings, IOptionsMonitor<EmailOptions> options,
    Ticketing.Api.Admin.Settings.CurrentSettings settings, Ticketing.Api.Portal.PortalAddress portalAddress)
{
    /// <summary>Keys of a mail rendered before it was queued (mail handed over from the retired outbox table).</summary>
    public const string RenderedSubject = "rendered:subject";
    public const string RenderedText = "rendered:text";
    public const string RenderedHtml = "rendered:html";

    public static string MessageId(Guid mailId, string fromDomain) => $"{mailId:N}@{fromDomain}";

    public async Task<MimeMessage> ComposeAsync(SendMail mail, IReadOnlyDictionary<string, string?> values, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(mail);
        ArgumentNullException.ThrowIfNull(values);
        var rendered = values.TryGetValue(RenderedSubject, out var subject) && subject is not null
            ? new RenderedEmail(subject, values.GetValueOrDefault(RenderedText) ?? "", values.GetValueOrDefault(RenderedHtml) ?? "")
            : EmailTemplateRenderer.Render(await templates.GetAsync(mail.Kind, mail.Language, ct), await ValuesAsync(mail, values, ct));

        var from = MailboxAddress.Parse(options.CurrentValue.From);
        var message = new MimeMessage();
        message.From.Add(from);
        message.To.Add(MailboxAddress.Parse(mail.Recipient));
        message.Subject = rendered.Subject;
        message.Date = mail.QueuedAt;
        message.MessageId = MessageId(mail.MailId, from.Domain);
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Headers.Add(KindHeader, mail.Kind);
        if (mail.CausedBy is { } cause)
        {
            message.Headers.Add(CauseHeader, cause.ToString("N"));
        }

        var body = new BodyBuilder { TextBody = rendered.BodyText };
        if (rendered.BodyHtml.Length > 0)
        {
            body.HtmlBody = rendered.BodyHtml;
        }

        message.Body = body.ToMessageBody();
        return message;
    }

    /// <summary>The mail's kind (<see cref="EmailKinds"/>).</summary>
    public const string KindHeader = "X-Ticketing-Mail-Kind";

    /// <summary>The event or cause that sent the mail, when there is one (ticket notifications, workflow mails).</summary>
    public const string CauseHeader = "X-Ticketing-Cause";

    private async Task<Dictionary<string, string?>> ValuesAsync(SendMail mail, IReadOnlyDictionary<string, string?> given, CancellationToken ct)
    {
        var values = new Dictionary<string, string?>(given, StringComparer.Ordinal);
        if (!values.ContainsKey(EmailSnippets.PortalUrl))
        {
            // The admin's portal address as in force when the mail is sent; configuration or this node's own until it is saved.
            values[EmailSnippets.PortalUrl] = (await settings.LoadAsync(ct)).Portal.PortalUrl ?? portalAddress.Fallback() ?? "";
        }

        if (values.TryGetValue(EmailSnippets.Status, out var statusId) && statusId is not null)
        {
            values[EmailSnippets.Status] = await StatusNameAsync(statusId, mail.Language, ct);
        }

        return values;
    }

    // Notifications carry the status id: the name is the built-in one in the recipient's language, else the
    // admin's name of the custom status as configured at sending time.
    private async Task<string> StatusNameAsync(string statusId, string language, CancellationToken ct)
    {
        if (EmailTemplateDefaults.BuiltInStatusName(statusId, language) is { } builtIn)
        {
            return builtIn;
        }

        var policies = await ticketSettings.PoliciesAsync(ct);
        return policies.Statuses.TryFind(statusId, out var status) ? status.Name : statusId;
    }
}
