using Npgsql;
using Ticketing.Application.EventSourcing;
using Ticketing.EventStore.Projections;
using static Ticketing.EventStore.Tests.AsyncProjectionSteps;

namespace Ticketing.EventStore.Tests;

public sealed class InlineRebuildTests
{
    private const string Titles = "ticket-titles";
    private const string ExpectedTitlesSql = """
        select coalesce(string_agg(concat_ws('|', e.stream_id, e.data->>'title', e.version), ',' order by e.stream_id), '')
        from events e where e.version = (select max(version) from events x where x.stream_id = e.stream_id)
        """;

    private const string TitlesSql = """
        select coalesce(string_agg(concat_ws('|', ticket_id, title, version), ',' order by ticket_id), '') from ticket_titles
        """;

    [Fact]
    public async Task An_inline_rebuild_replays_the_whole_log_into_the_same_read_model()
    {
        await using var database = await DatabaseAsync();
        await using var node = await TestNode.StartAsync(database.ConnectionString, runAsyncProjections: false, o => o.RebuildBatchSize = 4);
        var tickets = await OpenTicketsAsync(node.Store, 5);
        foreach (var ticket in tickets)
        {
            await node.Store.AppendAsync(TestEvents.Append(ticket, ExpectedVersion.Exactly(1), new TicketRenamed(ticket, $"renamed {ticket}")), default);
        }

        var live = await database.ScalarAsync<string>(TitlesSql);
        await database.ExecuteAsync("update ticket_titles set title = 'garbage'; insert into ticket_titles values (gen_random_uuid(), 'stray', 1)");

        var result = await node.Admin.RebuildAsync(Titles);

        result.ShouldBe(new RebuildResult(Titles, ReplayedHere: true, EventsReplayed: 10) { Inline = true });
        (await database.ScalarAsync<string>(TitlesSql)).ShouldBe(live);
    }

    [Fact]
    public async Task An_append_waits_while_a_rebuild_holds_the_append_lock()
    {
        await using var database = await DatabaseAsync();
        await using var node = await TestNode.StartAsync(database.ConnectionString, runAsyncProjections: false);
        await using var rebuild = await database.DataSource.OpenConnectionAsync();
        await using var tx = await rebuild.BeginTransactionAsync();
        await using (var take = new NpgsqlCommand($"select pg_advisory_xact_lock({AppendLock.Key})", rebuild, tx))
        {
            await take.ExecuteNonQueryAsync();
        }

        var ticket = Guid.CreateVersion7();
        var append = node.Store.AppendAsync(TestEvents.Append(ticket, ExpectedVersion.NoStream, new TicketOpened(ticket, "waits")), default);
        await Task.Delay(300);
        append.IsCompleted.ShouldBeFalse();

        await tx.CommitAsync();
        (await append).NewVersion.ShouldBe(1);
    }

    [Fact]
    public async Task Appends_running_during_inline_rebuilds_all_end_up_in_the_read_model()
    {
        await using var database = await DatabaseAsync();
        await using var node = await TestNode.StartAsync(database.ConnectionString, runAsyncProjections: false, o => o.RebuildBatchSize = 5);
        var tickets = await OpenTicketsAsync(node.Store, 8);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        var writers = tickets.Select(ticket => Task.Run(async () =>
        {
            for (var version = 1L; !stop.IsCancellationRequested; version++)
            {
                await node.Store.AppendAsync(TestEvents.Append(ticket, ExpectedVersion.Exactly(version), new TicketRenamed(ticket, $"v{version + 1}")), default);
            }
        })).ToArray();

        var rebuilds = 0;
        while (!stop.IsCancellationRequested)
        {
            await node.Admin.RebuildAsync(Titles);
            rebuilds++;
        }

        await Task.WhenAll(writers);
        rebuilds.ShouldBeGreaterThan(1);
        (await database.ScalarAsync<string>(TitlesSql)).ShouldBe(await database.ScalarAsync<string>(ExpectedTitlesSql));
    }
}
