using Ticketing.Application.EventSourcing;

namespace Ticketing.EventStore.Tests;

public sealed class ConcurrencyTests(EventStoreDatabase database) : IClassFixture<EventStoreDatabase>, IAsyncLifetime
{
    private TestNode node = null!;

    private IEventStore Store => node.Store;

    public async Task InitializeAsync()
    {
        await database.ExecuteAsync(TicketTitleProjection.Schema);
        node = await TestNode.StartAsync(database.ConnectionString, runAsyncProjections: false);
    }

    public async Task DisposeAsync() => await node.DisposeAsync();

    [Fact]
    public async Task Of_32_appenders_at_the_same_expected_version_one_wins_and_31_get_a_concurrency_exception()
    {
        var ticket = await OpenTicketAsync();
        using var start = new ManualResetEventSlim();
        var attempts = Enumerable.Range(0, 32).Select(i => Task.Run(async () =>
        {
            start.Wait();
            try
            {
                await Store.AppendAsync(TestEvents.Append(ticket, ExpectedVersion.Exactly(1), new TicketRenamed(ticket, $"r{i}")), default);
                return (ConcurrencyException?)null;
            }
            catch (ConcurrencyException e)
            {
                return e;
            }
        })).ToArray();
        start.Set();
        var outcomes = await Task.WhenAll(attempts);

        outcomes.Count(o => o is null).ShouldBe(1);
        outcomes.Where(o => o is not null).ShouldAllBe(o => o!.StreamId == ticket && o.Actual == 2 && o.Expected == ExpectedVersion.Exactly(1));
        (await Store.ReadStreamAsync(ticket, default)).Events.Select(e => e.Version).ShouldBe([1L, 2L]);
    }

    [Fact]
    public async Task Thirty_two_retrying_appenders_lose_and_duplicate_no_version()
    {
        var ticket = await OpenTicketAsync();
        var conflicts = 0;
        var written = await Task.WhenAll(Enumerable.Range(0, 32).Select(i => Task.Run(async () =>
        {
            var pending = TestEvents.Event(new TicketRenamed(ticket, $"r{i}"));
            while (true)
            {
                var current = await Store.ReadStreamAsync(ticket, default);
                try
                {
                    await Store.AppendAsync(new StreamAppend(ticket, "ticket", ExpectedVersion.Exactly(current.Version), [pending]), default);
                    return pending.EventId;
                }
                catch (ConcurrencyException)
                {
                    Interlocked.Increment(ref conflicts);
                }
            }
        })));

        var stream = await Store.ReadStreamAsync(ticket, default);
        stream.Version.ShouldBe(33);
        stream.Events.Select(e => e.Version).ShouldBe(Enumerable.Range(1, 33).Select(v => (long)v));
        stream.Events.Skip(1).Select(e => e.EventId).Order().ShouldBe(written.Order());
        conflicts.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Creating_a_stream_twice_with_no_stream_fails_the_second_time()
    {
        var ticket = await OpenTicketAsync();
        var conflict = await Should.ThrowAsync<ConcurrencyException>(() =>
            Store.AppendAsync(TestEvents.Append(ticket, ExpectedVersion.NoStream, new TicketOpened(ticket, "again")), default));
        conflict.Actual.ShouldBe(1);
        (await Store.ReadStreamAsync(ticket, default)).Version.ShouldBe(1);
    }

    [Fact]
    public async Task A_multi_stream_append_writes_every_stream_or_none()
    {
        var first = await OpenTicketAsync();
        var second = await OpenTicketAsync();

        foreach (var firstExpected in new[] { ExpectedVersion.Exactly(1), ExpectedVersion.Any })
        {
            var conflict = await Should.ThrowAsync<ConcurrencyException>(() => Store.AppendAsync(
                [
                    TestEvents.Append(first, firstExpected, new TicketRenamed(first, "copy deleted")),
                    TestEvents.Append(second, ExpectedVersion.Exactly(5), new TicketRenamed(second, "copy deleted")),
                ],
                default));
            conflict.StreamId.ShouldBe(second);
            conflict.Actual.ShouldBe(1);
            (await Store.ReadStreamAsync(first, default)).Version.ShouldBe(1);
        }

        var results = await Store.AppendAsync(
            [
                TestEvents.Append(second, ExpectedVersion.Exactly(1), new TicketRenamed(second, "deleted")),
                TestEvents.Append(first, ExpectedVersion.Any, new TicketRenamed(first, "deleted")),
            ],
            default);
        results.ShouldBe([new AppendResult(second, 2), new AppendResult(first, 2)]);
    }

    private async Task<Guid> OpenTicketAsync()
    {
        var ticket = Guid.CreateVersion7();
        await Store.AppendAsync(TestEvents.Append(ticket, ExpectedVersion.NoStream, new TicketOpened(ticket, "opened")), default);
        return ticket;
    }
}
