using System.Diagnostics;
using System.Text.Json;
using Npgsql;
using Ticketing.Api.Hosting;
using Ticketing.TestInfrastructure;

namespace Ticketing.Api.Tests.Email;

/// <summary>
/// A database of its own in the shape of the release before mail moved to Wolverine: our numbered migrations up to
/// 0900 (0910 brought <c>mail_secrets</c>), no Wolverine tables, <c>mail_outbox</c> with the rows its writers left.
/// </summary>
internal sealed class PreWolverineDatabase
{
    private const string FirstWolverineMigration = "0910";
    private static readonly DateTimeOffset Queued = DateTimeOffset.UtcNow.AddMinutes(-10);

    private PreWolverineDatabase(string connectionString) => ConnectionString = connectionString;

    public string ConnectionString { get; }

    public static async Task<PreWolverineDatabase> CreateAsync()
    {
        var name = $"handover_{Environment.ProcessId}_{Guid.NewGuid():N}";
        await using (var server = new NpgsqlConnection(await TestCluster.ServerConnectionStringAsync()))
        {
            await server.OpenAsync();
            await using var create = new NpgsqlCommand($"create database {name}", server);
            await create.ExecuteNonQueryAsync();
        }

        var database = new PreWolverineDatabase(await TestCluster.ServerConnectionStringAsync(name));
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, "create table schema_migrations (id text primary key, applied_at timestamptz not null default now())");
        foreach (var (id, sql) in Migrations().Where(m => string.CompareOrdinal(m.Id, FirstWolverineMigration) < 0))
        {
            await ExecuteAsync(connection, sql);
            await ExecuteAsync(connection, "insert into schema_migrations (id) values ($1)", id);
        }

        (await ScalarAsync(connection, "select to_regclass('wolverine_incoming_envelopes') is null")).ShouldBe(true);
        return database;
    }

    /// <summary>Waits until <paramref name="count"/> sessions wait for the lock on <c>mail_outbox</c> (or the start fails).</summary>
    public async Task WaitForHandoversWaitingAsync(int count, Task starting)
    {
        var clock = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        while (!starting.IsCompleted)
        {
            var waiting = (long)(await ScalarAsync(connection, """
                select count(*) from pg_locks where relation = 'mail_outbox'::regclass and mode = 'AccessExclusiveLock' and not granted
                """))!;
            if (waiting >= count)
            {
                return;
            }

            clock.Elapsed.ShouldBeLessThan(TimeSpan.FromMinutes(2), $"{waiting} of {count} handovers wait for the table lock");
            await Task.Delay(50);
        }

        await starting; // a start that failed, or one that did not wait for the lock
        throw new ShouldAssertException("The nodes started without waiting for the lock on mail_outbox.");
    }

    /// <summary>A mail rendered at delivery from its template values (welcome, notifications), as the old writers queued it.</summary>
    public async Task<Guid> QueueAsync(
        string kind, string recipient, string language, Dictionary<string, string?> values, string? idempotencyKey = null,
        int attempts = 0, string status = "pending")
    {
        var id = Guid.CreateVersion7();
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, """
            insert into mail_outbox (id, kind, recipient, language, template_values, idempotency_key, created_at, next_attempt_at,
                                     attempts, status, sent_at)
            values ($1, $2, $3, $4, $5::jsonb, $6, $7, $7, $8, $9, case when $9 = 'sent' then $7 end)
            """, id, kind, recipient, language, JsonSerializer.Serialize(values), (object?)idempotencyKey ?? DBNull.Value, Queued, attempts, status);
        return id;
    }

    /// <summary>A mail rendered when it was queued (the reset code in its body), as the old reset flow queued it.</summary>
    public async Task<Guid> QueueRenderedAsync(string kind, string recipient, string subject, string text, string html, string status = "pending")
    {
        var id = Guid.CreateVersion7();
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, """
            insert into mail_outbox (id, kind, recipient, language, subject, body_text, body_html, created_at, next_attempt_at, status,
                                     attempts)
            values ($1, $2, $3, 'en', $4, $5, $6, $7, $7, $8, case when $8 = 'failed' then 8 else 0 end)
            """, id, kind, recipient, subject, text, html, Queued, status);
        return id;
    }

    private static IEnumerable<(string Id, string Sql)> Migrations() =>
        MigrationAssemblies.All
            .SelectMany(assembly => assembly.GetManifestResourceNames()
                .Where(r => r.Contains(".Migrations.", StringComparison.Ordinal) && r.EndsWith(".sql", StringComparison.Ordinal))
                .Select(r =>
                {
                    using var reader = new StreamReader(assembly.GetManifestResourceStream(r)!);
                    var id = r[(r.IndexOf(".Migrations.", StringComparison.Ordinal) + ".Migrations.".Length)..^".sql".Length];
                    return (id, reader.ReadToEnd());
                }))
            .OrderBy(m => m.id, StringComparer.Ordinal);

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
