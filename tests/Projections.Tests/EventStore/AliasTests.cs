using Ticketing.Domain.Tickets;
using Ticketing.Projections.Tickets;

namespace Ticketing.Projections.Tests.EventStore;

/// <summary>
/// The log outlives our class names: each ticket event is stored under the alias <see cref="TicketEventTypes"/> gives
/// it, never under a name Marten derives from the CLR type, and ticket streams under their stream type.
/// </summary>
public sealed class AliasTests : IAsyncLifetime
{
    private readonly ReadModelDatabase db = new();

    public Task InitializeAsync() => db.InitializeAsync();

    public Task DisposeAsync() => db.DisposeAsync();

    [Fact]
    public void Every_concrete_ticket_event_type_has_exactly_one_alias()
    {
        var eventTypes = typeof(TicketEvent).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(TicketEvent)) && !t.IsAbstract).OrderBy(t => t.Name).ToList();

        TicketEventTypes.All.Select(a => a.Type).OrderBy(t => t.Name).ShouldBe(eventTypes);
        TicketEventTypes.All.Select(a => a.Alias).Distinct().Count().ShouldBe(eventTypes.Count);
        TicketEventTypes.All.ShouldAllBe(a => a.Alias.StartsWith("ticket.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Each_stored_ticket_event_type_is_its_alias_and_the_stream_type_is_ticket()
    {
        var events = TicketEventJsonTests.Events().Select(row => (TicketEvent)row[0]).ToArray();
        var aliases = TicketEventJsonTests.Events().Select(row => (string)row[1]).ToArray();

        await db.AppendAsync(events);

        var stored = await db.ScalarAsync<string[]>("select array_agg(type order by version) from mt_events");
        stored.ShouldBe(aliases);
        stored.ShouldBe(TicketEventTypes.All.Select(a => a.Alias).ToArray(), ignoreOrder: true);
        stored.ShouldAllBe(type => !type.Contains("Ticketing", StringComparison.Ordinal) && type == type.ToLowerInvariant());
        (await db.ScalarAsync<string[]>("select array_agg(type) from mt_streams")).ShouldBe([TicketEventTypes.StreamType]);
    }
}
