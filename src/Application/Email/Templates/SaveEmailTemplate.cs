using FluentValidation;
using Ticketing.Application.Admin.Settings;
using Ticketing.Application.Persistence;

namespace Ticketing.Application.Email.Templates;

/// <summary>
/// An administrator overrides a template's text; <see cref="IfMatch"/> is the request's raw header (absent: no check).
/// 400 (nothing written) for an empty or oversized text or a snippet the kind does not know.
/// </summary>
public sealed record SaveEmailTemplate(string Kind, string Language, EmailTemplateBody? Body, string? IfMatch, Guid By);

public static class SaveEmailTemplateHandler
{
    public static async Task<EmailTemplateResponse> Handle(SaveEmailTemplate command, SettingsVersions versions, TimeProvider clock, CancellationToken ct)
    {
        var (kind, language, body, ifMatch, by) = command;
        EmailTemplateOverrides.EnsureKnown(kind, language);
        var failures = EmailTemplateChecks.Check(kind, body);
        if (failures.Count > 0)
        {
            throw new ValidationException(failures);
        }

        var saved = new EmailTemplateVersion(true, body!.Subject!, body.BodyText!, string.IsNullOrWhiteSpace(body.BodyHtml) ? null : body.BodyHtml);
        var version = await versions.AppendAsync(EmailTemplateOverrides.Change(kind, language, saved, ifMatch, by, async (connection, token) =>
        {
            await using var upsert = connection.Sql("""
                insert into email_templates (kind, language, subject, body_html, body_text, updated_by, updated_at)
                values ($1, $2, $3, $4, $5, $6, $7)
                on conflict (kind, language) do update set subject = excluded.subject, body_html = excluded.body_html,
                    body_text = excluded.body_text, updated_by = excluded.updated_by, updated_at = excluded.updated_at
                """).With(kind).With(language).With(saved.Subject).With(saved.BodyHtml).With(saved.BodyText).With(by).With(clock.GetUtcNow());
            await upsert.ExecuteNonQueryAsync(token);
            return true;
        }), ct);
        return EmailTemplateOverrides.Response(kind, language, saved, version);
    }
}
