using System.Globalization;
using Npgsql;
using Ticketing.Application.Errors;
using Ticketing.Application.Persistence;

namespace Ticketing.Application.Admin.Settings;

/// <summary>
/// Appends a section's new version: serialised per section by an advisory lock, checked against <c>If-Match</c>,
/// with what was in force before, in one transaction. Rows are never updated or deleted.
/// </summary>
public sealed class SettingsVersions(NpgsqlDataSource dataSource, TimeProvider time)
{
    public static string ETag(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>
    /// <see cref="SettingsChangeRequest.Apply"/> writes whatever else the change consists of in the same transaction (an
    /// email template's row) or refuses it by throwing (nothing is written), and answers whether anything changed; if not,
    /// nothing is recorded and the current version is returned.
    /// </summary>
    /// <exception cref="PreconditionFailedException">The change's <c>If-Match</c> is not the section's current version.</exception>
    public async Task<long> AppendAsync(SettingsChangeRequest change, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var lockSection = connection.Sql("select pg_advisory_xact_lock(hashtextextended('settings_versions:' || $1, 0))").With(change.Section))
        {
            await lockSection.ExecuteNonQueryAsync(ct);
        }

        long current = 0;
        string? before = null;
        await using (var latest = connection.Sql("select id, value::text from settings_versions where section = $1 order by id desc limit 1").With(change.Section))
        await using (var reader = await latest.ExecuteReaderAsync(ct))
        {
            if (await reader.ReadAsync(ct))
            {
                current = reader.GetInt64(0);
                before = reader.GetString(1);
            }
        }

        CheckIfMatch(change.IfMatch, current);
        before ??= await change.FirstBefore(connection, ct);
        if (!await change.Apply(connection, before, ct))
        {
            return current;
        }

        await using var insert = connection.Sql("""
            insert into settings_versions (section, value, before, changed_by, changed_at) values ($1, $2, $3, $4, $5) returning id
            """)
            .With(change.Section).WithJson(change.ValueJson).WithJson(before).With(change.ChangedBy).With(time.GetUtcNow());
        var version = (long)(await insert.ExecuteScalarAsync(ct))!;
        await tx.CommitAsync(ct);
        return version;
    }

    /// <summary>The latest version of a section, 0 while it has none.</summary>
    public static async Task<long> VersionAsync(NpgsqlConnection connection, string section, CancellationToken ct)
    {
        await using var query = connection.Sql("select coalesce(max(id), 0) from settings_versions where section = $1").With(section);
        return (long)(await query.ExecuteScalarAsync(ct))!;
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

/// <summary>One change of a section for <see cref="SettingsVersions.AppendAsync(SettingsChangeRequest, CancellationToken)"/>.</summary>
/// <param name="FirstBefore">What was in force before the section's first recorded change.</param>
/// <param name="Apply">Other writes of the change, given the value before it; false when the change changes nothing.</param>
public sealed record SettingsChangeRequest(
    string Section,
    string ValueJson,
    string? IfMatch,
    Guid ChangedBy,
    Func<NpgsqlConnection, CancellationToken, Task<string>> FirstBefore,
    Func<NpgsqlConnection, string, CancellationToken, Task<bool>> Apply);
