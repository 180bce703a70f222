using Npgsql;
using Ticketing.Domain.Tickets;
using Ticketing.Projections.Rebuilds;
using static Ticketing.Projections.Tests.Facts;

namespace Ticketing.Projections.Tests.EventStore;

/// <summary>
/// <see cref="ReadModelRebuilder"/> rebuilds <c>ticket_list</c> while writers keep appending through Marten (their inline
/// statements hit the live table) and readers keep counting it. Readers must never miss the table or see it shrink,
/// nothing appended meanwhile may be lost, the swapped-in table must be the one a quiet rebuild builds, with the same
/// indexes and storage, and a second rebuild of the same read model asked for meanwhile must be refused.
/// </summary>
public sealed class OnlineRebuildTests : IAsyncLifetime
{
    private const int Writers = 3;
    private const int Readers = 2;
    private readonly ReadModelDatabase db = new();

    public Task InitializeAsync() => db.InitializeAsync();

    public Task DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task A_rebuild_under_writers_and_readers_loses_nothing_and_readers_never_see_the_table_shrink_or_vanish()
    {
        await SeedAsync(tickets: 400);
        var indexesBefore = await IndexesAsync();
        var load = new WriteAndReadLoad(db, Writers, Readers);
        await load.StartAsync();

        RebuildOutcome? second = null;
        var rebuilder = db.Rebuilder(pageSize: 50);
        var outcome = await rebuilder.RebuildAsync("ticket_list", null, default, started: () =>
        {
            load.RebuildStarted();
            second = db.Rebuilder().RebuildAsync("ticket_list", null, default).GetAwaiter().GetResult();
        });
        load.RebuildEnded();
        var (created, appendedDuring) = await load.StopAsync();

        outcome.ShouldBe(RebuildOutcome.Completed);
        second.ShouldBe(RebuildOutcome.AlreadyRunning);
        appendedDuring.ShouldBeGreaterThan(0, "the writers must have appended while the rebuild ran, or this proves nothing");
        load.ReadFailures.ShouldBeEmpty();
        load.ReadsThatShrank.ShouldBe(0);

        // Every ticket written, before or during the rebuild, is listed at its stream's version.
        var listed = await db.ScalarAsync<Guid[]>("select array_agg(id) from ticket_list");
        listed.ShouldBe(await db.ScalarAsync<Guid[]>("select array_agg(id) from mt_streams where type = 'ticket'"), ignoreOrder: true);
        created.ShouldBeSubsetOf(listed);
        (await db.ScalarAsync<long>("""
            select count(*) from ticket_list l join mt_streams s on s.id = l.id where l.version <> s.version
            """)).ShouldBe(0);

        // The live table, now quiet, is exactly what a rebuild with nothing going on builds.
        var live = await db.SnapshotAsync("ticket_list", "id");
        await db.RebuildAsync("ticket_list");
        (await db.SnapshotAsync("ticket_list", "id")).ShouldBe(live);
        (await IndexesAsync()).ShouldBe(indexesBefore);
        (await db.ScalarAsync<string[]>("select reloptions from pg_class where oid = 'public.ticket_list'::regclass")).ShouldBe(["fillfactor=70"]);
        (await db.ScalarAsync<long>("select count(*) from pg_namespace where nspname like '%rebuild%'")).ShouldBe(0);
    }

    private async Task SeedAsync(int tickets)
    {
        var customer = Guid.CreateVersion7();
        foreach (var chunk in Enumerable.Range(0, tickets).Chunk(50))
        {
            var ids = chunk.Select(_ => Guid.CreateVersion7()).ToArray();
            await db.AppendAsync([.. ids.Select((id, i) => Created(id, customer, T0.AddMinutes(chunk[i])))]);
            await db.AppendAsync([.. ids.SelectMany(id => new TicketEvent[]
            {
                Reply(id, "public"),
                new TicketStatusChanged(id, "open", "resolved", StatusCategory.Resolved, Tech, T0.AddHours(1)),
            })]);
        }
    }

    private async Task<string[]> IndexesAsync()
    {
        await using var command = db.DataSource.CreateCommand(
            "select array_agg(indexname || ': ' || indexdef order by indexname) from pg_indexes where schemaname = 'public' and tablename = 'ticket_list'");
        var indexes = (string[])(await command.ExecuteScalarAsync())!;
        indexes.Length.ShouldBe(10);
        return indexes;
    }
}
