using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ticketing.Application.Privacy;

/// <summary>
/// Opens sealed texts for a response (ADR 0027): one query for the keys of every subject among the texts, none when no
/// text is sealed. Whatever a reader returns passes through here, so erasure reads as erased everywhere at once,
/// without rewriting a read model.
/// </summary>
public sealed class PersonalDataReveal(PersonalDataKeys keys)
{
    /// <summary>A function from stored text to shown text for everything in <paramref name="texts"/>.</summary>
    public async Task<Func<string?, string?>> ForAsync(IEnumerable<string?> texts, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var subjects = texts.Select(SealedText.SubjectOf).OfType<Guid>().ToHashSet();
        if (subjects.Count == 0)
        {
            return static text => text;
        }

        var found = await keys.LoadAsync(subjects, ct);
        return text => SealedText.SubjectOf(text) is { } subject
            ? SealedText.Open(text!, found.GetValueOrDefault(subject) ?? [], found.GetValueOrDefault(subject) is null)
            : text;
    }

    /// <summary>
    /// The documents with every sealed string value opened (audited events' data as the auditor reads them), with one
    /// key lookup for all of them; documents without a sealed value are returned as they are.
    /// </summary>
    public async Task<IReadOnlyList<JsonElement>> RevealAsync(IReadOnlyList<JsonElement> documents, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var strings = new List<string?>();
        foreach (var document in documents)
        {
            Collect(document, strings);
        }

        if (!strings.Any(SealedText.IsSealed))
        {
            return documents;
        }

        var reveal = await ForAsync(strings, ct);
        return [.. documents.Select(document =>
        {
            var node = JsonNode.Parse(document.GetRawText())!;
            Replace(node, reveal);
            return JsonSerializer.SerializeToElement(node);
        })];
    }

    private static void Collect(JsonElement json, List<string?> into)
    {
        switch (json.ValueKind)
        {
            case JsonValueKind.String:
                into.Add(json.GetString());
                break;
            case JsonValueKind.Object:
                foreach (var property in json.EnumerateObject())
                {
                    Collect(property.Value, into);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in json.EnumerateArray())
                {
                    Collect(item, into);
                }

                break;
        }
    }

    private static void Replace(JsonNode node, Func<string?, string?> reveal)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, value) in o.ToList())
                {
                    if (value is JsonValue v && v.TryGetValue<string>(out var s) && SealedText.IsSealed(s))
                    {
                        o[name] = reveal(s);
                    }
                    else if (value is not null)
                    {
                        Replace(value, reveal);
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    if (a[i] is JsonValue v && v.TryGetValue<string>(out var s) && SealedText.IsSealed(s))
                    {
                        a[i] = reveal(s);
                    }
                    else if (a[i] is { } item)
                    {
                        Replace(item, reveal);
                    }
                }

                break;
        }
    }
}
