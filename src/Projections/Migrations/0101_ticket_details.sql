-- Ticket detail read model: what only the ticket page needs, kept out of the list row to keep it narrow.
create table ticket_details (
    id                 uuid primary key,
    description        text,
    custom_fields      jsonb not null default '{}',
    created_by_id      uuid not null,
    created_by_kind    text not null,
    taskfire_queue     text,
    taskfire_note      text,
    deleted_at         timestamptz,
    deleted_by_id      uuid,
    version            bigint not null
);

-- One row per timeline entry. entry_id is the reply id for replies and notes, the event id otherwise, so
-- replaying an event inserts nothing new. Internal notes are rows with visibility 'internal': a portal
-- query excludes them in SQL and they never leave the server.
create table ticket_timeline (
    ticket_id          uuid not null,
    entry_id           uuid not null,
    version            bigint not null,
    kind               text not null,
    author_id          uuid not null,
    author_kind        text not null,
    body               text,
    visibility         text not null check (visibility in ('public', 'internal')),
    taskfire_related   boolean not null default false,
    mirrored_from      uuid,
    from_status_id     text,
    to_status_id       text,
    attachments        jsonb not null default '[]',
    at                 timestamptz not null,
    primary key (ticket_id, entry_id)
);
create index ticket_timeline_at_idx on ticket_timeline (ticket_id, at, entry_id);
