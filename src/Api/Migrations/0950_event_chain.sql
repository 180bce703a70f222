-- A hash chain over Marten's event log (ADR 0024). Each stored event gets one row in event_chain, written by a trigger
-- on mt_events in the append's own transaction: sha256(hash of the stream's previous event || canonical bytes of this
-- one). The trigger itself is created after Marten's schema step (mt_events does not exist yet when this runs on a new
-- database), by EventChainSchema. Appends to different streams touch different rows: nothing serialises them.
create table event_chain (
    stream_id uuid not null,
    version bigint not null,
    seq_id bigint not null,
    hash bytea not null,
    primary key (stream_id, version));

-- The canonical bytes of a stored event, exactly what an exported event lets a verifier rebuild (EventChain.Canonical):
-- the line 'ticketing.event.v1', then each field as its UTF-8 byte length, ':', the text and a line feed ('-' and a line
-- feed when absent): stream id, version, sequence, event id, type, recorded at (UTC, microseconds), correlation id,
-- causation id, headers, data. It hashes what is stored: the JSON as PostgreSQL returns it (jsonb text), so an
-- encrypted payload is hashed as stored. The database is UTF-8 (EventChainSchema checks), so octet_length counts UTF-8
-- bytes. PL/pgSQL, not SQL: its expression is planned once per connection (a SQL function called from a trigger is
-- planned again on every call, ten times the cost).
create function event_chain_canonical(stream_id uuid, version bigint, seq_id bigint, id uuid, type text,
    recorded timestamptz, correlation_id text, causation_id text, headers jsonb, data jsonb) returns bytea
    language plpgsql immutable parallel safe as $$
declare
    recorded_text text := to_char(recorded at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"');
    headers_text text := headers::text;
    data_text text := data::text;
begin
    return convert_to('ticketing.event.v1' || E'\n'
        || coalesce(octet_length(stream_id::text) || ':' || stream_id::text, '-') || E'\n'
        || coalesce(octet_length(version::text) || ':' || version::text, '-') || E'\n'
        || coalesce(octet_length(seq_id::text) || ':' || seq_id::text, '-') || E'\n'
        || coalesce(octet_length(id::text) || ':' || id::text, '-') || E'\n'
        || coalesce(octet_length(type) || ':' || type, '-') || E'\n'
        || coalesce(octet_length(recorded_text) || ':' || recorded_text, '-') || E'\n'
        || coalesce(octet_length(correlation_id) || ':' || correlation_id, '-') || E'\n'
        || coalesce(octet_length(causation_id) || ':' || causation_id, '-') || E'\n'
        || coalesce(octet_length(headers_text) || ':' || headers_text, '-') || E'\n'
        || coalesce(octet_length(data_text) || ':' || data_text, '-') || E'\n', 'UTF8');
end $$;

-- The recorded time as the canonical form writes it (for reading events back in that form).
create function event_chain_time(recorded timestamptz) returns text
    language sql stable parallel safe
    return to_char(recorded at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"');

-- The trigger function: links the new event to its predecessor in the same stream. The predecessor is committed or
-- in this transaction (Marten locks the stream's mt_streams row before it appends). A missing predecessor link fails
-- the append: the chain is never silently restarted.
create function event_chain_link() returns trigger
    language plpgsql as $$
declare
    previous bytea;
begin
    if new.version = 1 then
        previous := '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea;
    else
        select c.hash into previous from event_chain c where c.stream_id = new.stream_id and c.version = new.version - 1;
        if previous is null then
            raise exception 'The event chain has no link for stream % version %', new.stream_id, new.version - 1;
        end if;
    end if;

    insert into event_chain (stream_id, version, seq_id, hash)
    values (new.stream_id, new.version, new.seq_id, sha256(previous || event_chain_canonical(new.stream_id, new.version,
        new.seq_id, new.id, new.type, new.timestamp, new.correlation_id, new.causation_id, new.headers, new.data)));
    return null;
end $$;

-- Links every event already stored when the trigger is first installed (a database older than the chain), stream by
-- stream in version order. Run under a lock that keeps appends out.
create function event_chain_backfill() returns bigint
    language plpgsql as $$
declare
    e record;
    previous bytea;
    last_stream uuid;
    linked bigint := 0;
begin
    for e in select m.* from mt_events m
             where not exists (select from event_chain c where c.stream_id = m.stream_id and c.version = m.version)
             order by m.stream_id, m.version loop
        if last_stream is distinct from e.stream_id then
            select c.hash into previous from event_chain c where c.stream_id = e.stream_id and c.version = e.version - 1;
            previous := coalesce(previous, '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea);
            last_stream := e.stream_id;
        end if;
        previous := sha256(previous || event_chain_canonical(e.stream_id, e.version, e.seq_id, e.id, e.type, e.timestamp,
            e.correlation_id, e.causation_id, e.headers, e.data));
        insert into event_chain (stream_id, version, seq_id, hash) values (e.stream_id, e.version, e.seq_id, previous);
        linked := linked + 1;
    end loop;
    return linked;
end $$;

-- The checkpoint signing keys (ECDSA P-256). The private key is PKCS#8 protected with Data Protection (whose key ring
-- is encrypted at rest, ADR 0016); the public key is published at GET /api/audit/keys, also after rotation.
create table audit_signing_keys (
    key_id text primary key,
    public_key_pem text not null,
    protected_private_key text not null,
    created_at timestamptz not null,
    retired_at timestamptz);

-- Signed checkpoints: the heads of the streams that moved in (from_seq, to_seq], as a Merkle root, chained to the
-- previous checkpoint by its hash and signed (ADR 0024).
create table audit_checkpoints (
    number bigint primary key,
    from_seq bigint not null,
    to_seq bigint not null,
    head_count integer not null,
    root bytea not null,
    previous bytea not null,
    hash bytea not null,
    created_at timestamptz not null,
    key_id text not null references audit_signing_keys (key_id),
    signature bytea not null);

-- The leaves of each checkpoint, in tree order (stream id order), for proofs and for locating a broken head.
create table audit_checkpoint_heads (
    checkpoint bigint not null references audit_checkpoints (number),
    position integer not null,
    stream_id uuid not null,
    version bigint not null,
    hash bytea not null,
    primary key (checkpoint, position));
create index audit_checkpoint_heads_stream_idx on audit_checkpoint_heads (stream_id, checkpoint);
