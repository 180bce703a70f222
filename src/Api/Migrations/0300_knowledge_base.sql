-- Knowledge base (ADR 0004): categories > sections > articles, per-customer visibility at category and
-- article level, files, helpfulness ratings and full-text search in the article's own language.

-- The text-search configuration of an article language. Immutable so the stored search vector can use it;
-- Hebrew and Thai have no stemmer in PostgreSQL and fall back to 'simple' (no stemming, no stop words).
create function kb_search_config(language text) returns regconfig
    language sql immutable parallel safe
    return case language
        when 'en' then 'english'::regconfig
        when 'fr' then 'french'::regconfig
        when 'de' then 'german'::regconfig
        when 'es' then 'spanish'::regconfig
        when 'it' then 'italian'::regconfig
        when 'da' then 'danish'::regconfig
        when 'nl' then 'dutch'::regconfig
        when 'pt' then 'portuguese'::regconfig
        else 'simple'::regconfig
    end;

-- A lexeme naming the article's language ('~en'). No text can produce it (the parser splits on '~'), so a search
-- ANDs it to the query and the GIN index itself keeps each language's query to that language's articles,
-- instead of fetching every article whose words happen to stem alike in another language.
create function kb_language_lexeme(language text) returns tsquery
    language sql immutable parallel safe
    return quote_literal('~' || language)::tsquery;

-- Title weighs A, keywords B, body C, plus the language lexeme (no position: it never counts in ranking).
-- Declared immutable although array_to_string is only stable: for text[] its result never changes, and a
-- generated column needs an immutable expression.
create function kb_search_document(language text, title text, keywords text[], body_text text) returns tsvector
    language sql immutable parallel safe
    return setweight(to_tsvector(kb_search_config(language), title), 'A')
        || setweight(to_tsvector(kb_search_config(language), array_to_string(keywords, ' ')), 'B')
        || setweight(to_tsvector(kb_search_config(language), body_text), 'C')
        || array_to_tsvector(array['~' || language]);

create table kb_categories (
    id              uuid primary key,
    name            text not null,
    description     text not null default '',
    position        integer not null default 0,
    visible_to_all  boolean not null,
    version         integer not null default 1,
    created_at      timestamptz not null,
    created_by      uuid,
    updated_at      timestamptz not null,
    updated_by      uuid
);
create index kb_categories_order_idx on kb_categories (position, name, id);

-- Customers that may see a category whose visible_to_all is false.
create table kb_category_customers (
    category_id  uuid not null references kb_categories (id) on delete cascade,
    customer_id  uuid not null references customers (id) on delete cascade,
    primary key (category_id, customer_id)
);
create index kb_category_customers_customer_idx on kb_category_customers (customer_id, category_id);

create table kb_sections (
    id           uuid primary key,
    category_id  uuid not null references kb_categories (id),
    name         text not null,
    description  text not null default '',
    position     integer not null default 0,
    version      integer not null default 1,
    created_at   timestamptz not null,
    created_by   uuid,
    updated_at   timestamptz not null,
    updated_by   uuid
);
create index kb_sections_category_idx on kb_sections (category_id, position, name, id);

create table kb_articles (
    id              uuid primary key,
    section_id      uuid not null references kb_sections (id),
    title           text not null,
    body_markdown   text not null,
    -- The text of the sanitised rendering: what search indexes and what snippets quote (no Markdown syntax,
    -- no URLs, nothing the sanitiser removed).
    body_text       text not null,
    keywords        text[] not null default '{}',
    language        text not null,
    published       boolean not null,
    visible_to_all  boolean not null,
    version         integer not null default 1,
    created_at      timestamptz not null,
    created_by      uuid,
    updated_at      timestamptz not null,
    updated_by      uuid,
    search_vector   tsvector generated always as (kb_search_document(language, title, keywords, body_text)) stored
);
create index kb_articles_search_idx on kb_articles using gin (search_vector);
create index kb_articles_section_idx on kb_articles (section_id, title, id);

-- Customers that may see an article whose visible_to_all is false (on top of its category's visibility).
create table kb_article_customers (
    article_id   uuid not null references kb_articles (id) on delete cascade,
    customer_id  uuid not null references customers (id) on delete cascade,
    primary key (article_id, customer_id)
);
create index kb_article_customers_customer_idx on kb_article_customers (customer_id, article_id);

-- Metadata of files kept in the content-addressed attachment store.
create table kb_article_files (
    id            uuid primary key,
    article_id    uuid not null references kb_articles (id) on delete cascade,
    file_name     text not null,
    content_type  text not null,
    size          bigint not null,
    sha256        text not null,
    added_at      timestamptz not null,
    added_by      uuid
);
create index kb_article_files_article_idx on kb_article_files (article_id, added_at, id);

-- One rating per contact and article; rating again replaces it.
create table kb_article_ratings (
    article_id  uuid not null references kb_articles (id) on delete cascade,
    contact_id  uuid not null references users (id) on delete cascade,
    helpful     boolean not null,
    rated_at    timestamptz not null,
    primary key (article_id, contact_id)
);
