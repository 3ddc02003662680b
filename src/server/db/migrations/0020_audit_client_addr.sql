-- Issue 14: the audit trail names where a write came from — the client's address as the server saw it (behind a
-- trusted proxy, X-Forwarded-For; TRUST_PROXY). Covered by the row's hash when present, so it is as tamper-evident as
-- the rest of the row; rows written before this migration have none (NULL) and keep their hashes.
ALTER TABLE audit_log ADD COLUMN client_addr text;
