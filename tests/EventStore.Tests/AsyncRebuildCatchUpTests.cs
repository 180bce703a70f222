using Npgsql;
using Ticketing.Application.EventSourcing;
using static Ticketing.EventStore.Tests.AsyncProjectionSteps;

namespace Ticketing.EventStore.Tests;

/// <summary>
/// An async rebuild replays only below the cluster's oldest open transaction. It must not stop early and call that
/// success: it waits for the log's end as of its start, or says how many events it could not replay yet.
/// </summary>
public sealed class AsyncRebuildCatchUpTests
{
    [Fact]
    public async Task A_rebuild_held_back_by_an_open_transaction_reports_the_events_it_could_not_replay()
    {
        await using var database = await DatabaseAsync();
        await using var cli = await TestNode.StartAsync(database.ConnectionString, runAsyncProjections: false);
        await OpenTicketsAsync(cli.Store, 3);
        await using var open = await OpenTransactionWithAnEventAsync(database);
        await OpenTicketsAsync(cli.Store, 4);

        var result = await cli.Admin.RebuildAsync(Name, catchUpTimeout: TimeSpan.FromMilliseconds(300));

        // Other test classes share the cluster, so their transactions may hold back a little more, never less.
        result.ReplayedHere.ShouldBeTrue();
        result.NotYetReplayed.ShouldBeGreaterThanOrEqualTo(4);
        (result.EventsReplayed + result.NotYetReplayed).ShouldBe(7);
    }

    [Fact]
    public async Task A_rebuild_waits_until_the_open_transaction_ends_and_then_replays_everything()
    {
        await using var database = await DatabaseAsync();
        await using var cli = await TestNode.StartAsync(database.ConnectionString, runAsyncProjections: false);
        await OpenTicketsAsync(cli.Store, 3);
        await using var open = await OpenTransactionWithAnEventAsync(database);
        await OpenTicketsAsync(cli.Store, 4);

        var rebuild = cli.Admin.RebuildAsync(Name, catchUpTimeout: TimeSpan.FromSeconds(30));
        await Task.Delay(400);
        rebuild.IsCompleted.ShouldBeFalse();
        await open.CommitAsync();

        var result = await rebuild;
        result.NotYetReplayed.ShouldBe(0);
        result.EventsReplayed.ShouldBe(8);
        await ShouldBeProjectedExactlyOnceAsync(database, cli.Admin);
    }

    private static async Task<OpenTransaction> OpenTransactionWithAnEventAsync(EventStoreDatabase database)
    {
        var connection = await database.DataSource.OpenConnectionAsync();
        var tx = await connection.BeginTransactionAsync();
        await RawAppend.OpenTicketAsync(connection, Guid.CreateVersion7(), "late");
        return new OpenTransaction(connection, tx);
    }

    private sealed class OpenTransaction(NpgsqlConnection connection, NpgsqlTransaction tx) : IAsyncDisposable
    {
        public Task CommitAsync() => tx.CommitAsync();

        public async ValueTask DisposeAsync()
        {
            await tx.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
