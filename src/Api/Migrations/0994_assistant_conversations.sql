-- The portal assistant's conversations (P12, ADR 0031): one row per chat session of a contact, and its messages in
-- order, append-only (nothing updates or deletes a message; a contact's erasure removes the contact's conversations).
-- messages counts the contact's own messages, bounded per conversation; ticket_id is the Assistant ticket holding the
-- conversation, when one was opened for it.
create table assistant_conversations (
    id           uuid primary key,
    contact_id   uuid not null references users (id) on delete cascade,
    customer_id  uuid not null,
    language     text not null,
    ticket_id    uuid,
    messages     integer not null default 0,
    created_at   timestamptz not null,
    updated_at   timestamptz not null
);
create index assistant_conversations_contact_idx on assistant_conversations (contact_id, created_at desc);

create table assistant_messages (
    conversation_id  uuid not null references assistant_conversations (id) on delete cascade,
    seq              integer not null,
    role             text not null check (role in ('contact', 'assistant', 'action')),
    text             text not null,
    citations        jsonb not null default '[]',
    choices          jsonb not null default '[]',
    created_at       timestamptz not null,
    primary key (conversation_id, seq)
);
