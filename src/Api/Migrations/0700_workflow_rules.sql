-- Workflow rules (T8, ADR 0008): what an admin configured; the command path reads the enabled ones once per command.

create table workflow_rules (
    id          uuid primary key,
    name        text not null,
    trigger     text not null check (trigger in ('ticket_created', 'ticket_updated')),
    -- [{ "field": "source", "op": "eq", "values": ["Portal"] }, ...]: every condition must hold.
    conditions  jsonb not null default '[]',
    -- [{ "set": "workType", "value": "X" } | { "notify": "someone@msp.example" | "<user id>" }, ...] run in order.
    actions     jsonb not null,
    enabled     boolean not null default true,
    position    integer not null,
    version     bigint not null default 1,
    created_by  uuid not null,
    created_at  timestamptz not null,
    updated_by  uuid not null,
    updated_at  timestamptz not null
);

create index workflow_rules_enabled_idx on workflow_rules (position, id) where enabled;
