-- The state of online read-model rebuilds (ADR 0015), one row per read model, readable by every node. A row in
-- 'rebuilding' whose heartbeat stopped belongs to a node that died mid-rebuild; the next rebuild starts over.
create table read_model_rebuilds (
    name           text primary key,
    state          text not null check (state in ('rebuilding', 'completed', 'failed')),
    requested_by   uuid,
    started_at     timestamptz not null,
    heartbeat_at   timestamptz not null,
    finished_at    timestamptz,
    events_total   bigint not null default 0,
    events_done    bigint not null default 0,
    error          text
);
