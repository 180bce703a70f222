-- One key per contact for what they wrote (ADR 0027), encrypted at rest with Data Protection. Erasure sets the key to
-- null and records who and when; the row stays, so nothing is ever sealed for that contact again.
create table personal_data_keys (
    subject_id     uuid primary key,
    protected_key  bytea,
    created_at     timestamptz not null,
    erased_at      timestamptz,
    erased_by      uuid,
    constraint personal_data_keys_erased check ((protected_key is null) = (erased_at is not null))
);
