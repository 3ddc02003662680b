-- 应急预案与备案 (issue 12 §1): plans of enterprises and of governments, their versions, filings (备案) and the bureau's
-- decisions, drills (演练, with the 演练评估报告) and the 3-yearly evaluations (评估). Rules: domain/emergency-plan.ts.
--
-- emergency_plans holds a plan's current state and its clocks (derived, recomputed with every change: the list's
-- filters and the overdue lists read them without joins); what was written is kept in the append-only tables:
-- emergency_plan_revisions (every version, never overwritten: a revision is a new row), plan_filings (each submission)
-- with plan_filing_decisions (the one answer to it: complete, incomplete, or deemed filed by the clock), plan_drills,
-- plan_evaluations and plan_attachments (content-addressed files in stored_files).
--
-- region_code is the owner's region: the enterprise's, or the bureau's for a government plan.
CREATE TABLE emergency_plans (
  id                  uuid NOT NULL,
  region_code         text COLLATE "C" NOT NULL,
  owner_kind          text NOT NULL CHECK (owner_kind IN ('enterprise', 'government')),
  enterprise_id       uuid,
  owner_name          text NOT NULL,
  credit_code         text,
  kind                text NOT NULL CHECK (kind IN ('comprehensive', 'special', 'onsite')),
  title               text NOT NULL,
  revision            int NOT NULL DEFAULT 1,
  published_on        date NOT NULL,
  first_published_on  date NOT NULL,
  -- the owner's duties when last computed (第二十一条, 第二十六条, 第三十三条, 第三十五条), from the registry
  filing_required     boolean NOT NULL,
  review_required     boolean NOT NULL,
  high_risk           boolean NOT NULL,
  evaluation_required boolean NOT NULL,
  -- the clocks (domain/emergency-plan.ts): the filing of the revision that needs one, the bureau's check of a pending
  -- submission, the next drill the plan's drill would meet, the next evaluation; a null due day with a nominal day is
  -- a period ending in a year without its official calendar (clock_gap)
  filing_revision     int,
  filing_status       text NOT NULL CHECK (filing_status IN
                        ('not_required', 'pending', 'overdue', 'submitted', 'filed', 'incomplete', 'deemed')),
  filing_due_on       date,
  filing_open         boolean NOT NULL DEFAULT false,
  check_due_on        date,
  drill_due_on        date,
  drill_nominal_on    date,
  last_drilled_on     date,
  evaluation_due_on   date,
  evaluation_nominal_on date,
  last_evaluated_on   date,
  clock_gap           boolean NOT NULL DEFAULT false,
  created_by          uuid NOT NULL REFERENCES users (id),
  created_by_name     text NOT NULL,
  created_at          timestamptz NOT NULL,
  updated_at          timestamptz NOT NULL,
  version             int NOT NULL DEFAULT 1,
  PRIMARY KEY (region_code, id),
  FOREIGN KEY (region_code, enterprise_id) REFERENCES enterprises (region_code, id) ON UPDATE CASCADE,
  CHECK ((owner_kind = 'enterprise') = (enterprise_id IS NOT NULL))
);
CREATE UNIQUE INDEX emergency_plans_id_uq ON emergency_plans (id);
-- The register of a jurisdiction, newest first; an enterprise's own plans; the overdue lists by kind (a range of due
-- days within a region prefix); plans waiting for a calendar year.
CREATE INDEX emergency_plans_region_created_idx ON emergency_plans (region_code, created_at DESC, id DESC)
  INCLUDE (filing_status, kind, owner_name, title);
CREATE INDEX emergency_plans_created_idx ON emergency_plans (created_at DESC, id DESC) INCLUDE (region_code);
CREATE INDEX emergency_plans_owner_idx ON emergency_plans (credit_code, created_at DESC) WHERE credit_code IS NOT NULL;
CREATE INDEX emergency_plans_enterprise_idx ON emergency_plans (region_code, enterprise_id) WHERE enterprise_id IS NOT NULL;
CREATE INDEX emergency_plans_filing_due_idx ON emergency_plans (region_code, filing_due_on) WHERE filing_open;
CREATE INDEX emergency_plans_check_due_idx ON emergency_plans (region_code, check_due_on) WHERE check_due_on IS NOT NULL;
CREATE INDEX emergency_plans_drill_due_idx ON emergency_plans (region_code, drill_due_on) WHERE drill_due_on IS NOT NULL;
CREATE INDEX emergency_plans_evaluation_due_idx ON emergency_plans (region_code, evaluation_due_on)
  WHERE evaluation_due_on IS NOT NULL;
CREATE INDEX emergency_plans_gap_idx ON emergency_plans (region_code) WHERE clock_gap;

-- Every version of a plan. Revision 1 is the plan as first published; each later one records its trigger (第三十六条),
-- what it changes and whether it must be filed again (第三十七条).
CREATE TABLE emergency_plan_revisions (
  region_code      text COLLATE "C" NOT NULL,
  plan_id          uuid NOT NULL,
  revision         int NOT NULL CHECK (revision >= 1),
  kind             text NOT NULL,
  title            text NOT NULL,
  risks            text[] NOT NULL,
  published_on     date NOT NULL,
  signer           text NOT NULL,
  review_kind      text NOT NULL CHECK (review_kind IN ('review', 'demonstration')),
  reviewed_on      date,
  -- 书面评审纪要 (第二十一条) or the 论证 record
  review_summary   text,
  trigger          text,
  trigger_note     text,
  changes          text[] NOT NULL DEFAULT '{}',
  requires_filing  boolean NOT NULL,
  source_drill_id  uuid,
  recorded_by      uuid NOT NULL REFERENCES users (id),
  recorded_by_name text NOT NULL,
  recorded_at      timestamptz NOT NULL,
  PRIMARY KEY (region_code, plan_id, revision),
  FOREIGN KEY (region_code, plan_id) REFERENCES emergency_plans (region_code, id) ON UPDATE CASCADE,
  CHECK ((revision = 1) = (trigger IS NULL))
);
CREATE TRIGGER emergency_plan_revisions_append_only BEFORE UPDATE OR DELETE ON emergency_plan_revisions
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- A submission of a revision for filing (第二十七条 materials). status is its answer, set once from 'submitted' (the
-- answer itself is plan_filing_decisions); check_due_on is the bureau's 5th working day (第二十八条).
CREATE TABLE plan_filings (
  id                uuid NOT NULL,
  region_code       text COLLATE "C" NOT NULL,
  plan_id           uuid NOT NULL,
  revision          int NOT NULL,
  received_on       date NOT NULL,
  check_due_on      date NOT NULL,
  materials         text[] NOT NULL,
  note              text,
  status            text NOT NULL CHECK (status IN ('submitted', 'complete', 'incomplete', 'deemed')),
  submitted_by      uuid NOT NULL REFERENCES users (id),
  submitted_by_name text NOT NULL,
  submitted_at      timestamptz NOT NULL,
  PRIMARY KEY (region_code, id),
  FOREIGN KEY (region_code, plan_id, revision) REFERENCES emergency_plan_revisions (region_code, plan_id, revision)
    ON UPDATE CASCADE
);
CREATE UNIQUE INDEX plan_filings_id_uq ON plan_filings (id);
CREATE INDEX plan_filings_plan_idx ON plan_filings (region_code, plan_id, submitted_at);
-- At most one submission awaiting its answer per plan.
CREATE UNIQUE INDEX plan_filings_open_uq ON plan_filings (region_code, plan_id) WHERE status = 'submitted';

-- The one answer to a submission: complete (备案登记表, numbered), incomplete (the one notice of everything missing), or
-- deemed filed when the 5 working days passed unanswered (decided_by NULL: the platform's clock).
CREATE TABLE plan_filing_decisions (
  region_code     text COLLATE "C" NOT NULL,
  filing_id       uuid NOT NULL,
  outcome         text NOT NULL CHECK (outcome IN ('complete', 'incomplete', 'deemed')),
  missing         text[] NOT NULL DEFAULT '{}',
  note            text,
  number          text,
  document_id     uuid,
  decided_on      date NOT NULL,
  decided_at      timestamptz NOT NULL,
  decided_by      uuid REFERENCES users (id),
  decided_by_name text NOT NULL,
  decided_org     text NOT NULL,
  PRIMARY KEY (region_code, filing_id),
  FOREIGN KEY (region_code, filing_id) REFERENCES plan_filings (region_code, id) ON UPDATE CASCADE,
  CHECK (outcome <> 'incomplete' OR cardinality(missing) > 0)
);
CREATE INDEX plan_filing_decisions_day_idx ON plan_filing_decisions (region_code, decided_on);
CREATE TRIGGER plan_filing_decisions_append_only BEFORE UPDATE OR DELETE ON plan_filing_decisions
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- 演练 (第三十三条) with its 演练评估报告 (第三十四条): the problems found, each of which may call for a revision.
CREATE TABLE plan_drills (
  id                 uuid NOT NULL,
  region_code        text COLLATE "C" NOT NULL,
  plan_id            uuid NOT NULL,
  plan_kind          text NOT NULL,
  drilled_on         date NOT NULL,
  form               text NOT NULL CHECK (form IN ('tabletop', 'live')),
  participants       int NOT NULL CHECK (participants >= 0),
  participant_units  text,
  scenario           text NOT NULL,
  evaluated_on       date,
  evaluation_summary text,
  -- [{ description, revisionNeeded }]
  problems           jsonb NOT NULL DEFAULT '[]',
  reported_on        date,
  recorded_by        uuid NOT NULL REFERENCES users (id),
  recorded_by_name   text NOT NULL,
  recorded_at        timestamptz NOT NULL,
  PRIMARY KEY (region_code, id),
  FOREIGN KEY (region_code, plan_id) REFERENCES emergency_plans (region_code, id) ON UPDATE CASCADE
);
CREATE INDEX plan_drills_plan_idx ON plan_drills (region_code, plan_id, drilled_on DESC);
CREATE INDEX plan_drills_day_idx ON plan_drills (region_code, drilled_on);
CREATE TRIGGER plan_drills_append_only BEFORE UPDATE OR DELETE ON plan_drills
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- 应急预案评估 (第三十五条).
CREATE TABLE plan_evaluations (
  id               uuid NOT NULL,
  region_code      text COLLATE "C" NOT NULL,
  plan_id          uuid NOT NULL,
  revision         int NOT NULL,
  evaluated_on     date NOT NULL,
  conclusion       text NOT NULL,
  revision_needed  boolean NOT NULL,
  recorded_by      uuid NOT NULL REFERENCES users (id),
  recorded_by_name text NOT NULL,
  recorded_at      timestamptz NOT NULL,
  PRIMARY KEY (region_code, id),
  FOREIGN KEY (region_code, plan_id) REFERENCES emergency_plans (region_code, id) ON UPDATE CASCADE
);
CREATE INDEX plan_evaluations_plan_idx ON plan_evaluations (region_code, plan_id, evaluated_on DESC);
CREATE TRIGGER plan_evaluations_append_only BEFORE UPDATE OR DELETE ON plan_evaluations
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- The plan document, the risk assessment, the resource survey, the review minutes, a drill's evaluation report:
-- files kept by content (stored_files, uploads/files.ts), one row per attachment of a version.
CREATE TABLE plan_attachments (
  id               uuid NOT NULL,
  region_code      text COLLATE "C" NOT NULL,
  plan_id          uuid NOT NULL,
  revision         int NOT NULL,
  kind             text NOT NULL CHECK (kind IN
                     ('plan_document', 'risk_assessment', 'resource_survey', 'review_minutes', 'drill_report', 'other')),
  sha256           text NOT NULL REFERENCES stored_files (sha256),
  file_name        text NOT NULL,
  content_type     text NOT NULL,
  size             int NOT NULL,
  uploaded_by      uuid NOT NULL REFERENCES users (id),
  uploaded_by_name text NOT NULL,
  uploaded_at      timestamptz NOT NULL,
  PRIMARY KEY (region_code, id),
  FOREIGN KEY (region_code, plan_id) REFERENCES emergency_plans (region_code, id) ON UPDATE CASCADE
);
CREATE INDEX plan_attachments_plan_idx ON plan_attachments (region_code, plan_id, revision);
CREATE TRIGGER plan_attachments_append_only BEFORE UPDATE OR DELETE ON plan_attachments
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
