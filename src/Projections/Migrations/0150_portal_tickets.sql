-- Portal read model: one row per MSP-side ticket (Taskfire copies never appear in the portal), with the
-- columns portal visibility depends on denormalised so a contact's or a company's list is one index range
-- scan. Visible statuses, the date filter and the field rules are NOT baked in: queries pass them as
-- parameters (status_id = any($n), created_at >= $m), so changing a setting needs no rebuild.
create table portal_tickets (
    id               uuid primary key,
    number           text not null,
    title            text not null,
    customer_id      uuid not null,
    contact_id       uuid,
    status_id        text not null,
    status_category  text not null check (status_category in ('open', 'pending', 'resolved', 'closed')),
    priority         text,
    impact           text,
    type             text,
    product_family   text,
    queue            text,
    issue_type       text,
    work_type        text,
    assignee_id      uuid,
    series_id        uuid,
    due_date         timestamptz,
    billed           boolean not null default false,
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    -- The stream version of the last event applied: the ETag, and the guard that makes replays no-ops.
    version          bigint not null,
    deleted          boolean not null default false
);

-- A primary contact's company list (customer_id = $1 order by created_at desc, id desc) and a contact's own
-- list (contact_id = $1 ...): the equality prefix plus the keyset (created_at, id) < cursor are index
-- conditions; status/priority/type/impact/series/title filters are checked on the rows the scan visits.
create index portal_tickets_customer_idx on portal_tickets (customer_id, created_at desc, id desc) where not deleted;
create index portal_tickets_contact_idx on portal_tickets (contact_id, created_at desc, id desc) where not deleted;
