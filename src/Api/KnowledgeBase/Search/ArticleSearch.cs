using System.Globalization;
using Npgsql;
using Ticketing.Api.Identity.Persistence;

namespace Ticketing.Api.KnowledgeBase.Search;

/// <summary>One search result: <see cref="Snippet"/> is HTML (encoded text, matches in <c>&lt;mark&gt;</c>).</summary>
public sealed record SearchHit(
    Guid Id, string Title, Guid SectionId, Guid CategoryId, string Language, bool Published, DateTimeOffset UpdatedAt, float Rank, string Snippet);

/// <summary>
/// Ranked full-text search. The query text is parsed once per article language with that language's
/// configuration and matched only against articles of that language, so stemming and stop words agree with
/// how each article was indexed. The visibility condition is part of the query, so paging and ranking only
/// ever see what the caller may see; snippets are computed for the returned page only.
/// </summary>
public static class ArticleSearch
{
    public static async Task<Page<SearchHit>> SearchAsync(
        NpgsqlDataSource dataSource, string visibilityCondition, Guid? customerId, SearchParameters parameters, CancellationToken ct)
    {
        var limit = parameters.Limit ?? SearchParameters.DefaultLimit;
        await using var command = CreateCommand(dataSource, visibilityCondition, customerId, parameters);
        var hits = new List<SearchHit>(limit + 1);
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                hits.Add(new SearchHit(
                    reader.GetGuid(0), reader.GetString(1), reader.GetGuid(2), reader.GetGuid(3), reader.GetString(4), reader.GetBoolean(5),
                    reader.GetFieldValue<DateTimeOffset>(6), reader.GetFloat(7), Snippets.ToHtml(reader.GetString(8))));
            }
        }

        return Paging.Of(hits, limit, h => Paging.Cursor(h.Rank.ToString("R", CultureInfo.InvariantCulture), h.Id.ToString()));
    }

    /// <summary>The search as one command (public so the benchmark can EXPLAIN exactly what the endpoint runs).</summary>
    public static NpgsqlCommand CreateCommand(
        NpgsqlDataSource dataSource, string visibilityCondition, Guid? customerId, SearchParameters parameters)
    {
        var limit = parameters.Limit ?? SearchParameters.DefaultLimit;
        var keys = parameters.After is null ? null : Paging.Keys(parameters.After, 2);
        float? afterRank = keys is null ? null : ParseRank(keys[0]);
        return dataSource.CreateCommand($"""
            with query as (
                select l.language, websearch_to_tsquery(kb_search_config(l.language), $2) as tsq
                from unnest($3::text[]) as l(language)
            ), matchable as (
                -- A query of stop words only is empty: it matches nothing (and ANDed to the language lexeme it would match everything).
                select language, tsq, tsq && kb_language_lexeme(language) as match from query where numnode(tsq) > 0
            ), ranked as (
                select a.id, a.title, a.section_id, s.category_id, a.language, a.published, a.updated_at, a.body_text, q.tsq,
                       ts_rank_cd(a.search_vector, q.tsq, 1) as rank
                from matchable q
                join kb_articles a on a.search_vector @@ q.match and a.language = q.language
                join kb_sections s on s.id = a.section_id
                join kb_categories c on c.id = s.category_id
                where {visibilityCondition}
            ), page as (
                select * from ranked
                where $4::real is null or rank < $4 or (rank = $4 and id > $5::uuid)
                order by rank desc, id
                limit $6
            )
            select id, title, section_id, category_id, language, published, updated_at, rank,
                   ts_headline(kb_search_config(language), translate(body_text, E'\uE000\uE001', ''), tsq, $7)
            from page
            order by rank desc, id
            """)
            .With(customerId).With(parameters.Q!.Trim()).With(parameters.Languages.ToArray()).With(afterRank)
            .With(keys is null ? null : Paging.GuidKey(keys[1])).With(limit + 1).With(Snippets.HeadlineOptions);
    }

    private static float ParseRank(string key) =>
        float.TryParse(key, NumberStyles.Float, CultureInfo.InvariantCulture, out var rank)
            ? rank
            : throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure("after", "The cursor is not valid.")]);
}
