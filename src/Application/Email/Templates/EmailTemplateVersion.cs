using Ticketing.Application.Email;

namespace Ticketing.Application.Email.Templates;

/// <summary>
/// An email template as <c>settings_versions</c> records it (ADR 0011): the text in force after a change, and whether
/// it was an admin's override or the built-in default (after a revert).
/// </summary>
public sealed record EmailTemplateVersion(bool Overridden, string Subject, string BodyText, string? BodyHtml)
{
    public static EmailTemplateVersion Default(string kind, string language) =>
        EmailTemplateDefaults.Find(kind, language) is { } template
            ? new EmailTemplateVersion(false, template.Subject, template.BodyText, template.BodyHtml)
            : throw new ArgumentOutOfRangeException(nameof(kind), kind, "There is no email template of this kind.");
}

/// <summary>One cell of the kinds × languages grid of <c>GET /api/admin/email-templates</c>.</summary>
public sealed record EmailTemplateSummary(string Kind, string Language, bool Overridden, long Version, Guid? UpdatedBy, DateTimeOffset? UpdatedAt);

/// <summary>
/// A template as an admin reads and edits it, with the snippets its kind may use. <paramref name="HiddenFromContacts"/>
/// lists those that render nothing in a mail to a contact because the portal hides their field (P4, ADR 0020); while
/// the status field is hidden, a status change is not mailed to contacts at all.
/// </summary>
public sealed record EmailTemplateResponse(
    string Kind, string Language, bool Overridden, string Subject, string BodyText, string? BodyHtml, IReadOnlyList<string> Snippets, long Version,
    IReadOnlyList<string>? HiddenFromContacts = null);
