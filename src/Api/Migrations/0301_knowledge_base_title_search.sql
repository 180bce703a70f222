-- Knowledge-base search in two tiers (ADR 0004): articles whose title or keywords match the whole query rank
-- above articles that match only in the body. This small vector (title A, keywords B, the language lexeme as in
-- kb_search_document) with its own GIN index finds the first tier without touching the articles that match only
-- in their body, which for a broad word are most of a language's articles.
create function kb_title_document(language text, title text, keywords text[]) returns tsvector
    language sql immutable parallel safe
    return setweight(to_tsvector(kb_search_config(language), title), 'A')
        || setweight(to_tsvector(kb_search_config(language), array_to_string(keywords, ' ')), 'B')
        || array_to_tsvector(array['~' || language]);

alter table kb_articles
    add column title_vector tsvector generated always as (kb_title_document(language, title, keywords)) stored;
create index kb_articles_title_search_idx on kb_articles using gin (title_vector);
