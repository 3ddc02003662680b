-- Accident quick reports (快报), their revisions (续报), the reporting chain and notifications.

CREATE TABLE accidents (
  id                uuid NOT NULL,
  region_code       text COLLATE "C" NOT NULL REFERENCES regions (code),
  report_no         text NOT NULL,
  occurred_at       timestamptz NOT NULL,
  received_at       timestamptz NOT NULL,
  address           text NOT NULL,
  unit_name         text NOT NULL,
  unit_credit_code  text,
  enterprise_org_id uuid REFERENCES organizations (id),
  industry_code     text NOT NULL,
  accident_type     text NOT NULL,
  domain            text NOT NULL CHECK (domain IN ('industrial', 'road_traffic', 'fire', 'other')),
  -- latest figures as reported
  deaths            int NOT NULL CHECK (deaths >= 0),
  missing           int NOT NULL CHECK (missing >= 0),
  serious_injuries  int NOT NULL CHECK (serious_injuries >= 0),
  minor_injuries    int NOT NULL CHECK (minor_injuries >= 0),
  direct_loss_yuan  bigint NOT NULL CHECK (direct_loss_yuan >= 0),
  -- statistical figures: the latest inside the 补报 window (493号令 第十三条); they decide the grade
  stat_deaths           int NOT NULL,
  stat_missing          int NOT NULL,
  stat_serious_injuries int NOT NULL,
  stat_minor_injuries   int NOT NULL,
  stat_direct_loss_yuan bigint NOT NULL,
  grade             text NOT NULL CHECK (grade IN ('general', 'larger', 'major', 'especially_major')),
  target_level      text NOT NULL CHECK (target_level IN ('city', 'province', 'national')),
  -- the level that currently holds the report (highest level that received it)
  holder_level      text NOT NULL CHECK (holder_level IN ('county', 'city', 'province', 'national')),
  summary           text,
  measures_taken    text,
  reporter_name     text,
  reporter_phone    text,
  source            text NOT NULL DEFAULT 'bureau',
  duty_log_id       uuid,
  flags             text[] NOT NULL DEFAULT '{}',
  revision_count    int NOT NULL,
  complete_at       timestamptz,
  first_followup_at timestamptz,
  final_at          timestamptz,
  -- earliest unmet deadline (chain or direct-report node); NULL when nothing is pending
  next_due_at       timestamptz,
  created_by        uuid NOT NULL REFERENCES users (id),
  created_at        timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL,
  PRIMARY KEY (region_code, id),
  UNIQUE (region_code, report_no)
);
CREATE UNIQUE INDEX accidents_id_uq ON accidents (id);
CREATE INDEX accidents_region_occurred_idx ON accidents (region_code, occurred_at DESC, id DESC);
CREATE INDEX accidents_occurred_idx ON accidents (occurred_at DESC, id DESC);
CREATE INDEX accidents_enterprise_idx ON accidents (enterprise_org_id, occurred_at DESC);
CREATE INDEX accidents_unit_credit_idx ON accidents (unit_credit_code, occurred_at DESC) WHERE unit_credit_code IS NOT NULL;
CREATE INDEX accidents_next_due_idx ON accidents (next_due_at) WHERE next_due_at IS NOT NULL;
CREATE INDEX accidents_dup_idx ON accidents (region_code, occurred_at);

-- Text search over unit, address and report number. Chinese search terms are often two characters
-- (化工, 坍塌), which trigrams cannot index; character bigrams can. Queries use
-- `text_bigrams(expr) @> text_bigrams(term)` for the index and ILIKE to confirm.
CREATE FUNCTION text_bigrams(t text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT lower(substr(t, i, 2))), '{}')
  FROM generate_series(1, greatest(char_length(t) - 1, 0)) AS i
$$;
-- The same test as ILIKE, but opaque to the planner (PL/pgSQL is not inlined): it then assumes a third of
-- the rows match and walks the newest-first index for a page, which is right for common terms. (For ILIKE
-- on an expression it has no statistics and guesses "few rows", choosing a full scan and sort.)
CREATE FUNCTION text_contains(t text, pattern text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
  RETURN t ILIKE pattern;
END;
$$;
CREATE INDEX accidents_text_bigram_idx ON accidents
  USING gin (text_bigrams(unit_name || ' ' || address || ' ' || report_no));

-- Every version ever filed. Never updated, never deleted.
CREATE TABLE accident_revisions (
  region_code   text COLLATE "C" NOT NULL,
  accident_id   uuid NOT NULL,
  no            int NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('initial', 'followup', 'no_change', 'final')),
  filed_at      timestamptz NOT NULL,
  filed_by      uuid NOT NULL REFERENCES users (id),
  filed_by_name text NOT NULL,
  filed_by_org  text NOT NULL,
  note          text,
  snapshot      jsonb NOT NULL,
  changes       jsonb NOT NULL,
  outside_window boolean NOT NULL DEFAULT false,
  grade_before  text,
  grade_after   text NOT NULL,
  PRIMARY KEY (region_code, accident_id, no),
  FOREIGN KEY (region_code, accident_id) REFERENCES accidents (region_code, id)
);
CREATE TRIGGER accident_revisions_append_only BEFORE UPDATE OR DELETE ON accident_revisions
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER accident_revisions_no_truncate BEFORE TRUNCATE ON accident_revisions
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

CREATE TABLE accident_chain (
  region_code   text COLLATE "C" NOT NULL,
  accident_id   uuid NOT NULL,
  level         text NOT NULL CHECK (level IN ('county', 'city', 'province', 'national')),
  level_region_code text COLLATE "C" NOT NULL,
  received_at   timestamptz,
  due_at        timestamptz,
  forwarded_at  timestamptz,
  forwarded_by  uuid REFERENCES users (id),
  forward_note  text,
  signed_at     timestamptz,
  signed_by     uuid REFERENCES users (id),
  skipped       boolean NOT NULL DEFAULT false,
  -- false where the place has no government at this level (直辖市 / 省直辖县级市: no city; 东莞: no county)
  applicable    boolean NOT NULL DEFAULT true,
  PRIMARY KEY (region_code, accident_id, level),
  FOREIGN KEY (region_code, accident_id) REFERENCES accidents (region_code, id)
);

-- Per county and day counters for human-readable report numbers.
CREATE TABLE report_counters (
  region_code text COLLATE "C" NOT NULL,
  day         text NOT NULL,
  seq         int NOT NULL,
  PRIMARY KEY (region_code, day)
);

-- Deadline notifications already sent (one per deadline and stage, across restarts and instances).
CREATE TABLE deadline_alerts (
  region_code text COLLATE "C" NOT NULL,
  accident_id uuid NOT NULL,
  deadline    text NOT NULL,
  due_at      timestamptz NOT NULL,
  stage       text NOT NULL CHECK (stage IN ('soon', 'passed')),
  sent_at     timestamptz NOT NULL,
  PRIMARY KEY (region_code, accident_id, deadline, due_at, stage)
);
CREATE INDEX accident_chain_accident_idx ON accident_chain (accident_id);
