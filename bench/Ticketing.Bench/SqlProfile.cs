using System.Globalization;
using System.Text;
using Npgsql;

namespace Ticketing.Bench;

/// <summary>
/// <c>--sql-profile</c>: the server's own statement statistics (<c>pg_stat_statements</c>) over a measured phase, written
/// to a file of its own beside the results (<c>sql-profile.md</c> for the first reply phase, <c>sql-profile-create.md</c>
/// for the create phase): which statements a request costs, how often, and how long each takes in
/// the server. It is evidence for where a command's time goes; it is off by default because it is not the API's setting.
/// </summary>
public static class SqlProfile
{
    public static readonly IReadOnlyDictionary<string, string> ServerSettings = new Dictionary<string, string>
    {
        ["shared_preload_libraries"] = "pg_stat_statements",
        ["pg_stat_statements.track"] = "all",
    };

    public static async Task ResetAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("create extension if not exists pg_stat_statements; select pg_stat_statements_reset();", connection);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task WriteAsync(string connectionString, string phase, long requests, string folder, string file = "sql-profile.md")
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            select calls, total_exec_time, mean_exec_time, rows, regexp_replace(query, '\s+', ' ', 'g')
            from pg_stat_statements s join pg_database d on d.oid = s.dbid
            where d.datname = current_database()
            order by total_exec_time desc limit 40
            """, connection);
        var md = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"# SQL profile: {phase}").AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"{requests:N0} requests; pg_stat_statements over the phase, top 40 by total server time.").AppendLine()
            .AppendLine("| calls | calls/request | total ms | mean ms | rows | statement |")
            .AppendLine("| ---: | ---: | ---: | ---: | ---: | --- |");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var calls = reader.GetInt64(0);
            var query = reader.GetString(4);
            query = (query.Length > 160 ? query[..160] + "…" : query).Replace("|", "\\|", StringComparison.Ordinal);
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {calls:N0} | {(double)calls / Math.Max(1, requests):0.##} | {reader.GetDouble(1):N0} | {reader.GetDouble(2):0.###} | {reader.GetInt64(3):N0} | `{query}` |");
        }

        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, file), md.ToString());
        Console.WriteLine($"SQL profile of {phase} written to {Path.Combine(folder, file)}");
    }
}
