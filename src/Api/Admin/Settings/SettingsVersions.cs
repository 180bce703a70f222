using System.Globalization;
using Npgsql;
using Ticketing.Api.Identity.Persistence;
using Ticketing.Application.Errors;

namespace Ticketing.Api.Admin.Settings;

/// <summary>
/// Appends a section's new version: serialised per section by an advisory lock, checked against <c>If-Match</c>,
/// with what was in force before, in one transaction. Rows are never updated or deleted.
/// </summary>
public sealed class SettingsVersions(NpgsqlDataSource dataSource, SettingsDefaults defaults, TimeProvider time)
{
    public static string ETag(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <returns>The section's new version.</returns>
    /// <exception cref="PreconditionFailedException">The request's <c>If-Match</c> is not the section's current version.</exception>
    public async Task<long> AppendAsync(string section, object value, string? ifMatch, Guid changedBy, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var lockSection = connection.Sql("select pg_advisory_xact_lock(hashtextextended('settings_versions:' || $1, 0))").With(section))
        {
            await lockSection.ExecuteNonQueryAsync(ct);
        }

        long current = 0;
        string? before = null;
        await using (var latest = connection.Sql("select id, value::text from settings_versions where section = $1 order by id desc limit 1").With(section))
        await using (var reader = await latest.ExecuteReaderAsync(ct))
        {
            if (await reader.ReadAsync(ct))
            {
                current = reader.GetInt64(0);
                before = reader.GetString(1);
            }
        }

        CheckIfMatch(ifMatch, current);
        await using var insert = connection.Sql("""
            insert into settings_versions (section, value, before, changed_by, changed_at) values ($1, $2, $3, $4, $5) returning id
            """)
            .With(section).WithJson(SettingsJson.Serialize(value)).WithJson(before ?? SettingsJson.Serialize(defaults.For(section)))
            .With(changedBy).With(time.GetUtcNow());
        var version = (long)(await insert.ExecuteScalarAsync(ct))!;
        await tx.CommitAsync(ct);
        return version;
    }

    private static void CheckIfMatch(string? header, long current)
    {
        if (string.IsNullOrWhiteSpace(header) || header.Trim() == "*")
        {
            return;
        }

        var text = header.Trim();
        text = text.StartsWith("W/", StringComparison.Ordinal) ? text[2..] : text;
        if (!long.TryParse(text.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var expected) || expected != current)
        {
            throw new PreconditionFailedException(expected, current);
        }
    }
}
