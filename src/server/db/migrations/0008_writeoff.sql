-- Write-off (核销) of records that are not production-safety accidents (自然灾害, 刑事案件, 病亡 …): a request
-- by the county bureau (归口统计), decided by the bureau the grade names (src/domain/writeoff.ts, configurable).
-- Approval sets accidents.written_off_at in the same transaction; the record then leaves every statistic (the
-- statistics read only rows where written_off_at IS NULL, and the rollup triggers of 0006 follow the update)
-- but stays readable. Requests are never deleted: the table is the write-off history of each accident.
CREATE TABLE writeoff_requests (
  id                   uuid NOT NULL,
  -- the accident's region (county or town code), as in every accident table
  region_code          text COLLATE "C" NOT NULL,
  accident_id          uuid NOT NULL,
  reason_code          text NOT NULL
    CHECK (reason_code IN ('non_production', 'natural_disaster', 'criminal_case', 'illness_or_suicide', 'other')),
  reason               text NOT NULL,
  -- 证明材料说明, e.g. the number of the 公安机关 认定书
  evidence             text NOT NULL,
  -- the accident's grade when requested: it named the approver
  grade                text NOT NULL CHECK (grade IN ('general', 'larger', 'major', 'especially_major')),
  approver_level       text NOT NULL CHECK (approver_level IN ('city', 'province', 'national')),
  approver_region_code text COLLATE "C" NOT NULL,
  status               text NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn')),
  requested_by         uuid NOT NULL REFERENCES users (id),
  requested_by_name    text NOT NULL,
  requested_by_org_id  uuid NOT NULL REFERENCES organizations (id),
  requested_by_org     text NOT NULL,
  requested_at         timestamptz NOT NULL,
  decided_by           uuid REFERENCES users (id),
  decided_by_name      text,
  decided_by_org       text,
  decided_at           timestamptz,
  decision_note        text,
  PRIMARY KEY (region_code, id),
  FOREIGN KEY (region_code, accident_id) REFERENCES accidents (region_code, id),
  -- a decision (or withdrawal) always says who and when; a pending request has neither
  CHECK ((status = 'pending') = (decided_at IS NULL) AND (decided_at IS NULL) = (decided_by IS NULL))
);
-- Requests are addressed by id alone (approve, reject), like accidents (see ARCHITECTURE.md on Citus).
CREATE UNIQUE INDEX writeoff_requests_id_uq ON writeoff_requests (id);
-- At most one pending request per accident.
CREATE UNIQUE INDEX writeoff_requests_pending_uq ON writeoff_requests (region_code, accident_id)
  WHERE status = 'pending';
-- An accident's history.
CREATE INDEX writeoff_requests_accident_idx ON writeoff_requests (region_code, accident_id, requested_at);
-- What a bureau has to decide.
CREATE INDEX writeoff_requests_approver_idx ON writeoff_requests (approver_region_code, status, requested_at DESC);
-- A bureau's subtree, newest first.
CREATE INDEX writeoff_requests_region_idx ON writeoff_requests (region_code, requested_at DESC);
