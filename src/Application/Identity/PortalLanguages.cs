namespace Ticketing.Application.Identity;

/// <summary>Languages a contact may choose (P10); the first five have portal texts and emails today.</summary>
public static class PortalLanguages
{
    public const string Default = "en";

    public static IReadOnlyList<string> Supported { get; } = ["en", "fr", "de", "es", "it", "da", "nl", "he", "pt", "th"];

    public static bool IsSupported(string? language) => language is not null && Supported.Contains(language, StringComparer.Ordinal);
}
