using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Ticketing.Application.Tickets;
using Ticketing.Projections.Portal;
using Ticketing.Projections.Tickets;
using Ticketing.Projections.Tickets.Details;
using Ticketing.Projections.Tickets.List;
using Weasel.Core;

namespace Ticketing.Projections;

/// <summary>
/// The Marten configuration of the event store, in one place for the API, the tests and the bench (ADR 0015): guid
/// streams, Quick append (one function call per stream, the version checked in the database), our own aliases, the
/// metadata auditors need, and the read models the API reads, each defined once and run inline.
/// </summary>
public static class TicketingEventStore
{
    /// <summary>The read models a request reads its own writes from; each can be rebuilt online.</summary>
    public static IReadOnlyList<SqlProjection> ReadModels { get; } =
        [new TicketListProjection(), new TicketDetailProjection(), new PortalTicketProjection()];

    public static StoreOptions Configure(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
        // Marten's JSON follows the events' own source-generated contract: camelCase, enums by name, nulls written
        // (a field change to null must stay apart from no change), so the stored JSON is what our own store wrote.
        options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase, json =>
        {
            json.TypeInfoResolverChain.Insert(0, TicketEventJson.Default);
            // Marten's own values (the headers dictionary) are not in our contract: those fall back to reflection.
            json.TypeInfoResolverChain.Add(new DefaultJsonTypeInfoResolver());
            json.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        });

        var events = options.Events;
        events.StreamIdentity = StreamIdentity.AsGuid;
        events.AppendMode = EventAppendMode.Quick;
        events.EnableUniqueIndexOnEventId = true;
        events.MetadataConfig.CorrelationIdEnabled = true;
        events.MetadataConfig.CausationIdEnabled = true;
        events.MetadataConfig.HeadersEnabled = true;
        TicketEventTypes.Register(options);

        options.Projections.Add(new TicketStream(), ProjectionLifecycle.Live);
        foreach (var readModel in ReadModels)
        {
            options.Projections.Add(readModel, ProjectionLifecycle.Inline);
        }

        return options;
    }
}
