using JasperFx.Events;
using Marten;
using Ticketing.Application.Tickets;
using Ticketing.Domain.Tickets;
using static Ticketing.Projections.Tests.Facts;
using static Ticketing.Projections.Tests.ReadModelDatabase;

namespace Ticketing.Projections.Tests.EventStore;

/// <summary>
/// The command path's optimistic concurrency as Marten gives it: a writer whose stream moved on after it fetched, or
/// who starts a stream whose id is taken, gets Marten's exception and its whole session is rolled back, the inline
/// read-model statements included.
/// </summary>
public sealed class ConflictTests : IAsyncLifetime
{
    private readonly ReadModelDatabase db = new();
    private readonly Guid ticket = Guid.CreateVersion7();

    public Task InitializeAsync() => db.InitializeAsync();

    public Task DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task Two_writers_fetch_the_same_version_the_first_saves_and_the_second_fails_writing_nothing()
    {
        await db.AppendAsync(Created(ticket));
        await using var first = db.Store.LightweightSession();
        await using var second = db.Store.LightweightSession();
        var firstStream = await first.Events.FetchForWriting<Ticket>(ticket);
        var secondStream = await second.Events.FetchForWriting<Ticket>(ticket);
        firstStream.AppendOne(Stamped(first, Reply(ticket, "first")));
        secondStream.AppendMany(
            Stamped(second, Reply(ticket, "second")),
            Stamped(second, new TicketStatusChanged(ticket, "open", "resolved", StatusCategory.Resolved, Tech, T0.AddHours(1))));

        await first.SaveChangesAsync();
        var before = await WorldAsync();
        var conflict = await Should.ThrowAsync<JasperFx.ConcurrencyException>(() => second.SaveChangesAsync());

        conflict.ShouldBeOfType<EventStreamUnexpectedMaxEventIdException>();
        (await WorldAsync()).ShouldBe(before);
        (await db.ScalarAsync<long>($"select version from mt_streams where id = '{ticket}'")).ShouldBe(2);
    }

    [Fact]
    public async Task Starting_a_stream_whose_id_is_taken_fails_and_writes_nothing()
    {
        await db.AppendAsync(Created(ticket, title: "The original"));
        var before = await WorldAsync();

        await using var session = db.Store.LightweightSession();
        session.Events.StartStream<Ticket>(ticket,
            Stamped(session, Created(ticket, title: "An impostor")),
            Stamped(session, new TicketStatusChanged(ticket, "open", "closed", StatusCategory.Closed, Tech, T0.AddHours(1))));
        var collision = await Should.ThrowAsync<Exception>(() => session.SaveChangesAsync());

        collision.ShouldBeAssignableTo<Marten.Exceptions.ExistingStreamIdCollisionException>();
        (await WorldAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_save_touching_two_streams_of_which_one_moved_on_writes_neither()
    {
        // The Taskfire pair: the command path appends to both streams in one session.
        var copy = Guid.CreateVersion7();
        await db.AppendAsync(Created(ticket), Created(copy));
        await using var session = db.Store.LightweightSession();
        var own = await session.Events.FetchForWriting<Ticket>(ticket);
        var partner = await session.Events.FetchForWriting<Ticket>(copy);
        await db.AppendAsync(Reply(copy, "meanwhile on the copy"));
        var before = await WorldAsync();

        own.AppendOne(Stamped(session, new TicketDeleted(ticket, Tech, T0.AddHours(1))));
        partner.AppendOne(Stamped(session, new SharedCopyDeleted(copy, ticket, Guid.CreateVersion7(), Tech, T0.AddHours(1))));

        await Should.ThrowAsync<JasperFx.ConcurrencyException>(() => session.SaveChangesAsync());
        (await WorldAsync()).ShouldBe(before);
    }

    /// <summary>
    /// The log, the streams and every read model, as text. After a failed save Marten may establish its tombstone stream
    /// (a bookkeeping row of its own, written in the background): that is not a ticket stream and is left out.
    /// </summary>
    private async Task<string> WorldAsync() => string.Join("\n---\n",
        await db.SnapshotAsync($"(select * from mt_events where stream_id <> '{Tombstone.StreamId}')", "seq_id"),
        await db.SnapshotAsync($"(select * from mt_streams where id <> '{Tombstone.StreamId}')", "id"),
        await db.SnapshotAsync("ticket_list", "id"), await db.SnapshotAsync("ticket_details", "id"),
        await db.SnapshotAsync("ticket_timeline", "ticket_id, entry_id"), await db.SnapshotAsync("portal_tickets", "id"));
}
