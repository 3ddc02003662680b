-- The audit log is appended without a chain lock (issue 9 §4). Until now every row carried prev_hash and the
-- writers of one region queued on that chain's head row in audit_heads until commit. From here on a row is
-- inserted on its own, with the hash of its own content, the id of the transaction that wrote it (xid) and a
-- number from a sequence (no lock: nextval never waits). A sealing job (audit/sealer.ts) then chains the rows in
-- batches: a batch is every row whose xid lies in [lo_xid, hi_xid), taken only below the oldest transaction still
-- running (pg_snapshot_xmin), so no row can ever join a batch after it is sealed. Each batch stores the Merkle root
-- of its rows' hashes, and the batches are chained (hash = sha256(prev ‖ the seal's content)).
--
-- Rows written before this migration keep their per-region chains (prev_hash) and audit_heads keeps their tips,
-- now frozen; the first seal (kind 'legacy') is the Merkle root over those tips, so the old chains are covered by
-- the seal chain and by any exported anchor too.

ALTER TABLE audit_log ALTER COLUMN prev_hash DROP NOT NULL;
-- Rows already present keep xid NULL (they belong to the legacy chains); every new row records its transaction.
ALTER TABLE audit_log ADD COLUMN xid xid8;
ALTER TABLE audit_log ALTER COLUMN xid SET DEFAULT pg_current_xact_id();

-- Numbers above every legacy seq, so (chain_key, seq) stays unique whatever chain a new row joins.
CREATE SEQUENCE audit_log_seq;
SELECT setval('audit_log_seq', (SELECT coalesce(max(seq), 0) + 1 FROM audit_log), false);
ALTER TABLE audit_log ALTER COLUMN seq SET DEFAULT nextval('audit_log_seq');

-- The sealer reads a batch by xid range, and verify reads every batch the same way.
CREATE INDEX audit_log_xid_idx ON audit_log (xid, seq) WHERE xid IS NOT NULL;

-- One national chain of seals. region_code is the distribution column of the project's rule; seals are national,
-- so it is always '000000' (a Citus reference-sized table: about one row per sealing run).
CREATE TABLE audit_seals (
  region_code text COLLATE "C" NOT NULL DEFAULT '000000',
  seq         bigint NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('legacy', 'batch')),
  lo_xid      xid8,
  hi_xid      xid8,
  row_count   bigint NOT NULL,
  first_row   uuid,
  last_row    uuid,
  root        text NOT NULL,
  prev        text NOT NULL,
  hash        text NOT NULL,
  sealed_at   timestamptz NOT NULL,
  PRIMARY KEY (region_code, seq),
  CHECK ((kind = 'legacy') = (lo_xid IS NULL AND hi_xid IS NULL))
);

CREATE TRIGGER audit_seals_append_only BEFORE UPDATE OR DELETE ON audit_seals
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER audit_seals_no_truncate BEFORE TRUNCATE ON audit_seals
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- audit_heads now only records the tips of the legacy chains: refuse changes to it as well.
CREATE TRIGGER audit_heads_append_only BEFORE UPDATE OR DELETE ON audit_heads
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
