using System.Text.Json;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Ticketing.Api.Identity.Persistence;
using Ticketing.Application.Admin.Settings;

namespace Ticketing.Api.Admin.Settings;

/// <summary>One saved version of a section: who saved it, when, and the values before and after.</summary>
public sealed record SettingsChange(long Version, string Section, Guid ChangedBy, DateTimeOffset ChangedAt, JsonElement Before, JsonElement After);

/// <summary>What was in force for a section at an instant; <paramref name="Change"/> is null while configuration was.</summary>
public sealed record SettingsInForce(string Section, long Version, JsonElement Value, SettingsChange? Change);

public sealed record SettingsHistoryResponse(DateTimeOffset? At, IReadOnlyList<SettingsInForce>? InForce, IReadOnlyList<SettingsChange> Changes);

/// <summary>
/// <c>GET /api/admin/settings/history?section=&amp;at=&amp;limit=</c> (admins, auditors): the changes, newest first, and
/// with <c>at</c> the values in force at that instant, with the changes up to it.
/// </summary>
public static class SettingsHistory
{
    private const int MaxLimit = 500;

    public static async Task<Ok<SettingsHistoryResponse>> HandleAsync(
        string? section, DateTimeOffset? at, int? limit, NpgsqlDataSource dataSource, SettingsDefaults defaults, CancellationToken ct)
    {
        if (section is not null && !SettingsSections.IsKnown(section))
        {
            throw new ValidationException([new ValidationFailure("section",
                $"'{section}' is not one of {string.Join(", ", SettingsSections.All)} or email-template:{{kind}}:{{language}}.")]);
        }

        if (limit is < 1 or > MaxLimit)
        {
            throw new ValidationException([new ValidationFailure("limit", $"The limit is between 1 and {MaxLimit}.")]);
        }

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var query = connection.Sql("""
            select id, section, changed_by, changed_at, before::text, value::text
            from settings_versions
            where ($1::text is null or section = $1) and ($2::timestamptz is null or changed_at <= $2)
            order by id desc
            limit $3
            """).With(section).With(at).With(limit ?? 100);
        var changes = new List<SettingsChange>();
        await using (var reader = await query.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                changes.Add(new SettingsChange(
                    reader.GetInt64(0), reader.GetString(1), reader.GetGuid(2), reader.GetFieldValue<DateTimeOffset>(3),
                    Parse(reader.GetString(4)), Parse(reader.GetString(5))));
            }
        }

        return TypedResults.Ok(new SettingsHistoryResponse(
            at, at is null ? null : await InForceAsync(connection, section, at.Value, defaults, ct), changes));
    }

    private static async Task<IReadOnlyList<SettingsInForce>> InForceAsync(
        NpgsqlConnection connection, string? section, DateTimeOffset at, SettingsDefaults defaults, CancellationToken ct)
    {
        string[] sections = section is null ? [.. SettingsSections.All] : [section];
        var rows = await SettingsAtInstant.ReadAsync(connection, sections, at, ct);
        return sections.Select(name => rows.TryGetValue(name, out var row)
            ? new SettingsInForce(name, row.Version, Parse(row.Value), row.InForce ? Change(row) : null)
            : new SettingsInForce(name, 0, JsonSerializer.SerializeToElement(defaults.For(name), SettingsJson.Options), null)).ToList();
    }

    private static SettingsChange Change(SettingsAtInstant.Row row) =>
        new(row.Id, row.Section, row.ChangedBy, row.ChangedAt, Parse(row.Before), Parse(row.After));

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
