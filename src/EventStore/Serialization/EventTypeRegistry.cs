using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Ticketing.EventStore.Serialization;

/// <summary>
/// Maps stable string aliases to CLR event types and back. The alias, never the CLR name, is stored, so
/// types can be renamed or moved freely: keep the old alias with <see cref="AddAlias{T}"/>, and when the
/// shape changes register an <see cref="Upcast"/> from the old alias to the new one. Serialisation uses
/// the caller's source-generated <see cref="JsonTypeInfo{T}"/> (no reflection). Configure it at start-up;
/// it is read concurrently afterwards.
/// </summary>
public sealed class EventTypeRegistry
{
    private readonly Dictionary<string, EventType> byAlias = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, EventType> byType = [];
    private readonly Dictionary<string, (string ToAlias, Func<JsonNode, JsonNode> Transform)> upcasters = new(StringComparer.Ordinal);

    /// <summary>Registers <typeparamref name="T"/> under <paramref name="alias"/>, which it is written with.</summary>
    public EventTypeRegistry Register<T>(string alias, JsonTypeInfo<T> info)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(alias);
        ArgumentNullException.ThrowIfNull(info);
        var type = new EventType(alias, typeof(T), info);
        if (!byType.TryAdd(typeof(T), type))
        {
            throw new InvalidOperationException($"{typeof(T)} is already registered as '{byType[typeof(T)].Alias}'.");
        }

        AddAlias(alias, type);
        return this;
    }

    /// <summary>Reads events stored under <paramref name="oldAlias"/> as <typeparamref name="T"/> (same JSON shape).</summary>
    public EventTypeRegistry AddAlias<T>(string oldAlias)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(oldAlias);
        AddAlias(oldAlias, Get(typeof(T)));
        return this;
    }

    /// <summary>
    /// Events stored under <paramref name="storedAlias"/> are transformed and then read as <paramref name="toAlias"/>.
    /// Upcasts chain (v1 to v2 to v3); the stored row is never rewritten.
    /// </summary>
    public EventTypeRegistry Upcast(string storedAlias, string toAlias, Func<JsonNode, JsonNode> transform)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(storedAlias);
        ArgumentException.ThrowIfNullOrWhiteSpace(toAlias);
        ArgumentNullException.ThrowIfNull(transform);
        if (byAlias.ContainsKey(storedAlias) || !upcasters.TryAdd(storedAlias, (toAlias, transform)))
        {
            throw new InvalidOperationException($"Alias '{storedAlias}' is already mapped.");
        }

        return this;
    }

    /// <summary>The alias <paramref name="data"/>'s type is written with.</summary>
    public string AliasOf(object data) => Get(data.GetType()).Alias;

    /// <summary>Serialises <paramref name="data"/> and returns the alias to store it under.</summary>
    public (string Alias, string Json) Serialize(object data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var type = Get(data.GetType());
        return (type.Alias, JsonSerializer.Serialize(data, type.Info));
    }

    /// <summary>Reads a stored event, upcasting it first when its alias is an old one.</summary>
    public (string Alias, object Data) Deserialize(string storedAlias, string json)
    {
        var alias = storedAlias;
        JsonNode? node = null;
        for (var hops = 0; upcasters.TryGetValue(alias, out var upcast); hops++)
        {
            if (hops > 32)
            {
                throw new InvalidOperationException($"Upcasters starting at '{storedAlias}' form a cycle.");
            }

            node = upcast.Transform(node ?? JsonNode.Parse(json) ?? throw new JsonException($"Event '{storedAlias}' has null data."));
            alias = upcast.ToAlias;
        }

        if (!byAlias.TryGetValue(alias, out var type))
        {
            throw new InvalidOperationException($"No event type is registered for alias '{alias}'.");
        }

        var data = node is null ? JsonSerializer.Deserialize(json, type.Info) : node.Deserialize(type.Info);
        return (type.Alias, data ?? throw new JsonException($"Event '{storedAlias}' deserialised to null."));
    }

    private void AddAlias(string alias, EventType type)
    {
        if (upcasters.ContainsKey(alias) || !byAlias.TryAdd(alias, type))
        {
            throw new InvalidOperationException($"Alias '{alias}' is already mapped.");
        }
    }

    private EventType Get(Type clrType) =>
        byType.TryGetValue(clrType, out var type)
            ? type
            : throw new InvalidOperationException($"Event type {clrType} is not registered in the {nameof(EventTypeRegistry)}.");

    private sealed record EventType(string Alias, Type ClrType, JsonTypeInfo Info);
}
