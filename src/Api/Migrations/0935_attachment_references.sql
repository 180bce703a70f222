-- The orphaned-attachment sweep (ADR 0019) asks, a batch of hashes at a time, which stored files a live ticket's
-- timeline or a knowledge-base article still names.
create index ticket_timeline_attachments_idx on ticket_timeline using gin (attachments jsonb_path_ops);
create index kb_article_files_sha256_idx on kb_article_files (sha256);
