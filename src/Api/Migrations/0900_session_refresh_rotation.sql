-- Rotating refresh tokens: the id of a session's one current refresh token. A refresh token carries the id it was
-- issued with; presenting one whose id is no longer the session's means a spent token was replayed.
-- Sessions from before this migration have none, so their refresh tokens are refused (they sign in again).
alter table sessions add column refresh_token_id uuid;
