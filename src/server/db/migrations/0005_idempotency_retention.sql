-- Idempotency keys are honoured for a retention period (see accidents/housekeeping.ts), then purged.
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
