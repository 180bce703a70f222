using Marten;
using Ticketing.Application.EventSourcing;
using Ticketing.Application.Tickets;
using Ticketing.Domain.Tickets;
using Ticketing.Projections.Tickets.Queries;
using static Ticketing.Projections.Tests.Facts;

namespace Ticketing.Projections.Tests.EventStore;

/// <summary>
/// What auditors rely on (T11): the event id, recorded time, correlation and causation ids and the actor headers that
/// <see cref="EventStamping"/> sets are what Marten stores, whether the event starts a stream or is appended to one.
/// </summary>
public sealed class MetadataTests : IAsyncLifetime
{
    // Microseconds, as PostgreSQL keeps them, and far from "now", so a server-side timestamp cannot pass for it.
    private static readonly DateTimeOffset RecordedAt = new DateTimeOffset(2025, 11, 5, 14, 30, 1, 234, TimeSpan.Zero).AddTicks(5_670);
    private readonly ReadModelDatabase db = new();
    private readonly Guid ticket = Guid.CreateVersion7();

    public Task InitializeAsync() => db.InitializeAsync();

    public Task DisposeAsync() => db.DisposeAsync();

    [Theory]
    [InlineData("starting the stream")]
    [InlineData("appending to it")]
    public async Task The_stamped_metadata_is_stored_as_stamped_when(string how)
    {
        var actorId = Guid.CreateVersion7();
        var metadata = new EventMetadata(actorId, "Ada Admin", "technician", Guid.CreateVersion7(), Guid.CreateVersion7());
        var pending = PendingEvent.Create(Reply(ticket, "Hello"), metadata);
        if (how == "appending to it")
        {
            await db.AppendAsync(Created(ticket));
        }

        await using (var session = db.Store.LightweightSession())
        {
            var stamped = session.Stamp(pending, RecordedAt);
            if (how == "starting the stream")
            {
                session.Events.StartStream<Ticket>(ticket, stamped);
            }
            else
            {
                (await session.Events.FetchForWriting<Ticket>(ticket)).AppendOne(stamped);
            }

            await session.SaveChangesAsync();
        }

        var audited = (await new TicketAuditQuery(db.DataSource).HistoryAsync(ticket, default)).Last();
        audited.ShouldSatisfyAllConditions(
            e => e.EventId.ShouldBe(pending.EventId),
            e => e.RecordedAt.ShouldBe(RecordedAt),
            e => e.CorrelationId.ShouldBe(metadata.CorrelationId),
            e => e.CausationId.ShouldBe(metadata.CausationId),
            e => (e.ActorId, e.ActorName, e.ActorRole).ShouldBe((actorId, "Ada Admin", "technician")));

        await using var query = db.Store.QuerySession();
        var read = (await query.Events.FetchStreamAsync(ticket)).Last();
        read.ShouldSatisfyAllConditions(
            e => e.Id.ShouldBe(pending.EventId),
            e => e.Timestamp.ShouldBe(RecordedAt),
            e => e.CorrelationId.ShouldBe(metadata.CorrelationId.ToString()),
            e => e.CausationId.ShouldBe(metadata.CausationId.ToString()),
            e => e.GetHeader(EventStamping.ActorIdHeader)?.ToString().ShouldBe(actorId.ToString()));
    }

    [Fact]
    public async Task An_event_without_an_actor_or_cause_stores_no_such_metadata()
    {
        var metadata = new EventMetadata(null, null, null, Guid.CreateVersion7(), null);
        await using (var session = db.Store.LightweightSession())
        {
            session.Events.StartStream<Ticket>(ticket, session.Stamp(PendingEvent.Create(Created(ticket), metadata), RecordedAt));
            await session.SaveChangesAsync();
        }

        var audited = (await new TicketAuditQuery(db.DataSource).HistoryAsync(ticket, default)).ShouldHaveSingleItem();
        audited.ShouldSatisfyAllConditions(
            e => e.ActorId.ShouldBeNull(), e => e.ActorName.ShouldBeNull(), e => e.ActorRole.ShouldBeNull(),
            e => e.CausationId.ShouldBeNull(), e => e.CorrelationId.ShouldBe(metadata.CorrelationId));
    }
}
