-- 隐患排查治理 (issue 10 §3): hidden dangers in a closed loop — found (by a bureau's inspection, the enterprise's own
-- check, a tip-off, another department), ordered to be fixed by a deadline (责令限期整改), fixed and reported, re-inspected
-- (复查) and closed; a 重大 danger also needs its 治理方案 and the bureau's 销号. 安全生产法 第四十一条: the county bureau and
-- above keep 重大事故隐患 in an information system and supervise them (督办).
--
-- hidden_dangers holds the danger's current state (version counts its changes); hidden_danger_events is its history,
-- append-only like the audit log: every change is a new event, nothing is overwritten there.
CREATE TABLE hidden_dangers (
  id                    uuid NOT NULL,
  -- the enterprise's region (属地): the jurisdiction of the danger
  region_code           text COLLATE "C" NOT NULL,
  enterprise_id         uuid NOT NULL,
  level                 text NOT NULL CHECK (level IN ('general', 'major')),
  source                text NOT NULL CHECK (source IN ('inspection', 'self_check', 'tip_off', 'other_department')),
  description           text NOT NULL,
  location              text,
  -- 重大: the 判定标准 item that makes it 重大 (src/domain/danger-standards.ts)
  standard_item         text,
  found_on              date NOT NULL,
  -- 一般 fixed on the spot (当场整改) or by a deadline; 重大 always by a deadline
  rectification         text NOT NULL CHECK (rectification IN ('immediate', 'deadline')),
  measures              text,
  deadline              date,
  -- 现场处理措施 for a 重大 danger (安全生产法 第六十五条): withdraw_workers, suspend_production, stop_equipment
  immediate_measures    text[] NOT NULL DEFAULT '{}',
  -- the 治理方案 of a 重大 danger (jsonb: goals, methods, funds, organisation, timeLimit, safetyMeasures)
  plan                  jsonb,
  plan_filed_at         timestamptz,
  completed_on          date,
  completion_note       text,
  recheck_due_on        date,
  rechecked_on          date,
  recheck_passed        boolean,
  closed_at             timestamptz,
  closed_on             date,
  -- 重大: listed for 督办 from the moment it is found until 销号
  supervised            boolean NOT NULL DEFAULT false,
  reported_by           uuid NOT NULL REFERENCES users (id),
  reported_by_name      text NOT NULL,
  reported_by_org       text NOT NULL,
  created_at            timestamptz NOT NULL,
  updated_at            timestamptz NOT NULL,
  version               int NOT NULL DEFAULT 1,
  PRIMARY KEY (region_code, id),
  FOREIGN KEY (region_code, enterprise_id) REFERENCES enterprises (region_code, id) ON UPDATE CASCADE,
  CHECK (level = 'general' OR (standard_item IS NOT NULL AND rectification = 'deadline')),
  CHECK (rectification = 'immediate' OR deadline IS NOT NULL OR source = 'self_check')
);
CREATE UNIQUE INDEX hidden_dangers_id_uq ON hidden_dangers (id);
-- The register of a jurisdiction, newest first, and an enterprise's dangers.
CREATE INDEX hidden_dangers_region_found_idx ON hidden_dangers (region_code, found_on DESC, id);
CREATE INDEX hidden_dangers_enterprise_idx ON hidden_dangers (region_code, enterprise_id, found_on DESC);
-- Open dangers by deadline (overdue lists, the workbench).
CREATE INDEX hidden_dangers_open_deadline_idx ON hidden_dangers (region_code, deadline) WHERE closed_at IS NULL;

CREATE TABLE hidden_danger_events (
  region_code  text COLLATE "C" NOT NULL,
  danger_id    uuid NOT NULL,
  seq          int NOT NULL,
  kind         text NOT NULL,
  at           timestamptz NOT NULL,
  actor_id     uuid REFERENCES users (id),
  actor_name   text NOT NULL,
  actor_org    text NOT NULL,
  note         text,
  data         jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (region_code, danger_id, seq),
  FOREIGN KEY (region_code, danger_id) REFERENCES hidden_dangers (region_code, id) ON UPDATE CASCADE
);
CREATE TRIGGER hidden_danger_events_append_only BEFORE UPDATE OR DELETE ON hidden_danger_events
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER hidden_danger_events_no_truncate BEFORE TRUNCATE ON hidden_danger_events
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- 延期申请 (原总局令第15号 第十七条): filed at least 10 days before the deadline, answered within 5 days.
CREATE TABLE hidden_danger_extensions (
  id             uuid NOT NULL,
  region_code    text COLLATE "C" NOT NULL,
  danger_id      uuid NOT NULL,
  requested_on   date NOT NULL,
  old_deadline   date NOT NULL,
  new_deadline   date NOT NULL,
  reason         text NOT NULL,
  answer_due_on  date NOT NULL,
  status         text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  requested_by   uuid NOT NULL REFERENCES users (id),
  requested_by_name text NOT NULL,
  requested_at   timestamptz NOT NULL,
  decided_by     uuid REFERENCES users (id),
  decided_by_name text,
  decided_at     timestamptz,
  decided_on     date,
  decision_note  text,
  PRIMARY KEY (region_code, id),
  FOREIGN KEY (region_code, danger_id) REFERENCES hidden_dangers (region_code, id) ON UPDATE CASCADE,
  CHECK (new_deadline > old_deadline),
  CHECK ((status = 'pending') = (decided_at IS NULL))
);
CREATE UNIQUE INDEX hidden_danger_extensions_id_uq ON hidden_danger_extensions (id);
CREATE UNIQUE INDEX hidden_danger_extensions_pending_uq ON hidden_danger_extensions (region_code, danger_id)
  WHERE status = 'pending';
CREATE INDEX hidden_danger_extensions_danger_idx ON hidden_danger_extensions (region_code, danger_id, requested_at);
