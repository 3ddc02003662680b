-- Duty and dispatch (值班): rosters, shift handovers and the duty log.

CREATE TABLE duty_shifts (
  id          uuid NOT NULL,
  region_code text COLLATE "C" NOT NULL,
  org_id      uuid NOT NULL REFERENCES organizations (id),
  starts_at   timestamptz NOT NULL,
  ends_at     timestamptz NOT NULL,
  leader_name text,
  officer_ids uuid[] NOT NULL DEFAULT '{}',
  officer_names text[] NOT NULL DEFAULT '{}',
  phone       text,
  created_by  uuid NOT NULL REFERENCES users (id),
  created_at  timestamptz NOT NULL,
  PRIMARY KEY (region_code, id),
  CHECK (ends_at > starts_at),
  -- A shift is at most 48 hours (the contract rejects longer ones first, with a field error).
  CHECK (ends_at - starts_at <= interval '48 hours'),
  CHECK (cardinality(officer_ids) = cardinality(officer_names))
);
CREATE UNIQUE INDEX duty_shifts_id_uq ON duty_shifts (id);
CREATE INDEX duty_shifts_org_time_idx ON duty_shifts (org_id, starts_at);

CREATE TABLE duty_handovers (
  id          uuid NOT NULL,
  region_code text COLLATE "C" NOT NULL,
  org_id      uuid NOT NULL REFERENCES organizations (id),
  shift_id    uuid,
  handed_by   uuid NOT NULL REFERENCES users (id),
  handed_by_name text NOT NULL,
  received_by_name text,
  notes       text NOT NULL,
  pending_items text,
  created_at  timestamptz NOT NULL,
  PRIMARY KEY (region_code, id)
);
CREATE UNIQUE INDEX duty_handovers_id_uq ON duty_handovers (id);
CREATE INDEX duty_handovers_org_idx ON duty_handovers (org_id, created_at DESC);

CREATE TABLE duty_log (
  id          uuid NOT NULL,
  region_code text COLLATE "C" NOT NULL,
  org_id      uuid NOT NULL REFERENCES organizations (id),
  channel     text NOT NULL CHECK (channel IN ('phone', 'fax', 'message', 'system', 'other')),
  received_at timestamptz NOT NULL,
  caller_name text,
  caller_phone text,
  caller_unit text,
  content     text NOT NULL,
  accident_region_code text COLLATE "C",
  accident_id uuid,
  logged_by   uuid NOT NULL REFERENCES users (id),
  logged_by_name text NOT NULL,
  created_at  timestamptz NOT NULL,
  PRIMARY KEY (region_code, id)
);
CREATE UNIQUE INDEX duty_log_id_uq ON duty_log (id);
CREATE INDEX duty_log_org_idx ON duty_log (org_id, received_at DESC);
