-- Bulletins (事故情况通报: 周分析、月通报、季度研判、任意时段). A bulletin is an official document once issued: the row
-- keeps the figures it was written from and its text, and never changes (corrections are a new bulletin).

CREATE TABLE bulletins (
  id                uuid NOT NULL,
  -- the region reported on (the bulletin's scope); jurisdiction is a prefix match on it
  region_code       text COLLATE "C" NOT NULL REFERENCES regions (code),
  kind              text NOT NULL CHECK (kind IN ('weekly', 'monthly', 'quarterly', 'range')),
  -- [period_from, period_to): the figures' period, cut at the moment of writing when still running
  period_from       timestamptz NOT NULL,
  period_to         timestamptz NOT NULL,
  -- the 同比 period (the same dates one year earlier)
  previous_from     timestamptz NOT NULL,
  previous_to       timestamptz NOT NULL,
  title             text NOT NULL,
  issuing_organ     text NOT NULL,
  recipients        text NOT NULL,
  -- snapshot: the figures used (summary, breakdowns, 较大及以上 list, trend) and the composed text blocks
  body              jsonb NOT NULL,
  -- the plain-text rendering, as issued
  body_text         text NOT NULL,
  created_by        uuid NOT NULL REFERENCES users (id),
  created_by_name   text NOT NULL,
  created_org_id    uuid NOT NULL REFERENCES organizations (id),
  created_at        timestamptz NOT NULL,
  PRIMARY KEY (region_code, id),
  CHECK (period_to > period_from),
  CHECK (previous_to > previous_from)
);
CREATE UNIQUE INDEX bulletins_id_uq ON bulletins (id);
CREATE INDEX bulletins_region_created_idx ON bulletins (region_code, created_at DESC, id DESC);

CREATE TRIGGER bulletins_immutable BEFORE UPDATE OR DELETE ON bulletins
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
