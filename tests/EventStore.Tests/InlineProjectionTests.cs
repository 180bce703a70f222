using Npgsql;
using Ticketing.Application.EventSourcing;

namespace Ticketing.EventStore.Tests;

public sealed class InlineProjectionTests(EventStoreDatabase database) : IClassFixture<EventStoreDatabase>, IAsyncLifetime
{
    private TestNode node = null!;

    private IEventStore Store => node.Store;

    public async Task InitializeAsync()
    {
        await database.ExecuteAsync(TicketTitleProjection.Schema);
        node = await TestNode.StartAsync(database.ConnectionString, runAsyncProjections: false);
    }

    public async Task DisposeAsync() => await node.DisposeAsync();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_read_model_shows_an_append_as_soon_as_it_returns(bool exactVersions)
    {
        var ticket = Guid.CreateVersion7();
        await Store.AppendAsync(TestEvents.Append(ticket, exactVersions ? ExpectedVersion.NoStream : ExpectedVersion.Any, new TicketOpened(ticket, "VPN down")), default);
        (await TitleAsync(ticket)).ShouldBe(("VPN down", 1L));

        await Store.AppendAsync(TestEvents.Append(ticket, exactVersions ? ExpectedVersion.Exactly(1) : ExpectedVersion.Any, new TicketRenamed(ticket, "VPN flaky")), default);
        (await TitleAsync(ticket)).ShouldBe(("VPN flaky", 2L));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_failing_projection_statement_rolls_back_the_append_and_its_other_writes(bool exactVersions)
    {
        var ticket = Guid.CreateVersion7();
        await Store.AppendAsync(TestEvents.Append(ticket, ExpectedVersion.NoStream, new TicketOpened(ticket, "VPN down")), default);

        // The projection upserts the title, then its next statement fails: neither the upsert nor the event may remain.
        await Should.ThrowAsync<PostgresException>(() => Store.AppendAsync(
            TestEvents.Append(ticket, exactVersions ? ExpectedVersion.Exactly(1) : ExpectedVersion.Any, new TicketRenamed(ticket, "explode")), default));

        (await TitleAsync(ticket)).ShouldBe(("VPN down", 1L));
        (await Store.ReadStreamAsync(ticket, default)).Version.ShouldBe(1);
        (await database.ScalarAsync<long>($"select version from streams where id = '{ticket}'")).ShouldBe(1);
    }

    [Fact]
    public async Task A_conflicting_append_leaves_the_read_model_untouched()
    {
        var ticket = Guid.CreateVersion7();
        await Store.AppendAsync(TestEvents.Append(ticket, ExpectedVersion.NoStream, new TicketOpened(ticket, "VPN down")), default);

        await Should.ThrowAsync<ConcurrencyException>(() =>
            Store.AppendAsync(TestEvents.Append(ticket, ExpectedVersion.Exactly(7), new TicketRenamed(ticket, "never")), default));

        (await TitleAsync(ticket)).ShouldBe(("VPN down", 1L));
    }

    private async Task<(string Title, long Version)?> TitleAsync(Guid ticket)
    {
        await using var command = database.DataSource.CreateCommand("select title, version from ticket_titles where ticket_id = $1");
        command.Parameters.Add(new() { Value = ticket });
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (reader.GetString(0), reader.GetInt64(1)) : null;
    }
}
