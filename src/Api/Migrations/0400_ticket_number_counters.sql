-- Gap-free ticket numbers (T2): one row per MSP-local day, incremented in the transaction that appends the
-- ticket's first event, so a rolled-back creation gives its number back.
create table ticket_number_counters (
    day date primary key,
    last_number integer not null
);
