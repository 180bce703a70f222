using Npgsql;
using Ticketing.Application.Admin.Settings;
using Ticketing.Application.Errors;
using Ticketing.Application.Persistence;

namespace Ticketing.Application.Email.Templates;

/// <summary>
/// The admin side of the email templates (A1, A4; ADR 0011). <c>email_templates</c> holds the overrides in force (what
/// mail composition reads on every render, so every node sees a change at once); each change is also a
/// <c>settings_versions</c> row of section <c>email-template:{kind}:{language}</c>, written in the same transaction under
/// the section's lock, so the settings history shows who changed which text when, before and after.
/// </summary>
public static class EmailTemplateOverrides
{
    public static IReadOnlyCollection<string> Languages => EmailTemplateDefaults.LanguagesWithTemplates;

    /// <summary>404 for a kind or language the templates do not have.</summary>
    public static void EnsureKnown(string kind, string language)
    {
        if (!EmailKinds.All.Contains(kind, StringComparer.Ordinal))
        {
            throw new NotFoundException("email_template.unknown_kind", $"There is no email kind '{kind}' ({string.Join(", ", EmailKinds.All)}).");
        }

        if (!Languages.Contains(language, StringComparer.Ordinal))
        {
            throw new NotFoundException("email_template.unknown_language", $"Templates exist in {string.Join(", ", Languages)}, not '{language}'.");
        }
    }

    /// <summary>Exactly this kind and language: the grid shows each cell as it is, not the English fallback of the renderer.</summary>
    public static async Task<EmailTemplateVersion> CurrentAsync(NpgsqlConnection connection, string kind, string language, CancellationToken ct)
    {
        await using var select = connection.Sql("select subject, body_text, body_html from email_templates where kind = $1 and language = $2")
            .With(kind).With(language);
        await using var reader = await select.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new EmailTemplateVersion(true, reader.GetString(0), reader.GetString(1), reader.GetNullableString(2))
            : EmailTemplateVersion.Default(kind, language);
    }

    public static EmailTemplateResponse Response(string kind, string language, EmailTemplateVersion template, long version) =>
        new(kind, language, template.Overridden, template.Subject, template.BodyText, template.BodyHtml, EmailSnippets.ForKind(kind), version);

    /// <summary>A change of the template as a settings version; <paramref name="write"/> changes <c>email_templates</c>.</summary>
    internal static SettingsChangeRequest Change(
        string kind, string language, EmailTemplateVersion after, string? ifMatch, Guid by, Func<NpgsqlConnection, CancellationToken, Task<bool>> write) =>
        new(SettingsSections.EmailTemplate(kind, language), SettingsJson.Serialize(after), ifMatch, by,
            async (connection, token) => SettingsJson.Serialize(await CurrentAsync(connection, kind, language, token)),
            (connection, _, token) => write(connection, token));
}
