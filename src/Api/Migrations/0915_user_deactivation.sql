-- An administrator deactivates a staff or Taskfire user (ADR 0018): a deactivated user cannot sign in, has no live
-- session, and cannot be assigned a ticket or a Taskfire copy. Null: active. Reactivating clears it.
alter table users add column deactivated_at timestamptz;
