using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Ticketing.Api.Tests.Infrastructure;
using Ticketing.Projections.Rebuilds;

namespace Ticketing.Api.Tests.Reliability;

/// <summary>
/// The host's read-model tables as ordered text, and a fresh rebuild of them from the event log through the host's own
/// <see cref="ReadModelRebuilder"/> (what <c>projections rebuild NAME</c> and the admin endpoint run), for live-versus-rebuilt
/// comparisons.
/// </summary>
public static class ReadModelRebuild
{
    /// <summary>Every inline read model (tickets and devices): projection name, its tables and each table's full ordering key.</summary>
    public static readonly (string Projection, (string Table, string OrderBy)[] Tables)[] InlineProjections =
    [
        ("ticket_list", [("ticket_list", "id")]),
        ("ticket_details", [("ticket_details", "id"), ("ticket_timeline", "ticket_id, entry_id")]),
        ("portal_tickets", [("portal_tickets", "id")]),
        ("devices", [("devices", "id"), ("device_actions", "id")]),
    ];

    /// <summary>Table name → its rows as text, one line per row in key order.</summary>
    public static async Task<Dictionary<string, string>> SnapshotAsync(ApiFactory api)
    {
        var tables = new Dictionary<string, string>();
        await using var dataSource = NpgsqlDataSource.Create(api.ConnectionString);
        foreach (var (table, orderBy) in InlineProjections.SelectMany(p => p.Tables))
        {
            await using var command = dataSource.CreateCommand(
                $"select coalesce(string_agg(t::text, E'\\n' order by {orderBy}), '') from {table} t");
            tables[table] = (string)(await command.ExecuteScalarAsync())!;
        }

        return tables;
    }

    /// <summary>Rebuilds every inline read model beside the live one and swaps it in; returns the events each replayed.</summary>
    public static async Task<Dictionary<string, long>> RebuildInlineAsync(ApiFactory api)
    {
        var rebuilder = api.Services.GetRequiredService<ReadModelRebuilder>();
        var replayed = new Dictionary<string, long>();
        foreach (var (projection, _) in InlineProjections)
        {
            (await rebuilder.RebuildAsync(projection, null, CancellationToken.None)).ShouldBe(RebuildOutcome.Completed, projection);
            replayed[projection] = (await RebuildStatus.AllAsync(api.Services.GetRequiredService<NpgsqlDataSource>(), CancellationToken.None))[projection].EventsDone;
        }

        return replayed;
    }

    /// <summary>The first differing line of two snapshots of one table, for a failure message that shows the row.</summary>
    public static string FirstDifference(string live, string rebuilt)
    {
        var a = live.Split('\n');
        var b = rebuilt.Split('\n');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var left = i < a.Length ? a[i] : "<none>";
            var right = i < b.Length ? b[i] : "<none>";
            if (left != right)
            {
                return $"row {i}: live {left}\n       rebuilt {right}";
            }
        }

        return "none";
    }
}
