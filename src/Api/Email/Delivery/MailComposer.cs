using System.Text.Json;
using Microsoft.Extensions.Options;
using MimeKit;
using Ticketing.Application.Email;
using Ticketing.Application.Tickets;

namespace Ticketing.Api.Email.Delivery;

/// <summary>
/// Turns a queued mail into a MIME message: renders template rows (adding the portal URL and the status name
/// in the recipient's language), and gives every message a Message-ID derived from its outbox row, so a message
/// sent twice after a crash is the same message to the receiving side.
/// </summary>
public sealed class MailComposer(
    IEmailTemplateStore templates, ITicketSettings ticketSettings, IOptionsMonitor<EmailOptions> options, IConfiguration configuration,
    Ticketing.Api.Admin.Settings.CurrentSettings settings)
{
    public static string MessageId(Guid outboxId, string fromDomain) => $"{outboxId:N}@{fromDomain}";

    /// <param name="cache">Templates already read in this batch, so a batch reads each kind and language once.</param>
    public async Task<MimeMessage> ComposeAsync(QueuedMail mail, Dictionary<(string, string), EmailTemplate> cache, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(mail);
        ArgumentNullException.ThrowIfNull(cache);
        var rendered = mail.TemplateValues is null
            ? new RenderedEmail(mail.Subject!, mail.BodyText!, mail.BodyHtml ?? "")
            : EmailTemplateRenderer.Render(await TemplateAsync(mail, cache, ct), await ValuesAsync(mail, ct));

        var from = MailboxAddress.Parse(options.CurrentValue.From);
        var message = new MimeMessage();
        message.From.Add(from);
        message.To.Add(MailboxAddress.Parse(mail.Recipient));
        message.Subject = rendered.Subject;
        message.Date = mail.CreatedAt;
        message.MessageId = MessageId(mail.Id, from.Domain);
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Headers.Add("X-Ticketing-Mail-Kind", mail.Kind);
        var body = new BodyBuilder { TextBody = rendered.BodyText };
        if (rendered.BodyHtml.Length > 0)
        {
            body.HtmlBody = rendered.BodyHtml;
        }

        message.Body = body.ToMessageBody();
        return message;
    }

    private async Task<EmailTemplate> TemplateAsync(QueuedMail mail, Dictionary<(string, string), EmailTemplate> cache, CancellationToken ct)
    {
        if (!cache.TryGetValue((mail.Kind, mail.Language), out var template))
        {
            template = await templates.GetAsync(mail.Kind, mail.Language, ct);
            cache[(mail.Kind, mail.Language)] = template;
        }

        return template;
    }

    private async Task<Dictionary<string, string?>> ValuesAsync(QueuedMail mail, CancellationToken ct)
    {
        var values = JsonSerializer.Deserialize<Dictionary<string, string?>>(mail.TemplateValues!) ?? [];
        if (!values.ContainsKey(EmailSnippets.PortalUrl))
        {
            // The admin's portal address as in force when the mail is sent; configuration until it is saved.
            values[EmailSnippets.PortalUrl] = (await settings.LoadAsync(ct)).Portal.PortalUrl ?? configuration["Ticketing:Portal:Url"] ?? "";
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
