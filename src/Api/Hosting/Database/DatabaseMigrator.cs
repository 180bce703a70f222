using System.Reflection;
using Npgsql;

namespace Ticketing.Api.Hosting.Database;

/// <summary>
/// Applies numbered SQL migrations (embedded resources named <c>*.Migrations.NNNN_title.sql</c>) in
/// name order, each in its own transaction, recording each in <c>schema_migrations</c>. A session-level
/// advisory lock makes nodes that start together wait for each other instead of racing.
/// </summary>
public static class DatabaseMigrator
{
    /// <summary>Arbitrary constant shared by every node; only migrations take this lock.</summary>
    private const long MigrationLockKey = 7_361_205_118_442_001;

    /// <summary>Applies the migrations of <paramref name="assemblies"/>, then <paramref name="thenUnderLock"/> while still holding the lock.</summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(
        NpgsqlDataSource dataSource, IEnumerable<Assembly> assemblies, Func<Task>? thenUnderLock = null, CancellationToken ct = default)
    {
        var migrations = Discover(assemblies);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await ExecuteAsync(connection, $"select pg_advisory_lock({MigrationLockKey})", ct);
        try
        {
            await ExecuteAsync(connection, """
                create table if not exists schema_migrations (
                    id text primary key,
                    applied_at timestamptz not null default now())
                """, ct);
            var applied = await AppliedAsync(connection, ct);
            var newlyApplied = new List<string>();
            foreach (var migration in migrations.Where(m => !applied.Contains(m.Id)))
            {
                await using var tx = await connection.BeginTransactionAsync(ct);
                await ExecuteAsync(connection, migration.Sql, ct);
                await using var record = new NpgsqlCommand("insert into schema_migrations (id) values ($1)", connection)
                {
                    Parameters = { new() { Value = migration.Id } },
                };
                await record.ExecuteNonQueryAsync(ct);
                await tx.CommitAsync(ct);
                newlyApplied.Add(migration.Id);
            }

            if (thenUnderLock is not null)
            {
                await thenUnderLock();
            }

            return newlyApplied;
        }
        finally
        {
            await ExecuteAsync(connection, $"select pg_advisory_unlock({MigrationLockKey})", CancellationToken.None);
        }
    }

    private static List<(string Id, string Sql)> Discover(IEnumerable<Assembly> assemblies)
    {
        var found = new List<(string Id, string Sql)>();
        foreach (var assembly in assemblies.Distinct())
        {
            foreach (var resource in assembly.GetManifestResourceNames())
            {
                var marker = resource.IndexOf(".Migrations.", StringComparison.Ordinal);
                if (marker < 0 || !resource.EndsWith(".sql", StringComparison.Ordinal))
                {
                    continue;
                }

                using var stream = assembly.GetManifestResourceStream(resource)!;
                using var reader = new StreamReader(stream);
                found.Add((resource[(marker + ".Migrations.".Length)..^".sql".Length], reader.ReadToEnd()));
            }
        }

        var duplicate = found.GroupBy(m => m.Id[..4]).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two migrations share the number {duplicate.Key}: {string.Join(", ", duplicate.Select(m => m.Id))}.");
        }

        return [.. found.OrderBy(m => m.Id, StringComparer.Ordinal)];
    }

    private static async Task<HashSet<string>> AppliedAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("select id from schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
