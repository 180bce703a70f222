-- Email-to-ticket (A5): the Message-IDs already turned into a ticket or reply, so a gateway retry is answered
-- with the first result instead of a second ticket.
create table inbound_messages (
    message_id   text primary key,
    ticket_id    uuid not null,
    number       text not null,
    contact_id   uuid not null,
    threaded     boolean not null,
    received_at  timestamptz not null
);
