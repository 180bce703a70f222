-- The agent side of devices (P13, ADR 0030). Secrets are random 256-bit values: only their SHA-256 is stored, and the
-- hash is the lookup key (a guessed secret finds nothing; no per-row salt is needed for values of that entropy).

-- One enrolment key per customer; rotating replaces it, so the old key stops enrolling at once.
create table agent_enrolment_keys (
    customer_id  uuid primary key references customers (id) on delete cascade,
    key_hash     bytea not null unique,
    created_at   timestamptz not null,
    created_by   uuid not null
);

-- A device's agent credential; enrolling again replaces it. last_seen_at moves on the agent's polls, at most every
-- few seconds, and is not an event: a poll is no fact of the device's history.
create table device_credentials (
    device_id     uuid primary key,
    secret_hash   bytea not null unique,
    issued_at     timestamptz not null,
    last_seen_at  timestamptz
);
