-- Ticket list read model: one narrow row per ticket stream (both sides of a Taskfire pair), holding only
-- what lists filter and sort on. Enum-like columns are lower snake_case text, readable in ad-hoc SQL.
-- Deleted tickets stay as flagged rows so a replayed older event cannot resurrect them and auditors can
-- still follow the Taskfire link; every list index is partial on "not deleted", so they cost nothing there.
create extension if not exists pg_trgm;

create table ticket_list (
    id                    uuid primary key,
    number                text not null,
    side                  text not null check (side in ('msp', 'taskfire_copy')),
    linked_ticket_id      uuid,
    title                 text not null,
    status_id             text not null,
    status_category       text not null check (status_category in ('open', 'pending', 'resolved', 'closed')),
    priority              text,
    impact                text,
    type                  text,
    product_family        text,
    queue                 text,
    issue_type            text,
    work_type             text,
    source                text not null,
    customer_id           uuid not null,
    contact_id            uuid,
    assignee_id           uuid,
    taskfire_resource_id  uuid,
    series_id             uuid,
    due_date              timestamptz,
    billed                boolean not null default false,
    created_at            timestamptz not null,
    updated_at            timestamptz not null,
    resolved_at           timestamptz,
    -- The stream version of the last event applied: the ETag, and the guard that makes replays no-ops.
    version               bigint not null,
    deleted               boolean not null default false
) with (fillfactor = 70);

-- fillfactor 70: most events (replies, notes) only touch updated_at and version, which no index covers, so
-- with free space on the page they are HOT updates that skip all nine indexes (the trigram one included).

-- Every list sorts on (created_at desc, id desc) for keyset paging; each filter gets a leading column so
-- a page is a range scan of ~limit rows, whatever the table size.
create index ticket_list_created_idx on ticket_list (created_at desc, id desc) where not deleted;
create index ticket_list_customer_idx on ticket_list (customer_id, created_at desc, id desc) where not deleted;
create index ticket_list_contact_idx on ticket_list (contact_id, created_at desc, id desc) where not deleted;
create index ticket_list_assignee_idx on ticket_list (assignee_id, created_at desc, id desc) where not deleted;
create index ticket_list_queue_idx on ticket_list (queue, created_at desc, id desc) where not deleted;
create index ticket_list_status_category_idx on ticket_list (status_category, created_at desc, id desc) where not deleted;
create index ticket_list_status_idx on ticket_list (status_id, created_at desc, id desc) where not deleted;
-- Case-insensitive "contains" on the title (ILIKE '%x%') needs trigrams; a btree cannot serve it.
create index ticket_list_title_trgm_idx on ticket_list using gin (title gin_trgm_ops) where not deleted;
-- Inbound mail threads by quoted ticket number (A5); both copies of a Taskfire pair share it.
create index ticket_list_number_idx on ticket_list (number);
