using FluentValidation;
using Npgsql;
using Ticketing.Api.Admin.Settings;
using Ticketing.Api.Identity.Persistence;
using Ticketing.Application.Admin.Settings;
using Ticketing.Application.Email;
using Ticketing.Application.Errors;

namespace Ticketing.Api.Email.Templates;

/// <summary>
/// The admin side of the email templates (A1, A4; ADR 0011). <c>email_templates</c> holds the overrides in force (what
/// <see cref="PostgresEmailTemplateStore"/> reads on every render, so every node sees a change at once); each change
/// is also a <c>settings_versions</c> row of section <c>email-template:{kind}:{language}</c>, written in the same
/// transaction under the section's lock, so the settings history shows who changed which text when, before and after.
/// </summary>
public sealed class EmailTemplateAdmin(NpgsqlDataSource dataSource, SettingsVersions versions, TimeProvider clock)
{
    public static IReadOnlyCollection<string> Languages => EmailTemplateDefaults.LanguagesWithTemplates;

    public async Task<IReadOnlyList<EmailTemplateSummary>> ListAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var overrides = new Dictionary<(string, string), (Guid?, DateTimeOffset)>();
        await using (var query = connection.Sql("select kind, language, updated_by, updated_at from email_templates"))
        await using (var reader = await query.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                overrides[(reader.GetString(0), reader.GetString(1))] =
                    (reader.IsDBNull(2) ? null : reader.GetGuid(2), reader.GetFieldValue<DateTimeOffset>(3));
            }
        }

        var latest = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var query = connection.Sql("select section, max(id) from settings_versions where section like 'email-template:%' group by section"))
        await using (var reader = await query.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                latest[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        return [.. EmailKinds.All.SelectMany(kind => Languages.Select(language =>
        {
            var overridden = overrides.TryGetValue((kind, language), out var by);
            return new EmailTemplateSummary(kind, language, overridden, latest.GetValueOrDefault(SettingsSections.EmailTemplate(kind, language)),
                overridden ? by.Item1 : null, overridden ? by.Item2 : null);
        }))];
    }

    public async Task<EmailTemplateResponse> GetAsync(string kind, string language, CancellationToken ct)
    {
        EnsureKnown(kind, language);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var current = await CurrentAsync(connection, kind, language, ct);
        return Response(kind, language, current, await SettingsVersions.VersionAsync(connection, SettingsSections.EmailTemplate(kind, language), ct));
    }

    /// <summary>Saves an override; 400 (nothing written) for an empty or oversized text or a snippet the kind does not know.</summary>
    public async Task<EmailTemplateResponse> SaveAsync(string kind, string language, EmailTemplateBody? body, string? ifMatch, Guid by, CancellationToken ct)
    {
        EnsureKnown(kind, language);
        var failures = EmailTemplateChecks.Check(kind, body);
        if (failures.Count > 0)
        {
            throw new ValidationException(failures);
        }

        var saved = new EmailTemplateVersion(true, body!.Subject!, body.BodyText!, string.IsNullOrWhiteSpace(body.BodyHtml) ? null : body.BodyHtml);
        var version = await versions.AppendAsync(Change(kind, language, saved, ifMatch, by, async (connection, token) =>
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
        return Response(kind, language, saved, version);
    }

    /// <summary>Drops the override: the built-in text applies again. Reverting a template that is not overridden records nothing.</summary>
    public async Task<EmailTemplateResponse> RevertAsync(string kind, string language, string? ifMatch, Guid by, CancellationToken ct)
    {
        EnsureKnown(kind, language);
        var reverted = EmailTemplateVersion.Default(kind, language);
        var version = await versions.AppendAsync(Change(kind, language, reverted, ifMatch, by, async (connection, token) =>
        {
            await using var delete = connection.Sql("delete from email_templates where kind = $1 and language = $2").With(kind).With(language);
            return await delete.ExecuteNonQueryAsync(token) > 0;
        }), ct);
        return Response(kind, language, reverted, version);
    }

    private static SettingsChangeRequest Change(
        string kind, string language, EmailTemplateVersion after, string? ifMatch, Guid by, Func<NpgsqlConnection, CancellationToken, Task<bool>> write) =>
        new(SettingsSections.EmailTemplate(kind, language), SettingsJson.Serialize(after), ifMatch, by,
            async (connection, token) => SettingsJson.Serialize(await CurrentAsync(connection, kind, language, token)),
            (connection, _, token) => write(connection, token));

    // Exactly this kind and language: the grid shows each cell as it is, not the English fallback of the renderer.
    private static async Task<EmailTemplateVersion> CurrentAsync(NpgsqlConnection connection, string kind, string language, CancellationToken ct)
    {
        await using var select = connection.Sql("select subject, body_text, body_html from email_templates where kind = $1 and language = $2")
            .With(kind).With(language);
        await using var reader = await select.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new EmailTemplateVersion(true, reader.GetString(0), reader.GetString(1), reader.GetNullableString(2))
            : EmailTemplateVersion.Default(kind, language);
    }

    private static EmailTemplateResponse Response(string kind, string language, EmailTemplateVersion template, long version) =>
        new(kind, language, template.Overridden, template.Subject, template.BodyText, template.BodyHtml, EmailSnippets.ForKind(kind), version);

    private static void EnsureKnown(string kind, string language)
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
}
