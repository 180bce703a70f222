-- Email (A4, ADR 0006): admin overrides of the built-in templates, and the outbox grown into a delivery queue.

create table email_templates (
    kind        text not null,
    language    text not null,
    subject     text not null,
    body_html   text,
    body_text   text not null,
    updated_by  uuid,
    updated_at  timestamptz not null,
    primary key (kind, language)
);

-- A row is either rendered when queued (subject + body_text [+ body_html]) or carries its template values and is
-- rendered at delivery (template_values), so an admin's template edit also applies to mail still queued.
alter table mail_outbox
    alter column subject drop not null,
    alter column body_text drop not null,
    add column body_html        text,
    add column template_values  jsonb,
    -- Set by writers that may run twice for one cause (the notifications projection): event id + recipient.
    add column idempotency_key  text,
    add column status           text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
    -- The delivery worker's lease: a row whose lease ran out while unsent is claimed again (at-least-once).
    add column locked_by        text,
    add column locked_until     timestamptz,
    add constraint mail_outbox_renderable check (template_values is not null or (subject is not null and body_text is not null)),
    add constraint mail_outbox_idempotency_key unique (idempotency_key);

drop index mail_outbox_pending_idx;
create index mail_outbox_due_idx on mail_outbox (next_attempt_at, id) where status = 'pending';
create index mail_outbox_recipient_idx on mail_outbox (lower(recipient), created_at desc);
