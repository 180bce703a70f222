namespace Ticketing.Application.Email;

/// <summary>
/// A mail template: subject, plain-text body and HTML body, each with <c>{{snippet}}</c> placeholders.
/// A null <paramref name="BodyHtml"/> means "derive the HTML from the text body".
/// </summary>
public sealed record EmailTemplate(string Kind, string Language, string Subject, string BodyText, string? BodyHtml);

/// <summary>A mail ready to send.</summary>
public sealed record RenderedEmail(string Subject, string BodyText, string BodyHtml);

/// <summary>
/// Where templates come from: an admin's override for the kind and language, else the built-in default
/// (<see cref="EmailTemplateDefaults"/>); a language without a template gets English.
/// </summary>
public interface IEmailTemplateStore
{
    Task<EmailTemplate> GetAsync(string kind, string language, CancellationToken ct);
}
