namespace Ticketing.Application.Email;

/// <summary>
/// The built-in templates (A4, P10) in en, fr, de, es, it: a subject and a text body per kind; the HTML body is
/// derived from the text. Admins override them per kind and language; other languages get English.
/// </summary>
public static partial class EmailTemplateDefaults
{
    public const string FallbackLanguage = "en";

    private static readonly Dictionary<string, LanguageTexts> Languages = new(StringComparer.Ordinal)
    {
        ["en"] = English, ["fr"] = French, ["de"] = German, ["es"] = Spanish, ["it"] = Italian,
    };

    public static IReadOnlyCollection<string> LanguagesWithTemplates => Languages.Keys;

    /// <summary>The default for <paramref name="kind"/> in <paramref name="language"/>, else in English; null for an unknown kind.</summary>
    public static EmailTemplate? Find(string kind, string language)
    {
        var used = Languages.ContainsKey(language) ? language : FallbackLanguage;
        return Languages[used].Templates.TryGetValue(kind, out var text)
            ? new EmailTemplate(kind, used, text.Subject, text.Body, null)
            : null;
    }

    /// <summary>The name of a built-in status (<c>open</c>, <c>pending</c>, <c>resolved</c>, <c>closed</c>) in a language; null otherwise.</summary>
    public static string? BuiltInStatusName(string statusId, string language)
    {
        var texts = Languages.GetValueOrDefault(language) ?? Languages[FallbackLanguage];
        return texts.Statuses.GetValueOrDefault(statusId.ToLowerInvariant());
    }

    private sealed record LanguageTexts(
        Dictionary<string, (string Subject, string Body)> Templates, Dictionary<string, string> Statuses);

    private static Dictionary<string, string> StatusNames(string open, string pending, string resolved, string closed) =>
        new(StringComparer.Ordinal) { ["open"] = open, ["pending"] = pending, ["resolved"] = resolved, ["closed"] = closed };
}
