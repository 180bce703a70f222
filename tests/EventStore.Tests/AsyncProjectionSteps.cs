using Ticketing.Application.EventSourcing;
using Ticketing.EventStore.Projections;

namespace Ticketing.EventStore.Tests;

/// <summary>Shared steps of the async projection tests; each test gets its own database.</summary>
internal static class AsyncProjectionSteps
{
    public const string Name = "seen-events";

    public static async Task<EventStoreDatabase> DatabaseAsync()
    {
        var database = await EventStoreDatabase.CreateAsync();
        await database.ExecuteAsync(TicketTitleProjection.Schema);
        await database.ExecuteAsync(SeenEventsProjection.Schema);
        return database;
    }

    /// <summary>Appends <paramref name="count"/> single-event streams; returns their ids.</summary>
    public static async Task<Guid[]> OpenTicketsAsync(IEventStore store, int count)
    {
        var tickets = Enumerable.Range(0, count).Select(_ => Guid.CreateVersion7()).ToArray();
        foreach (var ticket in tickets)
        {
            await store.AppendAsync(TestEvents.Append(ticket, ExpectedVersion.NoStream, new TicketOpened(ticket, "t")), default);
        }

        return tickets;
    }

    public static Task<long> SeenCountAsync(EventStoreDatabase database) => database.ScalarAsync<long>("select count(*) from seen_events");

    public static Task WaitUntilSeenAsync(EventStoreDatabase database, long count) =>
        Eventually.HoldsAsync(async () => await SeenCountAsync(database) >= count, $"{count} events are projected");

    /// <summary>Every event in the log was applied exactly once (poison events excepted).</summary>
    public static async Task ShouldBeProjectedExactlyOnceAsync(EventStoreDatabase database, ProjectionAdmin admin, long poisonEvents = 0)
    {
        (await database.ScalarAsync<long>("select count(*) from seen_events where times <> 1")).ShouldBe(0);
        (await database.ScalarAsync<long>("select count(*) from events e where not exists (select 1 from seen_events s where s.event_id = e.id)"))
            .ShouldBe(poisonEvents);
        (await SeenCountAsync(database)).ShouldBe(await database.ScalarAsync<long>("select count(*) from events") - poisonEvents);
        var status = await admin.GetStatusAsync(Name);
        status.Lag.ShouldBe(0);
        status.OldestUnprocessedAge.ShouldBeNull();
    }

    public static async Task<string> SnapshotAsync(EventStoreDatabase database) =>
        await database.ScalarAsync<string>("""
            select coalesce(string_agg(concat_ws('|', event_id, stream_id, version, type, times), ',' order by event_id), '') from seen_events
            """);
}
