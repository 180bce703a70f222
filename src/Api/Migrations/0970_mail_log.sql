-- What mail about a ticket went to whom and when (ADR 0026): the auditor's visibility replay lists the mails a contact
-- was sent about a ticket up to an instant. Ids only, no address, subject or body: the mail's content derives from its
-- causing event and the template version in force, and a later erasure has nothing here to erase.
create table mail_log (
    mail_id       uuid primary key,
    kind          text not null,
    language      text not null,
    ticket_id     uuid not null,
    recipient_id  uuid,
    caused_by     uuid,
    queued_at     timestamptz not null,
    sent_at       timestamptz not null
);
create index mail_log_recipient_ticket_idx on mail_log (recipient_id, ticket_id, sent_at);
