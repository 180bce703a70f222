using Microsoft.Extensions.Time.Testing;
using Ticketing.Application.EventSourcing;

namespace Ticketing.EventStore.Tests;

public sealed class AppendAndReadTests(EventStoreDatabase database) : IClassFixture<EventStoreDatabase>, IAsyncLifetime
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero).AddTicks(1234567));
    private TestNode node = null!;

    private IEventStore Store => node.Store;

    public async Task InitializeAsync()
    {
        await database.ExecuteAsync(TicketTitleProjection.Schema);
        node = await TestNode.StartAsync(database.ConnectionString, runAsyncProjections: false, time: time);
    }

    public async Task DisposeAsync() => await node.DisposeAsync();

    [Fact]
    public async Task Appended_events_read_back_with_data_metadata_versions_and_instants()
    {
        var ticket = Guid.CreateVersion7();
        var opened = TestEvents.Event(new TicketOpened(ticket, "Printer on fire"));
        var renamed = new PendingEvent(Guid.CreateVersion7(), new TicketRenamed(ticket, "Printer smoking"), TestEvents.Metadata(causation: opened.EventId));
        var t0 = time.GetUtcNow();

        (await Store.AppendAsync(new StreamAppend(ticket, "ticket", ExpectedVersion.NoStream, [opened]), default)).NewVersion.ShouldBe(1);
        time.Advance(TimeSpan.FromMinutes(5));
        (await Store.AppendAsync(new StreamAppend(ticket, "ticket", ExpectedVersion.Exactly(1), [renamed]), default)).NewVersion.ShouldBe(2);

        var stream = await Store.ReadStreamAsync(ticket, default);
        stream.StreamType.ShouldBe("ticket");
        stream.Version.ShouldBe(2);
        stream.Events.Select(e => e.Version).ShouldBe([1L, 2L]);
        stream.Events.Select(e => e.EventId).ShouldBe([opened.EventId, renamed.EventId]);
        stream.Events.Select(e => e.Data).ShouldBe([opened.Data, renamed.Data]);
        stream.Events.Select(e => e.Metadata).ShouldBe([opened.Metadata, renamed.Metadata]);
        stream.Events.Select(e => e.Type).ShouldBe(["ticket-opened", "ticket-renamed"]);
        stream.Events[1].Metadata.CausationId.ShouldBe(opened.EventId);
        stream.Events[0].RecordedAt.ShouldBe(EventRowsPrecision(t0));
        stream.Events[1].RecordedAt.ShouldBe(EventRowsPrecision(t0.AddMinutes(5)));
        stream.Events[1].Sequence.ShouldBeGreaterThan(stream.Events[0].Sequence);
    }

    [Fact]
    public async Task Reads_up_to_a_version_or_an_instant_give_the_state_at_that_point()
    {
        var ticket = Guid.CreateVersion7();
        var t0 = time.GetUtcNow();
        await Store.AppendAsync(TestEvents.Append(ticket, ExpectedVersion.NoStream, new TicketOpened(ticket, "a"), new TicketRenamed(ticket, "b")), default);
        time.Advance(TimeSpan.FromHours(1));
        await Store.AppendAsync(TestEvents.Append(ticket, ExpectedVersion.Exactly(2), new TicketRenamed(ticket, "c")), default);

        var upToVersion = await Store.ReadStreamAsync(ticket, toVersion: 2, default);
        upToVersion.Version.ShouldBe(2);
        upToVersion.Events.Select(e => TitleOf(e.Data)).ShouldBe(["a", "b"]);

        var asOfFirstAppend = await Store.ReadStreamAsync(ticket, t0.AddMinutes(59), default);
        asOfFirstAppend.Version.ShouldBe(2);
        (await Store.ReadStreamAsync(ticket, t0.AddHours(1), default)).Version.ShouldBe(3);

        var beforeCreation = await Store.ReadStreamAsync(ticket, t0.AddTicks(-10), default);
        beforeCreation.Exists.ShouldBeFalse();
        beforeCreation.StreamType.ShouldBe("ticket");
        beforeCreation.Events.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_missing_stream_reads_as_empty_without_type()
    {
        var stream = await Store.ReadStreamAsync(Guid.CreateVersion7(), default);
        stream.Exists.ShouldBeFalse();
        stream.StreamType.ShouldBeNull();
        stream.Version.ShouldBe(0);
    }

    [Fact]
    public async Task Any_creates_a_stream_and_then_appends_after_whatever_is_there()
    {
        var ticket = Guid.CreateVersion7();
        (await Store.AppendAsync(TestEvents.Append(ticket, ExpectedVersion.Any, new TicketOpened(ticket, "a")), default)).NewVersion.ShouldBe(1);
        (await Store.AppendAsync(TestEvents.Append(ticket, ExpectedVersion.Any, new TicketRenamed(ticket, "b"), new TicketRenamed(ticket, "c")), default))
            .NewVersion.ShouldBe(3);
        (await Store.ReadStreamAsync(ticket, default)).Events.Select(e => e.Version).ShouldBe([1L, 2L, 3L]);
    }

    [Fact]
    public async Task The_global_log_reads_in_sequence_order_in_batches()
    {
        var ticket = Guid.CreateVersion7();
        await Store.AppendAsync(TestEvents.Append(ticket, ExpectedVersion.NoStream, [.. Enumerable.Range(0, 5).Select(i => new TicketRenamed(ticket, $"t{i}"))]), default);

        var batches = new List<IReadOnlyList<RecordedEvent>>();
        await foreach (var batch in Store.ReadAllAsync(0, batchSize: 2, default))
        {
            batches.Add(batch);
        }

        batches.ShouldAllBe(b => b.Count <= 2);
        var all = batches.SelectMany(b => b).ToList();
        all.Select(e => e.Sequence).ShouldBe(all.Select(e => e.Sequence).Order());
        all.Where(e => e.StreamId == ticket).Select(e => e.Version).ShouldBe([1L, 2L, 3L, 4L, 5L]);
    }

    private static string? TitleOf(object data) => data switch
    {
        TicketOpened e => e.Title,
        TicketRenamed e => e.Title,
        _ => null,
    };

    private static DateTimeOffset EventRowsPrecision(DateTimeOffset instant) => new(instant.UtcTicks - (instant.UtcTicks % 10), TimeSpan.Zero);
}
