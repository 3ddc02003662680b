-- 行政处罚案件 (issue 11): a bureau's penalty case from 立案 to 归档 (domain/penalty-case.ts). penalty_cases holds the
-- case's current state (version counts its changes); penalty_case_events is its history, append-only: every change is
-- a new event, nothing is overwritten there. Documents are issued_documents (subject_type 'penalty_case').
--
-- region_code is the handling bureau's region: the case is the bureau's record; the party's enterprise may lie
-- anywhere in the bureau's subtree. An enterprise reads the cases whose party it is (party_credit_code).
CREATE TABLE penalty_cases (
  id                    uuid NOT NULL,
  region_code           text COLLATE "C" NOT NULL,
  procedure             text NOT NULL CHECK (procedure IN ('general', 'summary')),
  source                text NOT NULL CHECK (source IN ('inspection', 'hidden_danger', 'tip_off', 'investigation', 'manual')),
  source_id             uuid,
  cause                 text NOT NULL,
  summary               text NOT NULL,
  status                text NOT NULL,
  -- the party (当事人): { kind, name, enterpriseId, creditCode, idNumber, legalRepresentative, workUnit, position,
  -- address, phone }; its name and credit code are columns for the list and the enterprise's own view
  party                 jsonb NOT NULL,
  party_kind            text NOT NULL CHECK (party_kind IN ('unit', 'person')),
  party_name            text NOT NULL,
  party_credit_code     text,
  enterprise_id         uuid,
  -- [{ code, circumstance, facts }] against the discretion table in force at 立案 (discretion_version)
  violations            jsonb NOT NULL,
  discretion_version    text NOT NULL,
  -- [{ userId, name, cert }]
  officers              jsonb NOT NULL,
  opened_on             date,
  decision_extension    text NOT NULL DEFAULT 'none' CHECK (decision_extension IN ('none', 'head', 'higher')),
  proposed_fine_yuan    bigint,
  proposed_kinds        text[] NOT NULL DEFAULT '{}',
  band_min_yuan         bigint,
  band_max_yuan         bigint,
  outside_band_reason   text,
  legal_review_required boolean NOT NULL DEFAULT false,
  legal_review          jsonb,
  hearing_right         boolean NOT NULL DEFAULT false,
  notice_served_on      date,
  hearing_requested_on  date,
  hearing_on            date,
  hearing_held_on       date,
  fine_yuan             bigint,
  kinds                 text[] NOT NULL DEFAULT '{}',
  decided_on            date,
  served_on             date,
  service_method        text,
  paid_on               date,
  -- 罚款 and 加处罚款 paid, in fen (加处罚款 is 3 % a day: fen, not whole yuan)
  paid_fen              bigint,
  filing_required       boolean NOT NULL DEFAULT false,
  filed_on              date,
  reminder_served_on    date,
  court_applied_on      date,
  court                 text,
  police_transferred_on date,
  correction_deadline   date,
  correction_verified_on date,
  -- [{ appeal: review|litigation, filedOn, outcome, decidedOn }]
  appeals               jsonb NOT NULL DEFAULT '[]',
  outcome               text,
  outcome_reason        text,
  closed_on             date,
  archived_on           date,
  file_number           text,
  -- the earliest last day of a duty still open (the list's overdue filter and order), and whether a clock could not
  -- be computed for want of a calendar year (looked at again once the year is loaded)
  next_due_on           date,
  clock_gap             boolean NOT NULL DEFAULT false,
  -- 行政处罚决定公开 (行政处罚法 第四十八条): published with the decision, withdrawn when it is revoked
  published_at          timestamptz,
  withdrawn_at          timestamptz,
  withdraw_reason       text,
  created_by            uuid NOT NULL REFERENCES users (id),
  created_by_name       text NOT NULL,
  created_at            timestamptz NOT NULL,
  updated_at            timestamptz NOT NULL,
  version               int NOT NULL DEFAULT 1,
  PRIMARY KEY (region_code, id),
  CHECK (party_kind = 'person' OR party_credit_code IS NOT NULL),
  CHECK (band_min_yuan IS NULL OR band_min_yuan <= band_max_yuan)
);
CREATE UNIQUE INDEX penalty_cases_id_uq ON penalty_cases (id);
-- The register of a jurisdiction newest first, by status and overdue; a party's cases; the cases awaiting a calendar
-- year; the public decisions. The list scopes by a region prefix (region_code LIKE '3703%'), a range to the planner, so no region-first index gives
-- it the order newest first (measured with bench/cases.ts, 2,000,000 cases over 151 counties and five years):
-- - a city's or the province's page walks the newest cases and stops after its page (it sorted the whole scope:
--   1.5–4 s); the included columns let a period's capped count read the index alone;
CREATE INDEX penalty_cases_created_idx ON penalty_cases (created_at DESC, id DESC)
  INCLUDE (region_code, status, procedure, next_due_on);
-- - a status newest first (a status found mostly in one period, court or archived, would walk the index above);
CREATE INDEX penalty_cases_status_created_idx ON penalty_cases (status, created_at DESC, id DESC) INCLUDE (region_code);
-- - a county's register, its filters, its search and the counts of any scope from the index alone.
CREATE INDEX penalty_cases_region_created_cover_idx ON penalty_cases (region_code, created_at DESC, id DESC)
  INCLUDE (status, procedure, next_due_on, party_name, cause, fine_yuan, opened_on, decided_on);
CREATE INDEX penalty_cases_due_idx ON penalty_cases (region_code, next_due_on) WHERE next_due_on IS NOT NULL;
CREATE INDEX penalty_cases_party_idx ON penalty_cases (party_credit_code, created_at DESC) WHERE party_credit_code IS NOT NULL;
CREATE INDEX penalty_cases_gap_idx ON penalty_cases (region_code) WHERE clock_gap;
CREATE INDEX penalty_cases_published_idx ON penalty_cases (published_at DESC) WHERE published_at IS NOT NULL AND withdrawn_at IS NULL;

CREATE TABLE penalty_case_events (
  region_code  text COLLATE "C" NOT NULL,
  case_id      uuid NOT NULL,
  seq          int NOT NULL,
  kind         text NOT NULL,
  at           timestamptz NOT NULL,
  actor_id     uuid REFERENCES users (id),
  actor_name   text NOT NULL,
  actor_org    text NOT NULL,
  note         text,
  data         jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (region_code, case_id, seq),
  FOREIGN KEY (region_code, case_id) REFERENCES penalty_cases (region_code, id) ON UPDATE CASCADE
);
CREATE TRIGGER penalty_case_events_append_only BEFORE UPDATE OR DELETE ON penalty_case_events
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER penalty_case_events_no_truncate BEFORE TRUNCATE ON penalty_case_events
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- 自由裁量基准: a province's own benchmark, versioned (a case uses the version in force at 立案). The national default
-- ships with the release (domain/discretion-defaults.ts) and is version 'national'.
CREATE TABLE discretion_tables (
  region_code    text COLLATE "C" NOT NULL,
  version        int NOT NULL,
  title          text NOT NULL,
  effective_from date NOT NULL,
  entries        jsonb NOT NULL,
  created_by     uuid NOT NULL REFERENCES users (id),
  created_by_name text NOT NULL,
  created_at     timestamptz NOT NULL,
  PRIMARY KEY (region_code, version)
);
CREATE TRIGGER discretion_tables_append_only BEFORE UPDATE OR DELETE ON discretion_tables
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- 上一年度城镇单位就业人员平均工资 per province and year (令第14号 第四条), and the province's 较大数额罚款 for hearings
-- (行政处罚法 第六十三条); each entry a new revision.
CREATE TABLE penalty_settings (
  region_code    text COLLATE "C" NOT NULL,
  key            text NOT NULL,
  revision       int NOT NULL,
  value          jsonb NOT NULL,
  set_by         uuid NOT NULL REFERENCES users (id),
  set_by_name    text NOT NULL,
  set_at         timestamptz NOT NULL,
  PRIMARY KEY (region_code, key, revision)
);
CREATE TRIGGER penalty_settings_append_only BEFORE UPDATE OR DELETE ON penalty_settings
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- 执法统计 by county and day, kept in the transaction of each change (the statistics of a province-year sum a few
-- tens of thousands of rows instead of scanning its cases). Each count is of events on that day: cases opened
-- (立案) and closed (结案), decisions by kind and the amount decided, payments collected (in fen), hearings held,
-- appeals filed and the ones that changed or revoked the decision, transfers to the court and to the police,
-- 按日连续处罚 and 不予处罚 decisions.
CREATE TABLE case_stats_daily (
  region_code   text COLLATE "C" NOT NULL,
  day           date NOT NULL,
  opened        int NOT NULL DEFAULT 0,
  closed        int NOT NULL DEFAULT 0,
  decided       int NOT NULL DEFAULT 0,
  warning       int NOT NULL DEFAULT 0,
  fine          int NOT NULL DEFAULT 0,
  confiscation  int NOT NULL DEFAULT 0,
  suspension    int NOT NULL DEFAULT 0,
  licence       int NOT NULL DEFAULT 0,
  closure       int NOT NULL DEFAULT 0,
  fined_yuan    bigint NOT NULL DEFAULT 0,
  collected_fen bigint NOT NULL DEFAULT 0,
  hearings      int NOT NULL DEFAULT 0,
  reviews       int NOT NULL DEFAULT 0,
  reviews_changed int NOT NULL DEFAULT 0,
  litigations   int NOT NULL DEFAULT 0,
  litigations_changed int NOT NULL DEFAULT 0,
  court         int NOT NULL DEFAULT 0,
  police        int NOT NULL DEFAULT 0,
  daily         int NOT NULL DEFAULT 0,
  no_penalty    int NOT NULL DEFAULT 0,
  PRIMARY KEY (region_code, day)
);
