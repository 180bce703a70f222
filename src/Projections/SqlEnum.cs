using System.Collections.Frozen;
using System.Text.Json;

namespace Ticketing.Projections;

/// <summary>
/// Enum values as stored in read-model columns: lower snake_case text (<c>TaskfireCopy</c> is
/// <c>taskfire_copy</c>). Cached both ways because projections convert on every event of a rebuild.
/// </summary>
internal static class SqlEnum<T> where T : struct, Enum
{
    private static readonly FrozenDictionary<T, string> Names =
        Enum.GetValues<T>().ToFrozenDictionary(v => v, v => JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString()));

    private static readonly FrozenDictionary<string, T> Values =
        Names.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    public static string Name(T value) => Names[value];

    public static T Parse(string name) =>
        Values.TryGetValue(name, out var value)
            ? value
            : throw new InvalidOperationException($"'{name}' is not a stored {typeof(T).Name} value.");
}
