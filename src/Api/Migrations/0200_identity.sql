-- Identity in plain tables (ADR 0003): customers, everyone who can sign in (users), contact extras,
-- sessions, password reset codes, the mail outbox, the audit log and the shared Data Protection key ring.

create table customers (
    id                        uuid primary key,
    name                      text not null,
    email_domains             text[] not null default '{}',
    time_zone                 text not null,
    ticketing_portal_enabled  boolean not null default false,
    knowledge_base_enabled    boolean not null default false,
    version                   integer not null default 1,
    created_at                timestamptz not null,
    updated_at                timestamptz not null
);
create index customers_name_id_idx on customers (name, id);

-- A domain belongs to one customer at most; an array cannot carry that constraint, this table does
-- (and answers "which customer owns example.com" with one primary-key lookup). Kept in step by a trigger.
create table customer_email_domains (
    domain       text primary key,
    customer_id  uuid not null references customers (id) on delete cascade
);
create index customer_email_domains_customer_idx on customer_email_domains (customer_id);

create function customers_sync_email_domains() returns trigger language plpgsql as $$
begin
    delete from customer_email_domains where customer_id = new.id;
    insert into customer_email_domains (domain, customer_id)
    select distinct d, new.id from unnest(new.email_domains) as d;
    return new;
end
$$;

create trigger customers_email_domains_sync
    after insert or update of email_domains on customers
    for each row execute function customers_sync_email_domains();

-- Everyone who can sign in: MSP staff, taskfire users and contacts.
create table users (
    id                  uuid primary key,
    role                text not null check (role in ('admin', 'technician', 'auditor', 'taskfire', 'contact')),
    customer_id         uuid references customers (id),
    username            text not null check (position('@' in username) = 0),
    email               text not null,
    first_name          text not null,
    last_name           text not null,
    language            text not null default 'en',
    time_zone           text not null default 'UTC',
    password_hash       text not null,
    failed_login_count  integer not null default 0,
    locked_until        timestamptz,
    version             integer not null default 1,
    created_at          timestamptz not null,
    updated_at          timestamptz not null,
    constraint users_customer_by_role check ((role in ('taskfire', 'contact')) = (customer_id is not null))
);
create unique index users_username_key on users (lower(username));
create unique index users_email_key on users (lower(email));
create index users_customer_id_idx on users (customer_id, id) where customer_id is not null;
create index users_role_id_idx on users (role, id);

create table contacts (
    id          uuid primary key references users (id) on delete cascade,
    job_title   text,
    phone       text,
    is_primary  boolean not null default false
);

create table sessions (
    id          uuid primary key,
    user_id     uuid not null references users (id) on delete cascade,
    created_at  timestamptz not null,
    expires_at  timestamptz not null,
    revoked_at  timestamptz
);
create index sessions_user_active_idx on sessions (user_id) where revoked_at is null;

create table password_reset_codes (
    id          uuid primary key,
    user_id     uuid not null references users (id) on delete cascade,
    code_hash   text not null,
    created_at  timestamptz not null,
    expires_at  timestamptz not null,
    used_at     timestamptz,
    attempts    integer not null default 0
);
create index password_reset_codes_user_idx on password_reset_codes (user_id, created_at desc);

-- Written in the transaction of the change that causes the mail; a sender (another issue) delivers it.
create table mail_outbox (
    id               uuid primary key,
    kind             text not null,
    recipient        text not null,
    language         text not null,
    subject          text not null,
    body_text        text not null,
    created_at       timestamptz not null,
    sent_at          timestamptz,
    attempts         integer not null default 0,
    last_error       text,
    next_attempt_at  timestamptz not null
);
create index mail_outbox_pending_idx on mail_outbox (next_attempt_at) where sent_at is null;

create table audit_log (
    id          bigint generated always as identity primary key,
    at          timestamptz not null,
    actor_id    uuid,
    actor_role  text,
    action      text not null,
    entity      text not null,
    entity_id   uuid not null,
    before      jsonb,
    after       jsonb
);
create index audit_log_entity_idx on audit_log (entity, entity_id, id);

-- The ASP.NET Core Data Protection key ring, shared by every API node (bearer tokens are protected with it).
create table data_protection_keys (
    id             bigint generated always as identity primary key,
    friendly_name  text,
    xml            text not null,
    created_at     timestamptz not null default now()
);
