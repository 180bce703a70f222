using System.Text.Json.Serialization;
using Ticketing.Application.EventSourcing;
using Ticketing.EventStore.Serialization;

namespace Ticketing.EventStore.Tests;

public sealed record TicketOpened(Guid TicketId, string Title);

public sealed record TicketRenamed(Guid TicketId, string Title);

/// <summary>Current shape; version 1 had no <c>Source</c> and is upcast.</summary>
public sealed record TicketTitled(Guid TicketId, string Title, string Source);

/// <summary>Makes the test projections fail, to exercise rollback and dead letters.</summary>
public sealed record PoisonPill(Guid TicketId);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(TicketOpened))]
[JsonSerializable(typeof(TicketRenamed))]
[JsonSerializable(typeof(TicketTitled))]
[JsonSerializable(typeof(PoisonPill))]
internal sealed partial class TestEventsJsonContext : JsonSerializerContext;

internal static class TestEvents
{
    public static void Register(EventTypeRegistry registry) => registry
        .Register("ticket-opened", TestEventsJsonContext.Default.TicketOpened)
        .Register("ticket-renamed", TestEventsJsonContext.Default.TicketRenamed)
        .AddAlias<TicketRenamed>("ticket-title-changed")
        .Register("ticket-titled-v2", TestEventsJsonContext.Default.TicketTitled)
        .Upcast("ticket-titled-v1", "ticket-titled-v2", node =>
        {
            node["source"] = "legacy";
            return node;
        })
        .Register("poison-pill", TestEventsJsonContext.Default.PoisonPill);

    public static EventMetadata Metadata(Guid? causation = null) =>
        new(Guid.CreateVersion7(), "Ada Admin", "admin", Guid.CreateVersion7(), causation);

    public static PendingEvent Event(object data) => PendingEvent.Create(data, Metadata());

    public static StreamAppend Append(Guid stream, ExpectedVersion expected, params object[] data) =>
        new(stream, "ticket", expected, data.Select(Event).ToArray());
}
