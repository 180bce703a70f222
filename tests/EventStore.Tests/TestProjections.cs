using Npgsql;
using Ticketing.Application.EventSourcing;
using Ticketing.EventStore.Projections;

namespace Ticketing.EventStore.Tests;

/// <summary>Inline: current title per ticket. A title "explode" adds a failing statement after the upsert.</summary>
public sealed class TicketTitleProjection : IProjection
{
    public const string Schema = "create table if not exists ticket_titles (ticket_id uuid primary key, title text not null, version bigint not null)";

    public string Name => "ticket-titles";

    public IReadOnlyList<string> Tables { get; } = ["ticket_titles"];

    public void Apply(RecordedEvent @event, NpgsqlBatch batch)
    {
        var (ticketId, title) = @event.Data switch
        {
            TicketOpened e => (e.TicketId, e.Title),
            TicketRenamed e => (e.TicketId, e.Title),
            _ => (Guid.Empty, null),
        };
        if (title is null)
        {
            return;
        }

        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            insert into ticket_titles (ticket_id, title, version) values ($1, $2, $3)
            on conflict (ticket_id) do update set title = excluded.title, version = excluded.version
            """)
        {
            Parameters = { new() { Value = ticketId }, new() { Value = title }, new() { Value = @event.Version } },
        });
        if (title == "explode")
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("select 1 / 0"));
        }
    }
}

/// <summary>
/// Async: counts how often each event was applied (exactly-once shows as times = 1) and in which
/// order. A <see cref="PoisonPill"/> is a non-transient failure.
/// </summary>
public sealed class SeenEventsProjection : IProjection
{
    public const string Schema = """
        create table if not exists seen_events (event_id uuid primary key, stream_id uuid not null, version bigint not null,
            type text not null, times int not null, applied_order bigint generated always as identity)
        """;

    public string Name => "seen-events";

    public IReadOnlyList<string> Tables { get; } = ["seen_events"];

    public void Apply(RecordedEvent @event, NpgsqlBatch batch)
    {
        if (@event.Data is PoisonPill)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("select 1 / 0"));
            return;
        }

        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            insert into seen_events (event_id, stream_id, version, type, times) values ($1, $2, $3, $4, 1)
            on conflict (event_id) do update set times = seen_events.times + 1
            """)
        {
            Parameters =
            {
                new() { Value = @event.EventId }, new() { Value = @event.StreamId },
                new() { Value = @event.Version }, new() { Value = @event.Type },
            },
        });
    }
}
