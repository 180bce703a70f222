using Npgsql;
using Ticketing.Api.Tests.Infrastructure;

namespace Ticketing.Api.Tests.Reliability;

/// <summary>
/// The event count and an md5 of every table's rows, so a test can show that nothing at all was written. Tables are
/// listed from the catalogue (a table added later is covered), minus <see cref="Excluded"/>.
/// </summary>
public static class DatabaseFingerprint
{
    /// <summary>
    /// <c>projection_checkpoints</c>: the async runner touches its row's timestamp while idle; it is bookkeeping, not
    /// data, and the unchanged event count already proves there was nothing new to project. Wolverine's node tables:
    /// each node registers itself, its agents and its heartbeats there while it runs, whatever the requests. The
    /// envelope tables (incoming, outgoing, dead letters) are data and stay in the fingerprint. The audit checkpoints,
    /// their heads and signing keys (ADR 0024): each node's background job signs what the log already holds, whatever the
    /// requests; the log's own links (<c>event_chain</c>) stay in the fingerprint.
    /// </summary>
    public static readonly string[] Excluded =
        ["projection_checkpoints", "wolverine_nodes", "wolverine_node_assignments", "wolverine_node_records", "wolverine_control_queue", "wolverine_agent_restrictions",
            "audit_checkpoints", "audit_signing_keys"];

    public static async Task<Dictionary<string, string>> TakeAsync(ApiFactory api)
    {
        await using var dataSource = NpgsqlDataSource.Create(api.ConnectionString);
        var tables = new List<string>();
        await using (var list = dataSource.CreateCommand(
            "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1"))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var fingerprint = new Dictionary<string, string>();
        foreach (var table in tables.Except(Excluded))
        {
            await using var command = dataSource.CreateCommand(
                $"select count(*)::text || ' rows, md5 ' || md5(coalesce(string_agg(t::text, E'\\n' order by t::text), '')) from \"{table}\" t");
            fingerprint[table] = (string)(await command.ExecuteScalarAsync())!;
        }

        return fingerprint;
    }
}
