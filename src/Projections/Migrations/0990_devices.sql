-- Devices read model (P13, ADR 0030): one row per device stream and one per self-service action, kept inline by
-- DeviceProjection. The agent's credential and last-seen time are not facts of the log: they live in
-- device_credentials (Api migration 0991).
create table devices (
    id           uuid primary key,
    customer_id  uuid not null,
    name         text not null,
    os           text not null check (os in ('windows', 'mac_os', 'linux')),
    agent_id     text,
    contact_id   uuid,
    retired      boolean not null default false,
    created_at   timestamptz not null,
    updated_at   timestamptz not null,
    version      bigint not null
);
create index devices_customer_idx on devices (customer_id, name, id);
create index devices_contact_idx on devices (contact_id, name, id) where contact_id is not null and not retired;
create unique index devices_agent_key on devices (customer_id, agent_id) where agent_id is not null and not retired;

create table device_actions (
    id              uuid primary key,
    device_id       uuid not null,
    kind            text not null,
    application_id  uuid,
    package         text,
    contact_id      uuid not null,
    status          text not null check (status in ('requested', 'verified', 'dispatched', 'completed', 'failed')),
    detail          text,
    requested_at    timestamptz not null,
    updated_at      timestamptz not null,
    version         bigint not null
);
-- What an agent's poll reads: the device's actions waiting for it.
create index device_actions_pending_idx on device_actions (device_id, requested_at) where status = 'dispatched';
