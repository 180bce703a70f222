using System.Collections.Concurrent;
using Marten;
using Ticketing.Application.Tickets;
using Ticketing.Domain.Tickets;
using static Ticketing.Projections.Tests.Facts;
using static Ticketing.Projections.Tests.ReadModelDatabase;

namespace Ticketing.Projections.Tests.EventStore;

/// <summary>
/// Quick append gives events their versions on the client, from the version <c>FetchForWriting</c> read. Under many
/// writers on one stream, retrying on conflict as the command path does, the stored versions must still be 1..N with
/// none lost or doubled, and the inline read models must have seen each event at its stored version.
/// </summary>
public sealed class QuickAppendVersionTests : IAsyncLifetime
{
    private const int Writers = 8;
    private const int AppendsPerWriter = 5;
    private readonly ReadModelDatabase db = new();
    private readonly Guid ticket = Guid.CreateVersion7();

    public Task InitializeAsync() => db.InitializeAsync();

    public Task DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task Concurrent_writers_retrying_on_conflict_leave_contiguous_versions_that_the_read_models_saw()
    {
        await db.AppendAsync(Created(ticket));
        // Every writer's first attempt fetches version 1 before any saves: all but one of them must conflict.
        var fetched = 0;
        var allFetched = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var written = new ConcurrentBag<Guid>();
        var conflicts = 0;

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < AppendsPerWriter; i++)
            {
                for (var attempt = 0; ; attempt++)
                {
                    await using var session = db.Store.LightweightSession();
                    var stream = await session.Events.FetchForWriting<Ticket>(ticket);
                    var events = new[]
                    {
                        Stamped(session, Reply(ticket, $"writer {w} reply {i}")),
                        Stamped(session, new TicketStatusChanged(ticket, "x", $"s{w}.{i}", StatusCategory.Pending, Tech, T0.AddHours(1))),
                        Stamped(session, new TicketFieldsChanged(ticket, new() { Description = new($"d{w}.{i}") }, Tech, T0.AddHours(1))),
                    };
                    stream.AppendMany(events);
                    if (i == 0 && attempt == 0)
                    {
                        if (Interlocked.Increment(ref fetched) == Writers)
                        {
                            allFetched.SetResult();
                        }

                        await allFetched.Task;
                    }

                    try
                    {
                        await session.SaveChangesAsync();
                        Array.ForEach(events, e => written.Add(e.Id));
                        break;
                    }
                    catch (JasperFx.ConcurrencyException)
                    {
                        Interlocked.Increment(ref conflicts);
                    }
                }
            }
        })));

        const long Expected = 1 + (Writers * AppendsPerWriter * 3);
        conflicts.ShouldBeGreaterThanOrEqualTo(Writers - 1);
        (await db.ScalarAsync<long[]>($"select array_agg(version order by version) from mt_events where stream_id = '{ticket}'"))
            .ShouldBe(Enumerable.Range(1, (int)Expected).Select(v => (long)v));
        (await db.ScalarAsync<Guid[]>($"select array_agg(id) from mt_events where stream_id = '{ticket}' and version > 1")).ShouldBe(written, ignoreOrder: true);
        (await db.ScalarAsync<long>($"select version from mt_streams where id = '{ticket}'")).ShouldBe(Expected);
        (await db.ScalarAsync<long[]>("""
            select array[(select version from ticket_list), (select version from ticket_details), (select version from portal_tickets)]
            """)).ShouldBe([Expected, Expected, Expected]);
        // Status-change rows are keyed by event id: each must carry the version its event was stored at.
        (await db.ScalarAsync<long>("""
            select count(*) from ticket_timeline t join mt_events e on e.id = t.entry_id and e.version = t.version
            """)).ShouldBe(Writers * AppendsPerWriter);
        (await db.ScalarAsync<long>("select count(*) from ticket_timeline")).ShouldBe(Writers * AppendsPerWriter * 2);
    }
}
