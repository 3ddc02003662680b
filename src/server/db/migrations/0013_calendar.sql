-- 法定节假日安排 loaded by an administrator (PUT /api/calendar/:year): a year not shipped with the release (2027 when
-- it is announced), or a correction. The schedules of 2020–2026 ship in src/domain/holiday-schedules.ts; a loaded
-- year overrides the shipped one. Never overwritten: every load is a new revision; the latest revision counts.
-- The calendar is national: region_code is '000000' (kept for the distribution rule of growing tables).
CREATE TABLE holiday_schedules (
  region_code text COLLATE "C" NOT NULL DEFAULT '000000',
  year        int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  revision    int NOT NULL CHECK (revision >= 1),
  source      text NOT NULL,
  periods     jsonb NOT NULL,
  loaded_by   uuid NOT NULL REFERENCES users (id),
  loaded_at   timestamptz NOT NULL,
  PRIMARY KEY (region_code, year, revision)
);
CREATE TRIGGER holiday_schedules_append_only BEFORE UPDATE OR DELETE ON holiday_schedules
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
