using Ticketing.Application.EventSourcing;
using static Ticketing.EventStore.Tests.AsyncProjectionSteps;

namespace Ticketing.EventStore.Tests;

public sealed class AsyncProjectionTests
{
    [Fact]
    public async Task An_event_committed_late_is_projected_once_after_the_events_that_committed_before_it()
    {
        await using var database = await DatabaseAsync();
        await using var node = await TestNode.StartAsync(database.ConnectionString, runAsyncProjections: true);
        await OpenTicketsAsync(node.Store, 2);
        await WaitUntilSeenAsync(database, 2);

        await using var late = await database.DataSource.OpenConnectionAsync();
        await using var lateTx = await late.BeginTransactionAsync();
        await RawAppend.OpenTicketAsync(late, Guid.CreateVersion7(), "late");
        await OpenTicketsAsync(node.Store, 5);

        // While the late transaction is open, nothing after its tx id is safe to project: delayed, not skipped.
        await Task.Delay(500);
        (await SeenCountAsync(database)).ShouldBe(2);
        (await node.Admin.GetStatusAsync(Name)).Lag.ShouldBe(5);

        await lateTx.CommitAsync();
        await WaitUntilSeenAsync(database, 8);
        await ShouldBeProjectedExactlyOnceAsync(database, node.Admin);
    }

    [Fact]
    public async Task A_lower_sequence_committed_after_a_higher_one_is_still_projected_exactly_once()
    {
        await using var database = await DatabaseAsync();
        await using var node = await TestNode.StartAsync(database.ConnectionString, runAsyncProjections: true);
        var (streamA, streamB) = (Guid.CreateVersion7(), Guid.CreateVersion7());

        await using var a = await database.DataSource.OpenConnectionAsync();
        await using var txA = await a.BeginTransactionAsync();
        await using (var takeId = new Npgsql.NpgsqlCommand("select pg_current_xact_id()", a))
        {
            await takeId.ExecuteScalarAsync();
        }

        await using var b = await database.DataSource.OpenConnectionAsync();
        await using var txB = await b.BeginTransactionAsync();
        await RawAppend.OpenTicketAsync(b, streamB, "B: lower seq, higher tx id");
        await RawAppend.OpenTicketAsync(a, streamA, "A: higher seq, lower tx id");
        await txA.CommitAsync();

        await Eventually.HoldsAsync(
            async () => await database.ScalarAsync<long>($"select count(*) from seen_events where stream_id = '{streamA}'") == 1,
            "A's event is projected while B is still open");
        (await database.ScalarAsync<long>($"select count(*) from seen_events where stream_id = '{streamB}'")).ShouldBe(0);

        await txB.CommitAsync();

        (await database.ScalarAsync<bool>($"""
            select (select seq from events where stream_id = '{streamB}') < (select seq from events where stream_id = '{streamA}')
            """)).ShouldBeTrue("B drew the lower sequence number, so a seq-only cursor would skip it");

        await WaitUntilSeenAsync(database, 2);
        await ShouldBeProjectedExactlyOnceAsync(database, node.Admin);
    }

    [Fact]
    public async Task Of_two_runners_one_projects_and_the_other_takes_over_when_the_holder_dies()
    {
        await using var database = await DatabaseAsync();
        await using var first = await TestNode.StartAsync(database.ConnectionString, runAsyncProjections: true);
        await using var second = await TestNode.StartAsync(database.ConnectionString, runAsyncProjections: true);
        await OpenTicketsAsync(first.Store, 10);
        await OpenTicketsAsync(second.Store, 10);
        await WaitUntilSeenAsync(database, 20);

        var holders = new[] { first, second };
        var holdsLock = await Task.WhenAll(holders.Select(async n => (await n.Admin.GetStatusAsync(Name)).HeldByThisNode));
        holdsLock.Count(held => held).ShouldBe(1);
        var (holder, survivor) = holdsLock[0] ? (first, second) : (second, first);

        // The holder "dies": its lock connection is killed and it never comes back.
        var pid = (await holder.Admin.GetStatusAsync(Name)).LockHolderPid.ShouldNotBeNull();
        (await database.ScalarAsync<bool>($"select pg_terminate_backend({pid})")).ShouldBeTrue();
        await holder.StopAsync();

        await Eventually.HoldsAsync(async () => (await survivor.Admin.GetStatusAsync(Name)).HeldByThisNode, "the survivor holds the lock", TimeSpan.FromSeconds(10));
        await OpenTicketsAsync(survivor.Store, 10);
        await WaitUntilSeenAsync(database, 30);
        await ShouldBeProjectedExactlyOnceAsync(database, survivor.Admin);
        (await survivor.Admin.GetStatusAsync(Name)).LockHolderPid.ShouldNotBe(pid);
    }

    [Fact]
    public async Task A_poison_event_is_dead_lettered_and_the_projection_moves_on()
    {
        await using var database = await DatabaseAsync();
        await using var node = await TestNode.StartAsync(database.ConnectionString, runAsyncProjections: true);
        var ticket = Guid.CreateVersion7();
        await node.Store.AppendAsync(
            TestEvents.Append(ticket, ExpectedVersion.NoStream, new TicketOpened(ticket, "a"), new PoisonPill(ticket), new TicketRenamed(ticket, "b")), default);
        await OpenTicketsAsync(node.Store, 3);

        await WaitUntilSeenAsync(database, 5);
        var poisonId = (await node.Store.ReadStreamAsync(ticket, default)).Events[1].EventId;
        (await database.ScalarAsync<Guid>("select event_id from projection_dead_letters where projection = 'seen-events'")).ShouldBe(poisonId);
        (await database.ScalarAsync<string>("select error from projection_dead_letters")).ShouldContain("division by zero");
        (await node.Admin.GetStatusAsync(Name)).DeadLetters.ShouldBe(1);

        await OpenTicketsAsync(node.Store, 2);
        await WaitUntilSeenAsync(database, 7);
        await ShouldBeProjectedExactlyOnceAsync(database, node.Admin, poisonEvents: 1);
    }

    [Fact]
    public async Task Concurrent_appends_to_one_stream_are_projected_in_version_order()
    {
        await using var database = await DatabaseAsync();
        await using var node = await TestNode.StartAsync(database.ConnectionString, runAsyncProjections: true);
        var ticket = Guid.CreateVersion7();
        var other = Guid.CreateVersion7();
        await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            for (var j = 0; j < 5; j++)
            {
                // Multi-stream appends take their xid only after locking every stream, so even Any keeps xid order = version order.
                await node.Store.AppendAsync(
                    [
                        TestEvents.Append(ticket, ExpectedVersion.Any, new TicketRenamed(ticket, $"{i}.{j}")),
                        TestEvents.Append(other, ExpectedVersion.Any, new TicketRenamed(other, $"{i}.{j}")),
                    ],
                    default);
            }
        })));

        await WaitUntilSeenAsync(database, 160);
        (await database.ScalarAsync<long>($"""
            select count(*) from (
                select version < lag(version) over (partition by stream_id order by applied_order) as out_of_order from seen_events) x
            where out_of_order
            """)).ShouldBe(0);
        await ShouldBeProjectedExactlyOnceAsync(database, node.Admin);
    }
}
