using System.Text.Json;
using Ticketing.EventStore.Serialization;

namespace Ticketing.EventStore.Tests;

public sealed class UpcastingTests(EventStoreDatabase database) : IClassFixture<EventStoreDatabase>, IAsyncLifetime
{
    private TestNode node = null!;

    public async Task InitializeAsync() => node = await TestNode.StartAsync(database.ConnectionString, runAsyncProjections: false);

    public async Task DisposeAsync() => await node.DisposeAsync();

    [Fact]
    public async Task An_event_stored_in_an_old_shape_is_read_as_the_new_type()
    {
        var ticket = Guid.CreateVersion7();
        await using (var connection = await database.DataSource.OpenConnectionAsync())
        {
            await RawAppend.AppendAsync(connection, ticket, "ticket-titled-v1", $$"""{"ticketId":"{{ticket}}","title":"Old shape"}""");
        }

        var recorded = (await node.Store.ReadStreamAsync(ticket, default)).Events.ShouldHaveSingleItem();
        recorded.Data.ShouldBe(new TicketTitled(ticket, "Old shape", "legacy"));
        recorded.Type.ShouldBe("ticket-titled-v2");
    }

    [Fact]
    public async Task An_event_stored_under_a_renamed_alias_is_read_as_its_current_type()
    {
        var ticket = Guid.CreateVersion7();
        await using (var connection = await database.DataSource.OpenConnectionAsync())
        {
            await RawAppend.AppendAsync(connection, ticket, "ticket-title-changed", $$"""{"ticketId":"{{ticket}}","title":"Renamed"}""");
        }

        var recorded = (await node.Store.ReadStreamAsync(ticket, default)).Events.ShouldHaveSingleItem();
        recorded.Data.ShouldBe(new TicketRenamed(ticket, "Renamed"));
        recorded.Type.ShouldBe("ticket-renamed");
    }

    [Fact]
    public void The_registry_refuses_ambiguous_or_unknown_aliases()
    {
        var registry = new EventTypeRegistry();
        TestEvents.Register(registry);

        Should.Throw<InvalidOperationException>(() => registry.Register("ticket-opened", TestEventsJsonContext.Default.TicketRenamed));
        Should.Throw<InvalidOperationException>(() => registry.Upcast("ticket-opened", "ticket-renamed", n => n));
        Should.Throw<InvalidOperationException>(() => registry.Deserialize("never-registered", "{}"));
        Should.Throw<InvalidOperationException>(() => registry.Serialize(new object()));
        registry.Serialize(new TicketOpened(Guid.Empty, "x")).ShouldBe(
            ("ticket-opened", JsonSerializer.Serialize(new TicketOpened(Guid.Empty, "x"), TestEventsJsonContext.Default.TicketOpened)));
    }
}
