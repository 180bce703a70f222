using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Ticketing.Application.Devices;
using Ticketing.Application.Tickets;
using Ticketing.Projections.Devices;
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
    /// <summary>The read models a request reads its own writes from, as the online rebuild runs them (no store holds these objects).</summary>
    public static IReadOnlyList<SqlProjection> ReadModels { get; } = NewReadModels();

    public static StoreOptions Configure(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
        // Marten's JSON follows the events' own source-generated contract: camelCase, enums by name, nulls written
        // (a field change to null must stay apart from no change), so the stored JSON is what our own store wrote.
        options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase, json =>
        {
            json.TypeInfoResolverChain.Insert(0, TicketEventJson.Default);
            // Marten serialises more than our events (the headers dictionary of every event, its own documents): those
            // fall back to reflection. Without a fallback the chain holds only our context and every append fails.
            json.TypeInfoResolverChain.Add(new DefaultJsonTypeInfoResolver());
            json.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        });

        // No retries inside Marten, for reads or commits: a database that is away is a 503 with Retry-After to the caller
        // (ADR 0010), and the retry pipeline cost a measurable share of a reply's CPU (ADR 0015).
        options.ConfigurePolly(_ => { });
        options.ConfigureWritePolly(_ => { });

        var events = options.Events;
        events.StreamIdentity = StreamIdentity.AsGuid;
        // Quick append, but with the recorded time EventStamping sets (the command's time): plain Quick mode takes the
        // database's now() for appends to an existing stream and ignores it (MetadataTests).
        events.AppendMode = EventAppendMode.QuickWithServerTimestamps;
        events.EnableUniqueIndexOnEventId = true;
        events.MetadataConfig.CorrelationIdEnabled = true;
        events.MetadataConfig.CausationIdEnabled = true;
        events.MetadataConfig.HeadersEnabled = true;
        TicketEventTypes.Register(options);
        DeviceEventTypes.Register(options);

        options.Projections.Add(new TicketStream(), ProjectionLifecycle.Live);
        options.Projections.Add(new DeviceStream(), ProjectionLifecycle.Live);
        // Each store gets projection objects of its own: Marten configures them when it assembles a store, and a
        // process may hold several stores (the test template's, the host's, the bench's).
        foreach (var readModel in NewReadModels())
        {
            options.Projections.Add(readModel, ProjectionLifecycle.Inline);
        }

        return options;
    }

    // Devices (P13, ADR 0030) last: a read model's place in this list is its rebuild lock key (ReadModelRebuilder.LockKey).
    private static SqlProjection[] NewReadModels() =>
        [new TicketListProjection(), new TicketDetailProjection(), new PortalTicketProjection(), new DeviceProjection()];
}
