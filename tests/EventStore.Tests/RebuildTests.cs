using Ticketing.Application.EventSourcing;
using Ticketing.EventStore.Projections;
using static Ticketing.EventStore.Tests.AsyncProjectionSteps;

namespace Ticketing.EventStore.Tests;

public sealed class RebuildTests
{
    [Fact]
    public async Task A_rebuild_without_a_live_runner_replays_the_log_into_the_same_read_model()
    {
        await using var database = await DatabaseAsync();
        string live;
        await using (var node = await TestNode.StartAsync(database.ConnectionString, runAsyncProjections: true))
        {
            await AppendHistoryAsync(node.Store);
            await WaitUntilSeenAsync(database, 30);
            live = await SnapshotAsync(database);
        }

        await using var cli = await TestNode.StartAsync(database.ConnectionString, runAsyncProjections: false, o => o.RebuildBatchSize = 7);
        var result = await cli.Admin.RebuildAsync(Name);

        result.ShouldBe(new RebuildResult(Name, ReplayedHere: true, EventsReplayed: 30));
        (await SnapshotAsync(database)).ShouldBe(live);
        await ShouldBeProjectedExactlyOnceAsync(database, cli.Admin);
        (await cli.Admin.ListAsync()).ShouldHaveSingleItem().Checkpoint.ShouldBe((await cli.Admin.GetStatusAsync(Name)).Checkpoint);
    }

    [Fact]
    public async Task A_rebuild_while_a_runner_holds_the_lock_resets_and_the_runner_replays()
    {
        await using var database = await DatabaseAsync();
        await using var node = await TestNode.StartAsync(database.ConnectionString, runAsyncProjections: true);
        await AppendHistoryAsync(node.Store);
        await WaitUntilSeenAsync(database, 30);
        var live = await SnapshotAsync(database);
        await Eventually.HoldsAsync(async () => (await node.Admin.GetStatusAsync(Name)).HeldByThisNode, "the runner holds the lock");

        var result = await node.Admin.RebuildAsync(Name);

        result.ReplayedHere.ShouldBeFalse();
        await WaitUntilSeenAsync(database, 30);
        (await SnapshotAsync(database)).ShouldBe(live);
        await ShouldBeProjectedExactlyOnceAsync(database, node.Admin);
    }

    private static async Task AppendHistoryAsync(IEventStore store)
    {
        var tickets = await OpenTicketsAsync(store, 10);
        foreach (var ticket in tickets)
        {
            await store.AppendAsync(
                TestEvents.Append(ticket, ExpectedVersion.Exactly(1), new TicketRenamed(ticket, "x"), new TicketRenamed(ticket, "y")), default);
        }
    }
}
