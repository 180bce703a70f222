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
/// The settings in force, checked against the database on every call: one round trip, in which PostgreSQL compares the
/// settings' generation (<c>settings_generation</c>, bumped by a trigger in the transaction of every change, migration
/// 0999) with the one this process holds. While they agree, the statement returns the generation alone and the snapshot
/// read before is used again, without its sections' JSON on the wire or parsed; when they differ it returns the
/// sections as well. So a change saved on any node applies to the next request on every node (P3), and a request pays
/// one primary-key lookup for its settings instead of three index lookups and three JSON documents (issue 20).
/// </summary>
public sealed class CurrentSettings(NpgsqlDataSource dataSource, SettingsDefaults defaults)
{
    private CachedSnapshot? _cached;

    public async Task<SettingsSnapshot> LoadAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await LoadAsync(connection, ct);
    }

    public async Task<SettingsSnapshot> LoadAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var read = BeginRead();
        await using var query = new NpgsqlBatch(connection) { BatchCommands = { read.Command } };
        await using var reader = await query.ExecuteReaderAsync(ct);
        return await read.ReadAsync(reader, ct);
    }

    /// <summary>A read of the settings for callers that batch its statement with their own.</summary>
    public SettingsRead BeginRead()
    {
        // A snapshot built from other configuration (a section never saved comes from it) is not reused.
        var configuration = defaults.Generation;
        var cached = Volatile.Read(ref _cached);
        return new(this, cached?.Configuration == configuration ? cached : null, configuration);
    }

    /// <summary>
    /// One read: the statement (<see cref="Command"/>) carries the generation of the snapshot this process holds, and
    /// <see cref="ReadAsync"/> answers with that snapshot when the database's generation is still the same.
    /// </summary>
    public sealed class SettingsRead
    {
        private readonly CurrentSettings _owner;
        private readonly CachedSnapshot? _basis;

        private readonly int _configuration;

        internal SettingsRead(CurrentSettings owner, CachedSnapshot? basis, int configuration)
        {
            _owner = owner;
            _basis = basis;
            _configuration = configuration;
            Command = new NpgsqlBatchCommand(LatestSql)
            {
                Parameters = { new() { Value = SettingsSections.All.ToArray() }, new() { Value = basis?.Generation ?? -1L } },
            };
        }

        public NpgsqlBatchCommand Command { get; }

        /// <summary>The snapshot from the rows of <see cref="Command"/> (the reader's current result).</summary>
        public async Task<SettingsSnapshot> ReadAsync(NpgsqlDataReader reader, CancellationToken ct)
        {
            ArgumentNullException.ThrowIfNull(reader);
            long? generation = null;
            var rows = new Dictionary<string, (long Version, string Json)>(StringComparer.Ordinal);
            var sections = false;
            while (await reader.ReadAsync(ct))
            {
                if (reader.IsDBNull(0))
                {
                    generation = reader.IsDBNull(1) ? null : reader.GetInt64(1);
                    continue;
                }

                sections = true;
                rows[reader.GetString(0)] = (reader.GetInt64(1), reader.GetString(2));
            }

            // No section rows: either the generation is the basis's (the statement's condition), or no section was
            // ever saved and the generation moved on (a saved row since deleted); only the first reuses the basis.
            if (!sections && _basis is not null && generation == _basis.Generation)
            {
                return _basis.Snapshot;
            }

            var snapshot = _owner.Build(rows);
            if (generation is { } fresh)
            {
                _owner.Remember(new CachedSnapshot(fresh, _configuration, snapshot));
            }

            return snapshot;
        }
    }

    internal sealed record CachedSnapshot(long Generation, int Configuration, SettingsSnapshot Snapshot);

    // The newest wins: a request that read an older generation (or configuration) while another read a newer one does
    // not put it back.
    private void Remember(CachedSnapshot read)
    {
        var current = Volatile.Read(ref _cached);
        while (current is null || read.Generation > current.Generation || (read.Generation == current.Generation && read.Configuration > current.Configuration))
        {
            var seen = Interlocked.CompareExchange(ref _cached, read, current);
            if (ReferenceEquals(seen, current))
            {
                return;
            }

            current = seen;
        }
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

    // The generation row first (its section is null), then the sections unless the caller's generation ($2) is current.
    // One statement, so one snapshot: the sections returned are those of the generation returned.
    private const string LatestSql = """
        select null::text, (select value from settings_generation where id), null::text
        union all
        select s.section, v.id, v.value::text
        from unnest($1::text[]) as s(section)
        cross join lateral (
            select id, value from settings_versions where section = s.section order by id desc limit 1
        ) v
        where (select value from settings_generation where id) is distinct from $2
        """;
}
