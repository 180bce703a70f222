-- Mail is a Wolverine message since issue 14 (ADR 0017). The credentials of a queued mail wait here, never in the
-- message: written with the message, read when the mail is composed, deleted once it is sent.
create table mail_secrets (
    mail_id uuid primary key,
    secret_values jsonb not null,
    created_at timestamptz not null default now()
);
