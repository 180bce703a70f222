-- A checkpoint's heads move into its own row, as three arrays in tree order (ADR 0024): one row per checkpoint instead
-- of one row and two index entries per head. The heads table was only ever read whole, and a checkpoint signs about one
-- head for every event or two on a busy help desk, so its rows were most of what a checkpoint cost (issue 19's bench).
alter table audit_checkpoints
    add column head_streams uuid[],
    add column head_versions bigint[],
    add column head_hashes bytea[];

update audit_checkpoints c
set head_streams = h.streams, head_versions = h.versions, head_hashes = h.hashes
from (
    select checkpoint, array_agg(stream_id order by position) as streams, array_agg(version order by position) as versions,
           array_agg(hash order by position) as hashes
    from audit_checkpoint_heads
    group by checkpoint
) h
where h.checkpoint = c.number;

update audit_checkpoints set head_streams = '{}', head_versions = '{}', head_hashes = '{}' where head_streams is null;

alter table audit_checkpoints
    alter column head_streams set not null,
    alter column head_versions set not null,
    alter column head_hashes set not null;

drop table audit_checkpoint_heads;
