using System.Text.Json.Serialization;
using Ticketing.Application.EventSourcing;

namespace Ticketing.EventStore.Serialization;

/// <summary>Source-generated (reflection-free) JSON for what the store itself writes: event metadata.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EventMetadata))]
internal sealed partial class EventStoreJsonContext : JsonSerializerContext;
