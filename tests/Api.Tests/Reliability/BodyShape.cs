using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Ticketing.Api.Tests.Reliability;

/// <summary>What a JSON property holds, as far as a fuzzer needs to know to send the wrong thing.</summary>
public enum JsonKind
{
    String,
    Guid,
    Enum,
    Integer,
    Boolean,
    DateTime,
    Map,
    Array,
    Object,
}

/// <summary>One property of a request body: its JSON name, kind, whether null is allowed, and its parts.</summary>
public sealed record BodyProperty(string Name, JsonKind Kind, bool Nullable, Type? EnumType = null, IReadOnlyList<BodyProperty>? Children = null);

/// <summary>
/// The properties of a request body type, read by reflection from the record the endpoint binds (positional records:
/// the constructor's parameters), so the fuzzer knows each property's kind without a hand-kept list.
/// </summary>
public static class BodyShape
{
    public static IReadOnlyList<BodyProperty> Of(Type type, int depth = 0)
    {
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();
        var nullability = new NullabilityInfoContext();
        if (constructor is { } ctor && ctor.GetParameters().Length > 0)
        {
            return [.. ctor.GetParameters().Select(p => Property(
                JsonName(type.GetProperty(p.Name!, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase), p.Name!),
                p.ParameterType, nullability.Create(p).WriteState == NullabilityState.Nullable, depth))];
        }

        return [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Select(p => Property(
            JsonName(p, p.Name), p.PropertyType, nullability.Create(p).WriteState == NullabilityState.Nullable, depth))];
    }

    /// <summary>A body with a plausible value in every property: the base that one mutation then breaks.</summary>
    public static JsonObject Plausible(IReadOnlyList<BodyProperty> shape, Func<string, Guid> idFor)
    {
        var body = new JsonObject();
        foreach (var property in shape)
        {
            body[property.Name] = PlausibleValue(property, idFor);
        }

        return body;
    }

    public static JsonNode? PlausibleValue(BodyProperty property, Func<string, Guid> idFor) => property.Kind switch
    {
        JsonKind.String => "fuzz",
        JsonKind.Guid => idFor(property.Name).ToString(),
        JsonKind.Enum => Enum.GetNames(property.EnumType!)[0],
        JsonKind.Integer => 1,
        JsonKind.Boolean => false,
        JsonKind.DateTime => "2026-01-01T00:00:00Z",
        JsonKind.Map => new JsonObject(),
        JsonKind.Array => new JsonArray(),
        JsonKind.Object => Plausible(property.Children ?? [], idFor),
        _ => null,
    };

    private static BodyProperty Property(string name, Type type, bool nullableReference, int depth)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        var nullable = underlying is not null || (!type.IsValueType && nullableReference);
        var t = underlying ?? type;
        if (t == typeof(string))
        {
            return new(name, JsonKind.String, nullable);
        }

        if (t == typeof(Guid))
        {
            return new(name, JsonKind.Guid, nullable);
        }

        if (t.IsEnum)
        {
            return new(name, JsonKind.Enum, nullable, t);
        }

        if (t == typeof(int) || t == typeof(long) || t == typeof(short) || t == typeof(decimal) || t == typeof(double))
        {
            return new(name, JsonKind.Integer, nullable);
        }

        if (t == typeof(bool))
        {
            return new(name, JsonKind.Boolean, nullable);
        }

        if (t == typeof(DateTimeOffset) || t == typeof(DateTime) || t == typeof(DateOnly) || t == typeof(TimeSpan))
        {
            return new(name, JsonKind.DateTime, nullable);
        }

        if (t == typeof(JsonElement) || t == typeof(JsonNode) || t == typeof(JsonObject))
        {
            return new(name, JsonKind.Object, nullable, Children: []);
        }

        if (t.IsGenericType && t.GetGenericArguments().Length == 2)
        {
            return new(name, JsonKind.Map, nullable);
        }

        if (t.IsArray || (t != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(t)))
        {
            return new(name, JsonKind.Array, nullable);
        }

        return new(name, JsonKind.Object, nullable, Children: depth < 3 ? Of(t, depth + 1) : []);
    }

    private static string JsonName(PropertyInfo? property, string name) =>
        property?.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(name);
}
