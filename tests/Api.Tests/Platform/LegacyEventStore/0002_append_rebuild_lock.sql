-- Inline read models are written in the append's transaction, so rebuilding one is only safe while no append is
-- in flight. Every append now holds this key SHARED until it commits (taken here, before its first write); a rebuild
-- of an inline projection holds it EXCLUSIVE while it truncates and replays (ProjectionAdmin). Shared holders never
-- wait for each other: appends pay one lock-table entry, and wait only while a rebuild runs.
create or replace function lock_streams(p_streams uuid[])
returns void
language plpgsql as $$
declare
    v_key int;
begin
    perform pg_advisory_xact_lock_shared(7361205118442010);
    for v_key in select distinct hashtext(s::text) from unnest(p_streams) as s order by 1 loop
        perform pg_advisory_xact_lock(1163084033, v_key);
    end loop;
end;
$$;
