-- Issue 20: the settings' generation, one row bumped in the transaction of every change of settings_versions, so each
-- node can check with one primary-key lookup (in the statement that would read the settings) whether the snapshot it
-- holds is still the one in force, and skip reading and parsing the sections when it is (CurrentSettings).
-- A statement trigger: every path that writes settings_versions bumps it, and concurrent changes serialise on the row,
-- so a generation seen by a reader always includes every change committed before it.
create table settings_generation (
    id    boolean primary key default true check (id),
    value bigint not null
);

insert into settings_generation (id, value) values (true, 1);

create function settings_generation_bump() returns trigger language plpgsql as $$
begin
    update settings_generation set value = value + 1 where id;
    return null;
end
$$;

create trigger settings_versions_generation
    after insert or update or delete or truncate on settings_versions
    for each statement execute function settings_generation_bump();
