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
/// <para>
/// Ranking has two tiers (ADR 0004): articles whose title or keywords match the whole query (found through the
/// small title index) rank above articles that match only in the body. Within the title tier the order is
/// <c>ts_rank</c> over title and keywords (title above keywords), within the body tier <c>ts_rank</c> over the whole
/// article; both normalised by length. The body tier is only searched when the title tier does not fill the page.
/// Each tier ranks at most <see cref="TitleCandidates"/> / <see cref="BodyCandidates"/> visible candidates per
/// language, taken in the order the index scan returns them (table order) before ranking, so a word found in most
/// articles costs a bounded amount;
/// below those counts (every query of a typical knowledge base) the ranking is exact. Because the candidates are
/// chosen before the cursor applies, pages of a capped query stay consistent: no gaps, no repeats.
/// </para>
/// </summary>
public static class ArticleSearch
{
    /// <summary>Visible candidates ranked per language in the title tier (a topic word is in the titles of ~2 % of articles).</summary>
    public const int TitleCandidates = 2000;

    /// <summary>Visible candidates ranked per language in the body tier (only searched when titles do not fill the page).</summary>
    public const int BodyCandidates = 1000;

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
                -- A query with a "not" can match the title vector and still fail on the body: only those need the whole article checked.
                select language, tsq, tsq && kb_language_lexeme(language) as match, strpos(tsq::text, '!') > 0 as negated
                from query where numnode(tsq) > 0
            ), title_tier as materialized (
                -- Title or keywords match the whole query: ranks 1 to 2, by ts_rank over title and keywords (A, B), which needs
                -- no read of the large, TOASTed search vector. Skipped when the cursor is already past this tier.
                select * from (
                    select a.id, a.title, a.section_id, a.category_id, a.language, a.published, a.updated_at, a.body_text, q.tsq,
                           1::real + ts_rank(a.title_vector, q.tsq, 1|32) as rank
                    from matchable q
                    cross join lateral (
                        select a.id, a.title, a.section_id, s.category_id, a.language, a.published, a.updated_at, a.body_text, a.title_vector
                        from kb_articles a
                        join kb_sections s on s.id = a.section_id
                        join kb_categories c on c.id = s.category_id
                        -- ("is true" keeps the planner from probing the large index for the check of a negated query)
                        where a.title_vector @@ q.match and (not q.negated or (a.search_vector @@ q.match) is true) and a.language = q.language
                          and {visibilityCondition}
                        limit {TitleCandidates}
                    ) a
                    where $4::real is null or $4 >= 1
                ) ranked
                where $4::real is null or rank < $4 or (rank = $4 and id > $5::uuid)
                order by rank desc, id
                limit $6
            ), body_tier as (
                -- Only the body matches: ranks 0 to 1, searched only when the title tier leaves room on the page.
                select * from (
                    select a.id, a.title, a.section_id, a.category_id, a.language, a.published, a.updated_at, a.body_text, q.tsq,
                           ts_rank(a.search_vector, q.tsq, 1|32) as rank
                    from matchable q
                    cross join lateral (
                        select a.id, a.title, a.section_id, s.category_id, a.language, a.published, a.updated_at, a.body_text, a.search_vector
                        from kb_articles a
                        join kb_sections s on s.id = a.section_id
                        join kb_categories c on c.id = s.category_id
                        where a.search_vector @@ q.match and a.language = q.language and not a.title_vector @@ q.match
                          and {visibilityCondition}
                        limit {BodyCandidates}
                    ) a
                    where (select count(*) from title_tier) < $6
                ) ranked
                where $4::real is null or rank < $4 or (rank = $4 and id > $5::uuid)
                order by rank desc, id
                limit $6
            ), page as (
                select * from title_tier
                union all
                select * from body_tier
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
