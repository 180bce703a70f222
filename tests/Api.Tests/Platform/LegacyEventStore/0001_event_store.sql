-- Event store schema. Streams hold the current version so an append can check and bump it with one
-- row lock before any identity value is drawn: a losing appender never burns a sequence number.
create table streams (
    id          uuid primary key,
    type        text not null,
    version     bigint not null,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    archived    boolean not null default false
);

create table events (
    seq          bigint generated always as identity primary key,
    id           uuid not null,
    stream_id    uuid not null,
    version      bigint not null,
    type         text not null,
    data         jsonb not null,
    metadata     jsonb not null,
    recorded_at  timestamptz not null,
    -- The writing transaction's id: async projections follow (tx_id, seq) below the oldest running
    -- transaction, which is commit-order safe, unlike seq alone.
    tx_id        xid8 not null default pg_current_xact_id(),
    constraint events_id_key unique (id),
    constraint events_stream_version_key unique (stream_id, version)
);
create index events_type_seq_idx on events (type, seq);
create index events_tx_id_seq_idx on events (tx_id, seq);

create table projection_checkpoints (
    name        text primary key,
    tx_id       xid8 not null default '0',
    seq         bigint not null default 0,
    updated_at  timestamptz not null default now()
);

create table projection_dead_letters (
    id          bigint generated always as identity primary key,
    projection  text not null,
    seq         bigint not null,
    tx_id       xid8 not null,
    event_id    uuid not null,
    error       text not null,
    at          timestamptz not null default now()
);
create index projection_dead_letters_projection_idx on projection_dead_letters (projection, id);

-- Serialises appenders of the same streams. Taken before the transaction's first write, i.e. before it
-- gets its transaction id, so a later version of a stream always has a larger tx_id than an earlier one
-- and async projections (which follow (tx_id, seq)) see each stream in version order. Sorted, so two
-- multi-stream appends cannot deadlock. Two-int keys keep these apart from bigint session locks.
create function lock_streams(p_streams uuid[])
returns void
language plpgsql as $$
declare
    v_key int;
begin
    for v_key in select distinct hashtext(s::text) from unnest(p_streams) as s order by 1 loop
        perform pg_advisory_xact_lock(1163084033, v_key);
    end loop;
end;
$$;

-- Appends events to one stream in one round trip. p_expected: -1 any, 0 no stream, n exact version.
-- A version mismatch raises SQLSTATE 'ES409' (mapped to ConcurrencyException by the store).
create function append_events(
    p_stream uuid, p_stream_type text, p_expected bigint,
    p_ids uuid[], p_types text[], p_data jsonb[], p_metadata jsonb[], p_recorded_at timestamptz)
returns bigint
language plpgsql as $$
declare
    v_count bigint := coalesce(cardinality(p_ids), 0);
    v_new bigint;
    v_actual bigint;
begin
    if v_count = 0 then
        raise exception 'append_events needs at least one event' using errcode = '22023';
    end if;

    perform lock_streams(array[p_stream]);

    if p_expected = 0 then
        insert into streams (id, type, version, created_at, updated_at)
        values (p_stream, p_stream_type, v_count, p_recorded_at, p_recorded_at)
        on conflict (id) do nothing
        returning version into v_new;
    elsif p_expected > 0 then
        -- Waits for a concurrent appender's row lock, then re-checks the version it committed.
        update streams set version = version + v_count, updated_at = p_recorded_at
        where id = p_stream and version = p_expected
        returning version into v_new;
    else
        insert into streams as s (id, type, version, created_at, updated_at)
        values (p_stream, p_stream_type, v_count, p_recorded_at, p_recorded_at)
        on conflict (id) do update set version = s.version + v_count, updated_at = p_recorded_at
        returning version into v_new;
    end if;

    if v_new is null then
        select version into v_actual from streams where id = p_stream;
        raise exception 'stream % expected at version % but is at %', p_stream, p_expected, coalesce(v_actual, 0)
            using errcode = 'ES409';
    end if;

    insert into events (id, stream_id, version, type, data, metadata, recorded_at)
    select e.id, p_stream, v_new - v_count + e.ord, e.type, e.data, e.metadata, p_recorded_at
    from unnest(p_ids, p_types, p_data, p_metadata) with ordinality as e(id, type, data, metadata, ord)
    order by e.ord;

    return v_new;
end;
$$;
