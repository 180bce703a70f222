-- SMS verification (P13, ADR 0030). A code is stored hashed; only the latest of a contact's purpose (and action)
-- counts. created_at also serves the per-contact send limit.
create table sms_codes (
    id          uuid primary key,
    contact_id  uuid not null references users (id) on delete cascade,
    purpose     text not null check (purpose in ('phone', 'action')),
    phone       text not null,
    action_id   uuid,
    code_hash   text not null,
    created_at  timestamptz not null,
    expires_at  timestamptz not null,
    used_at     timestamptz,
    attempts    integer not null default 0
);
create index sms_codes_contact_idx on sms_codes (contact_id, created_at desc);

-- The number a contact confirmed by SMS. It counts only while it is still the contact's phone: changing the phone in
-- the profile, or a technician's reset (which removes the number), asks the contact to register again.
create table contact_phone_verifications (
    contact_id   uuid primary key references users (id) on delete cascade,
    phone        text not null,
    verified_at  timestamptz not null
);
