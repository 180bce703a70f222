using Npgsql;
using Ticketing.Api.Identity.Persistence;
using Ticketing.Application.Admin.Settings;

namespace Ticketing.Api.Admin.Settings;

/// <summary>The three sections in force, each with its version (the id of its latest row, 0 while it comes from configuration).</summary>
public sealed record SettingsSnapshot(
    PortalSection Portal, FieldsSection Fields, CataloguesSection Catalogues, IReadOnlyDictionary<string, long> Versions)
{
    public long Version(string section) => Versions.TryGetValue(section, out var version) ? version : 0;

    public object Section(string section) => section switch
    {
        SettingsSections.Portal => Portal,
        SettingsSections.Fields => Fields,
        SettingsSections.Catalogues => Catalogues,
        _ => throw new ArgumentOutOfRangeException(nameof(section), section, "Not a settings section."),
    };
}

/// <summary>
/// Reads the settings in force from the database on every call: one round trip, one index lookup per section.
/// Nothing is cached in process, so a change saved on any node applies to the next request on every node.
/// </summary>
public sealed class CurrentSettings(NpgsqlDataSource dataSource, SettingsDefaults defaults)
{
    public async Task<SettingsSnapshot> LoadAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await LoadAsync(connection, ct);
    }

    public async Task<SettingsSnapshot> LoadAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var query = connection.Sql(LatestSql).With(SettingsSections.All.ToArray());
        await using var reader = await query.ExecuteReaderAsync(ct);
        return await ReadAsync(reader, ct);
    }

    /// <summary>The statement <see cref="ReadAsync"/> reads, for callers that batch it with their own.</summary>
    public static NpgsqlBatchCommand LatestCommand() => new(LatestSql) { Parameters = { new() { Value = SettingsSections.All.ToArray() } } };

    /// <summary>The snapshot from the rows of <see cref="LatestCommand"/> (the reader's current result).</summary>
    public async Task<SettingsSnapshot> ReadAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var rows = new Dictionary<string, (long Version, string Json)>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
        {
            rows[reader.GetString(0)] = (reader.GetInt64(1), reader.GetString(2));
        }

        return Build(rows);
    }

    private SettingsSnapshot Build(Dictionary<string, (long Version, string Json)> rows)
    {
        var versions = rows.ToDictionary(r => r.Key, r => r.Value.Version, StringComparer.Ordinal);
        return new SettingsSnapshot(
            rows.TryGetValue(SettingsSections.Portal, out var portal) ? SettingsJson.Deserialize<PortalSection>(portal.Json) : defaults.Portal(),
            rows.TryGetValue(SettingsSections.Fields, out var fields) ? SettingsJson.Deserialize<FieldsSection>(fields.Json) : defaults.Fields(),
            rows.TryGetValue(SettingsSections.Catalogues, out var catalogues) ? SettingsJson.Deserialize<CataloguesSection>(catalogues.Json) : defaults.Catalogues(),
            versions);
    }

    /// <summary>The sections in force at <paramref name="at"/>, by the settings history's rule (<see cref="SettingsAtInstant"/>).</summary>
    public async Task<SettingsSnapshot> AtAsync(NpgsqlConnection connection, DateTimeOffset at, CancellationToken ct)
    {
        var rows = await SettingsAtInstant.ReadAsync(connection, SettingsSections.All, at, ct);
        return Build(rows.ToDictionary(r => r.Key, r => (r.Value.Version, r.Value.Value), StringComparer.Ordinal));
    }

    private const string LatestSql = """
        select s.section, v.id, v.value::text
        from unnest($1::text[]) as s(section)
        cross join lateral (
            select id, value from settings_versions where section = s.section order by id desc limit 1
        ) v
        """;
}
