using Npgsql;
using Ticketing.Application.Admin.Settings;
using Ticketing.Application.Email;
using Ticketing.Application.Email.Templates;

namespace Ticketing.Api.Email.Templates;

/// <summary>
/// What an administrator reads of the email templates (A1, A4): the kinds × languages grid and one template with its
/// version. Saving and reverting are commands (<see cref="SaveEmailTemplate"/>, <see cref="RevertEmailTemplate"/>).
/// </summary>
public sealed class EmailTemplateAdmin(NpgsqlDataSource dataSource)
{
    private static IReadOnlyCollection<string> Languages => EmailTemplateOverrides.Languages;

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
        EmailTemplateOverrides.EnsureKnown(kind, language);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var current = await EmailTemplateOverrides.CurrentAsync(connection, kind, language, ct);
        return EmailTemplateOverrides.Response(
            kind, language, current, await SettingsVersions.VersionAsync(connection, SettingsSections.EmailTemplate(kind, language), ct));
    }
}
