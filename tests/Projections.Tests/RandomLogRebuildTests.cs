using Ticketing.Projections.Rebuilds;
using Ticketing.Projections.Tests.Portal;

namespace Ticketing.Projections.Tests;

/// <summary>
/// Random logs (every ticket event, interleaved streams, tickets created twice or never, values set, cleared and
/// repeated) appended through Marten in random groups, so the read models are written inline; then each read model is
/// rebuilt from the log in random page sizes. Every rebuilt table must equal what the inline path wrote.
/// </summary>
public sealed class RandomLogRebuildTests : IAsyncLifetime
{
    private static readonly (string Table, string OrderBy)[] Tables =
        [("ticket_list", "id"), ("ticket_details", "id"), ("ticket_timeline", "ticket_id, entry_id"), ("portal_tickets", "id")];

    private readonly ReadModelDatabase db = new();

    public Task InitializeAsync() => db.InitializeAsync();

    public Task DisposeAsync() => db.DisposeAsync();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task Every_read_model_rebuilt_from_a_random_log_equals_the_one_written_inline(int seed)
    {
        var random = new Random(seed);
        var log = RandomPortalLog.Generate(random, streams: 16, maxEventsPerStream: 16);
        for (var i = 0; i < log.Count;)
        {
            var group = log.Skip(i).Take(random.Next(1, 5)).ToArray();
            await db.AppendAsync(group);
            i += group.Length;
        }

        var inline = await SnapshotAsync();
        inline.Split("\n").Length.ShouldBeGreaterThan(Tables.Length * 4, "the log must leave rows to compare");

        foreach (var name in ReadModelRebuilder.Names)
        {
            await db.RebuildAsync(random.Next(1, 20), name);
        }

        (await SnapshotAsync()).ShouldBe(inline, $"seed {seed}");
    }

    private async Task<string> SnapshotAsync()
    {
        var parts = new List<string>();
        foreach (var (table, orderBy) in Tables)
        {
            parts.Add($"{table}:\n{await db.SnapshotAsync(table, orderBy)}");
        }

        return string.Join("\n", parts);
    }
}
