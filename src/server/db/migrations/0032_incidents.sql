-- 应急处置 (issue 12 §3): an incident opened from a quick report (one per accident), its response level and the bureau
-- leading it, the incident log written by every participating level, the tasks given to rescue resources with their
-- state events, the invitations of other departments' users, and the views of those users.
--
-- region_code is the accident's region (its county or town): a bureau's jurisdiction over an incident is the one it
-- has over the accident. incidents holds the current state (version counts its changes); every change is also a row of
-- an append-only table (incident_levels, incident_log, incident_task_events), nothing is overwritten there.

-- 协同部门 (公安, 消防, 卫健, 交通 …): accounts with no permission of their own, which reach only the incidents they
-- are invited to (contracts/policies.ts).
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check
  CHECK (role IN ('admin', 'duty', 'stats', 'inspector', 'leader', 'enterprise', 'department'));

CREATE TABLE incidents (
  id                uuid NOT NULL,
  region_code       text COLLATE "C" NOT NULL,
  accident_id       uuid NOT NULL,
  -- Ⅰ级 (highest) … Ⅳ级 (domain/incident.ts)
  level             text NOT NULL CHECK (level IN ('I', 'II', 'III', 'IV')),
  -- the bureau leading the response (its region and name when it took the lead)
  lead_region_code  text COLLATE "C" NOT NULL REFERENCES regions (code),
  lead_org_name     text NOT NULL,
  status            text NOT NULL CHECK (status IN ('open', 'closed')),
  -- opened by the platform on a quick report of 较大 or higher
  auto_opened       boolean NOT NULL,
  -- where the accident is, WGS84 degrees, for the nearest resources and the map: the unit's registered location when the
  -- report names a registered enterprise, else the county's seat (domain/county-seats.ts); NULL when neither is known
  lng               double precision,
  lat               double precision,
  location_source   text NOT NULL CHECK (location_source IN ('enterprise', 'county_seat', 'unknown')),
  -- when the bureau learned of the accident (the quick report's received_at): the start of the response times
  reported_at       timestamptz NOT NULL,
  opened_at         timestamptz NOT NULL,
  opened_by         uuid REFERENCES users (id),
  opened_by_name    text NOT NULL,
  -- the first task dispatched and the first resource on site (statistics: report → dispatch → on site)
  first_dispatch_at timestamptz,
  first_on_site_at  timestamptz,
  closed_at         timestamptz,
  closed_by         uuid REFERENCES users (id),
  closed_by_name    text,
  close_summary     text,
  -- the 处置情况报告 (issued_documents, subject_type 'incident')
  report_document_id uuid,
  log_count         int NOT NULL DEFAULT 0,
  updated_at        timestamptz NOT NULL,
  version           int NOT NULL DEFAULT 1,
  PRIMARY KEY (region_code, id),
  UNIQUE (region_code, accident_id),
  FOREIGN KEY (region_code, accident_id) REFERENCES accidents (region_code, id) ON UPDATE CASCADE,
  CHECK ((status = 'closed') = (closed_at IS NOT NULL))
);
CREATE UNIQUE INDEX incidents_id_uq ON incidents (id);
-- The list of a jurisdiction newest first (open ones first in the UI by a filter); the statistics by period.
CREATE INDEX incidents_region_opened_idx ON incidents (region_code, opened_at DESC, id DESC) INCLUDE (status, level);
CREATE INDEX incidents_opened_idx ON incidents (opened_at DESC, id DESC) INCLUDE (region_code, status, level);
CREATE INDEX incidents_reported_idx ON incidents (reported_at) INCLUDE (region_code, level, first_dispatch_at, first_on_site_at);

-- 响应级别 history: the level at opening (seq 1) and every change with its reason.
CREATE TABLE incident_levels (
  region_code       text COLLATE "C" NOT NULL,
  incident_id       uuid NOT NULL,
  seq               int NOT NULL,
  level             text NOT NULL CHECK (level IN ('I', 'II', 'III', 'IV')),
  lead_region_code  text COLLATE "C" NOT NULL,
  lead_org_name     text NOT NULL,
  reason            text NOT NULL,
  at                timestamptz NOT NULL,
  actor_id          uuid REFERENCES users (id),
  actor_name        text NOT NULL,
  PRIMARY KEY (region_code, incident_id, seq),
  FOREIGN KEY (region_code, incident_id) REFERENCES incidents (region_code, id) ON UPDATE CASCADE
);
CREATE TRIGGER incident_levels_append_only BEFORE UPDATE OR DELETE ON incident_levels
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER incident_levels_no_truncate BEFORE TRUNCATE ON incident_levels
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- 处置日志: timestamped entries (指令, 情况报告, 决策 …) by every participating level and invited department, and the
-- platform's own entries (opening, level changes, follow-up figures, tasks, invitations, closing). Who wrote each:
-- the user, the organisation (or the invited department) and the level it speaks for.
CREATE TABLE incident_log (
  region_code  text COLLATE "C" NOT NULL,
  incident_id  uuid NOT NULL,
  seq          int NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('order', 'situation', 'decision', 'note',
                 'opened', 'level', 'figures', 'task', 'invitation', 'closed')),
  at           timestamptz NOT NULL,
  author_id    uuid REFERENCES users (id),
  author_name  text NOT NULL,
  author_org   text NOT NULL,
  -- national | province | city | county | town | department | system
  author_level text NOT NULL,
  text         text NOT NULL,
  data         jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (region_code, incident_id, seq),
  FOREIGN KEY (region_code, incident_id) REFERENCES incidents (region_code, id) ON UPDATE CASCADE
);
CREATE TRIGGER incident_log_append_only BEFORE UPDATE OR DELETE ON incident_log
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER incident_log_no_truncate BEFORE TRUNCATE ON incident_log
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- 力量调派: a task given to a team, a piece of equipment or an expert (rescue_resources, 0031), and its state with
-- the time of each step. The resource's name and region are kept as they were at dispatch. A resource with a task not
-- withdrawn is committed (busy); closing an incident withdraws its remaining tasks.
CREATE TABLE incident_tasks (
  id               uuid NOT NULL,
  region_code      text COLLATE "C" NOT NULL,
  incident_id      uuid NOT NULL,
  resource_id      uuid NOT NULL REFERENCES rescue_resources (id),
  resource_kind    text NOT NULL,
  resource_name    text NOT NULL,
  resource_region_code text COLLATE "C" NOT NULL,
  -- straight-line distance from the accident at dispatch, km
  distance_km      double precision,
  assignment       text NOT NULL,
  state            text NOT NULL CHECK (state IN ('dispatched', 'en_route', 'on_site', 'withdrawn')),
  dispatched_at    timestamptz NOT NULL,
  en_route_at      timestamptz,
  on_site_at       timestamptz,
  withdrawn_at     timestamptz,
  dispatched_by    uuid REFERENCES users (id),
  dispatched_by_name text NOT NULL,
  event_count      int NOT NULL DEFAULT 1,
  updated_at       timestamptz NOT NULL,
  PRIMARY KEY (region_code, id),
  FOREIGN KEY (region_code, incident_id) REFERENCES incidents (region_code, id) ON UPDATE CASCADE
);
CREATE UNIQUE INDEX incident_tasks_id_uq ON incident_tasks (id);
CREATE INDEX incident_tasks_incident_idx ON incident_tasks (region_code, incident_id, dispatched_at);
-- Busy resources: the committed tasks of a resource (or of many, for a nearest list).
CREATE INDEX incident_tasks_committed_idx ON incident_tasks (resource_id) WHERE state <> 'withdrawn';

CREATE TABLE incident_task_events (
  region_code  text COLLATE "C" NOT NULL,
  task_id      uuid NOT NULL,
  seq          int NOT NULL,
  state        text NOT NULL CHECK (state IN ('dispatched', 'en_route', 'on_site', 'withdrawn')),
  -- when it happened (reported by the team) and when it was recorded
  at           timestamptz NOT NULL,
  recorded_at  timestamptz NOT NULL,
  actor_id     uuid REFERENCES users (id),
  actor_name   text NOT NULL,
  note         text,
  PRIMARY KEY (region_code, task_id, seq),
  FOREIGN KEY (region_code, task_id) REFERENCES incident_tasks (region_code, id) ON UPDATE CASCADE
);
CREATE TRIGGER incident_task_events_append_only BEFORE UPDATE OR DELETE ON incident_task_events
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER incident_task_events_no_truncate BEFORE TRUNCATE ON incident_task_events
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- 部门协同: a user of another department (role 'department') invited to one incident, to read it or also to write in
-- its log. Revoking ends it (revoked_at); a changed right is a new invitation.
CREATE TABLE incident_invitations (
  id               uuid NOT NULL,
  region_code      text COLLATE "C" NOT NULL,
  incident_id      uuid NOT NULL,
  user_id          uuid NOT NULL REFERENCES users (id),
  department       text NOT NULL CHECK (department IN ('public_security', 'fire', 'health', 'transport', 'other')),
  department_name  text NOT NULL,
  access           text NOT NULL CHECK (access IN ('read', 'comment')),
  invited_at       timestamptz NOT NULL,
  invited_by       uuid REFERENCES users (id),
  invited_by_name  text NOT NULL,
  revoked_at       timestamptz,
  revoked_by       uuid REFERENCES users (id),
  revoked_by_name  text,
  PRIMARY KEY (region_code, id),
  FOREIGN KEY (region_code, incident_id) REFERENCES incidents (region_code, id) ON UPDATE CASCADE
);
CREATE UNIQUE INDEX incident_invitations_id_uq ON incident_invitations (id);
CREATE INDEX incident_invitations_user_idx ON incident_invitations (user_id, incident_id) WHERE revoked_at IS NULL;
CREATE INDEX incident_invitations_incident_idx ON incident_invitations (region_code, incident_id);

-- Every view of an incident by an invited user (the page, the wall screen, the report), besides its audit row.
CREATE TABLE incident_views (
  region_code  text COLLATE "C" NOT NULL,
  incident_id  uuid NOT NULL,
  id           uuid NOT NULL,
  user_id      uuid NOT NULL REFERENCES users (id),
  user_name    text NOT NULL,
  department_name text NOT NULL,
  what         text NOT NULL CHECK (what IN ('detail', 'wall', 'report')),
  at           timestamptz NOT NULL,
  PRIMARY KEY (region_code, incident_id, id),
  FOREIGN KEY (region_code, incident_id) REFERENCES incidents (region_code, id) ON UPDATE CASCADE
);
CREATE TRIGGER incident_views_append_only BEFORE UPDATE OR DELETE ON incident_views
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER incident_views_no_truncate BEFORE TRUNCATE ON incident_views
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
