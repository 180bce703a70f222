using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ticketing.Application.Admin.Settings;

/// <summary>How sections are stored in <c>settings_versions.value</c>: the admin API's JSON shape.</summary>
public static class SettingsJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidOperationException($"A stored settings value is null ({typeof(T).Name}).");
}
