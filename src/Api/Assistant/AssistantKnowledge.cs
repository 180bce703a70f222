using System.Security.Claims;
using Npgsql;
using Ticketing.Api.Admin.Settings;
using Ticketing.Api.KnowledgeBase.Portal;
using Ticketing.Api.KnowledgeBase.Search;
using Ticketing.Application.Assistant;
using Ticketing.Application.Errors;
using Ticketing.Application.Identity;

namespace Ticketing.Api.Assistant;

/// <summary>An article found for a message: its citation, and its text for a model's prompt.</summary>
public sealed record AssistantArticle(AssistantCitation Citation, string Text);

/// <summary>
/// The articles a message is answered from: the portal's own search (<see cref="ArticleSearch"/>) under the portal's
/// visibility rule (<see cref="PortalVisibility"/>, P7 and P11), so nothing the contact could not open in the knowledge
/// base is ever cited or put in a prompt. The contact's language first, then the others; no knowledge base for the
/// customer means no articles.
/// </summary>
public static class AssistantKnowledge
{
    /// <summary>Words of a message that search for anything; at most this many, joined with <c>or</c>.</summary>
    private const int MaxWords = 12;

    public static async Task<IReadOnlyList<AssistantArticle>> FindAsync(
        ClaimsPrincipal user, NpgsqlDataSource dataSource, SettingsDefaults defaults, string language, string message, AssistantOptions options,
        CancellationToken ct)
    {
        Guid customerId;
        try
        {
            customerId = await PortalVisibility.CustomerWithKnowledgeBaseAsync(user, dataSource, defaults, ct);
        }
        catch (ForbiddenException)
        {
            return [];
        }

        var query = Query(message);
        if (query is null)
        {
            return [];
        }

        var limit = options.ArticlesPerAnswer;
        var hits = new List<SearchHit>();
        if (PortalLanguages.IsSupported(language))
        {
            hits.AddRange((await ArticleSearch.SearchAsync(
                dataSource, PortalVisibility.ArticleVisible, customerId, new SearchParameters { Q = query, Language = language, Limit = limit }, ct)).Items);
        }

        if (hits.Count < limit)
        {
            var others = await ArticleSearch.SearchAsync(
                dataSource, PortalVisibility.ArticleVisible, customerId, new SearchParameters { Q = query, Limit = limit + hits.Count }, ct);
            hits.AddRange(others.Items.Where(h => hits.TrueForAll(mine => mine.Id != h.Id)).Take(limit - hits.Count));
        }

        var texts = await TextsAsync(dataSource, customerId, [.. hits.Select(h => h.Id)], options.ArticleCharacters, ct);
        return [.. hits.Where(h => texts.ContainsKey(h.Id))
            .Select(h => new AssistantArticle(new AssistantCitation(h.Id, h.Title, h.Language, h.Snippet), texts[h.Id]))];
    }

    /// <summary>
    /// The message as a web-search query of its words joined with <c>or</c> (a chat sentence rarely has every word in
    /// one article); punctuation, quotes and minus signs are dropped, so the message cannot use the search's operators.
    /// </summary>
    public static string? Query(string message)
    {
        var words = Words(message)
            .Where(w => w.Length >= 3 && !string.Equals(w, "or", StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Take(MaxWords)
            .ToList();
        return words.Count == 0 ? null : string.Join(" or ", words);
    }

    private static IEnumerable<string> Words(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var letter = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (letter && start < 0)
            {
                start = i;
            }
            else if (!letter && start >= 0)
            {
                yield return text[start..i];
                start = -1;
            }
        }
    }

    /// <summary>The articles' text, read again under the visibility rule (a model is only ever given what this returns).</summary>
    private static async Task<Dictionary<Guid, string>> TextsAsync(
        NpgsqlDataSource dataSource, Guid customerId, Guid[] ids, int characters, CancellationToken ct)
    {
        var texts = new Dictionary<Guid, string>();
        if (ids.Length == 0)
        {
            return texts;
        }

        await using var command = dataSource.CreateCommand($"""
            select a.id, left(translate(a.body_text, E'\uE000\uE001', ''), $3)
            from kb_articles a
            join kb_sections s on s.id = a.section_id
            join kb_categories c on c.id = s.category_id
            where a.id = any($2) and {PortalVisibility.ArticleVisible}
            """).With(customerId).WithUuids(ids).With(characters);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            texts[reader.GetGuid(0)] = reader.GetString(1);
        }

        return texts;
    }
}
