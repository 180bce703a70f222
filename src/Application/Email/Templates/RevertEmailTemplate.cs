using Ticketing.Application.Admin.Settings;
using Ticketing.Application.Persistence;

namespace Ticketing.Application.Email.Templates;

/// <summary>
/// An administrator drops a template's override: the built-in text applies again. Reverting a template that is not
/// overridden records nothing. <see cref="IfMatch"/> is the request's raw header (absent: no check).
/// </summary>
public sealed record RevertEmailTemplate(string Kind, string Language, string? IfMatch, Guid By);

public static class RevertEmailTemplateHandler
{
    public static async Task<EmailTemplateResponse> Handle(RevertEmailTemplate command, SettingsVersions versions, CancellationToken ct)
    {
        var (kind, language, ifMatch, by) = command;
        EmailTemplateOverrides.EnsureKnown(kind, language);
        var reverted = EmailTemplateVersion.Default(kind, language);
        var version = await versions.AppendAsync(EmailTemplateOverrides.Change(kind, language, reverted, ifMatch, by, async (connection, token) =>
        {
            await using var delete = connection.Sql("delete from email_templates where kind = $1 and language = $2").With(kind).With(language);
            return await delete.ExecuteNonQueryAsync(token) > 0;
        }), ct);
        return EmailTemplateOverrides.Response(kind, language, reverted, version);
    }
}
