using Npgsql;
using Ticketing.Api.Identity.Persistence;

namespace Ticketing.Api.Admin.Settings;

/// <summary>
/// The one rule for what a settings section held at an instant (ADR 0009), used by the settings history
/// (<see cref="SettingsHistory"/>) and by the visibility replay (<see cref="CurrentSettings.AtAsync"/>, ADR 0026): the
/// section's last change at or before the instant (<see cref="Row.InForce"/>); failing that, the <c>before</c> of its
/// first later change, which is the configuration of that time; failing that (no row at all), configuration as it is now.
/// </summary>
public static class SettingsAtInstant
{
    /// <summary>The change that decides a section at the instant: its values after it when <paramref name="InForce"/>, else before it.</summary>
    public sealed record Row(string Section, long Id, Guid ChangedBy, DateTimeOffset ChangedAt, string Before, string After, bool InForce)
    {
        /// <summary>The values in force at the instant, as JSON text.</summary>
        public string Value => InForce ? After : Before;

        /// <summary>The version in force: the change's id, or 0 while configuration was in force.</summary>
        public long Version => InForce ? Id : 0;
    }

    private const string Sql = """
        select s.section, c.id, c.changed_by, c.changed_at, c.before::text, c.value::text, c.in_force
        from unnest($1::text[]) as s(section)
        cross join lateral (
            select * from (
                (select id, changed_by, changed_at, before, value, true as in_force from settings_versions
                  where section = s.section and changed_at <= $2 order by changed_at desc, id desc limit 1)
                union all
                (select id, changed_by, changed_at, before, value, false from settings_versions
                  where section = s.section and changed_at > $2 order by id limit 1)
            ) candidates
            order by in_force desc
            limit 1
        ) c
        """;

    /// <summary>One round trip: the deciding change of each of <paramref name="sections"/> that has one.</summary>
    public static async Task<IReadOnlyDictionary<string, Row>> ReadAsync(
        NpgsqlConnection connection, IReadOnlyCollection<string> sections, DateTimeOffset at, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(sections);
        await using var query = connection.Sql(Sql).With(sections.ToArray()).With(at);
        await using var reader = await query.ExecuteReaderAsync(ct);
        var rows = new Dictionary<string, Row>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
        {
            var row = new Row(reader.GetString(0), reader.GetInt64(1), reader.GetGuid(2), reader.GetFieldValue<DateTimeOffset>(3),
                reader.GetString(4), reader.GetString(5), reader.GetBoolean(6));
            rows[row.Section] = row;
        }

        return rows;
    }
}
