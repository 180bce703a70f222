using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;
using Ticketing.Api.Hosting.Database;

namespace Ticketing.Bench;

/// <summary>
/// The physical limit: pgbench inserting one event-sized row per transaction into a table shaped like
/// <c>events</c>, on the same cluster and durability settings as the code under test.
/// </summary>
public static partial class PgbenchBaseline
{
    public static async Task<double> RunAsync(string connectionString, int clients, TimeSpan duration, string pgbenchPath, string workFolder)
    {
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand("""
                drop table if exists bench_events;
                create table bench_events (
                    seq bigint generated always as identity primary key, id uuid not null unique, stream_id uuid not null,
                    version bigint not null, type text not null, data jsonb not null, metadata jsonb not null,
                    recorded_at timestamptz not null default now(), tx_id xid8 not null default pg_current_xact_id(),
                    unique (stream_id, version));
                create index on bench_events (type, seq);
                create index on bench_events (tx_id, seq);
                """, connection);
            await create.ExecuteNonQueryAsync();
        }

        var script = Path.Combine(workFolder, "insert-event.sql");
        await File.WriteAllTextAsync(script, $"""
            insert into bench_events (id, stream_id, version, type, data, metadata) values (gen_random_uuid(), gen_random_uuid(), 1, 'bench.event', '{BenchPayload.EventJson}'::jsonb, '{BenchPayload.MetadataJson}'::jsonb);
            """);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(pgbenchPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList =
            {
                "-h", builder.Host!, "-p", builder.Port.ToString(CultureInfo.InvariantCulture), "-U", builder.Username!,
                "-n", "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", "2",
                "-T", ((int)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture), "-f", script, builder.Database!,
            },
            Environment = { ["PGPASSWORD"] = builder.Password },
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var match = TpsLine().Match(output);
        return match.Success
            ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"pgbench failed ({process.ExitCode}): {errors}{output}");
    }

    /// <summary>pgbench beside the server binaries in use (following a symlinked initdb), else on PATH.</summary>
    public static string Locate()
    {
        var initdb = new FileInfo(Path.Combine(PostgresBinaries.Locate(null), "initdb"));
        var real = initdb.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? initdb.FullName;
        var beside = Path.Combine(Path.GetDirectoryName(real)!, "pgbench");
        return File.Exists(beside) ? beside : "pgbench";
    }

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex TpsLine();
}
