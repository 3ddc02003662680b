-- 分类分级监管, 年度监督检查计划 and 双随机、一公开 (issue 10 §1). 安全生产法 第六十二条: the bureau draws up its annual
-- inspection plan by supervision class and inspects by it. Nothing here is ever overwritten: the class table is kept
-- as revisions, plans, their items and draws are written once, and publishing a draw is a row of its own.

-- The class rules and frequencies of a province (or, region 000000, of the whole country): every edit is a new
-- revision; the highest revision counts. Without any, the table shipped in src/domain/supervision.ts applies.
CREATE TABLE supervision_class_rules (
  region_code     text COLLATE "C" NOT NULL,
  revision        int NOT NULL CHECK (revision >= 1),
  -- { rules: [...], frequencies: {A, B, C}, randomPercent }
  class_table     jsonb NOT NULL,
  note            text,
  created_by      uuid NOT NULL REFERENCES users (id),
  created_by_name text NOT NULL,
  created_at      timestamptz NOT NULL,
  PRIMARY KEY (region_code, revision)
);
CREATE TRIGGER supervision_class_rules_append_only BEFORE UPDATE OR DELETE ON supervision_class_rules
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER supervision_class_rules_no_truncate BEFORE TRUNCATE ON supervision_class_rules
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- A 双随机 draw: the seed, the inputs (the enterprise list with each one's last team, the roster) and the result, so
-- that anyone can recompute it (src/domain/supervision-draw.ts). region_code: the drawing bureau's region.
CREATE TABLE supervision_draws (
  id              uuid NOT NULL,
  region_code     text COLLATE "C" NOT NULL,
  bureau_name     text NOT NULL,
  -- 抽查事项
  subject         text NOT NULL,
  -- set when the draw is a plan's random share
  plan_id         uuid,
  planned_on      date,
  algorithm       text NOT NULL,
  seed            text NOT NULL,
  -- { count, teamSize, enterprises: [{id, name, regionCode, lastTeam}], inspectors: [{id, name, cert}] }
  inputs          jsonb NOT NULL,
  -- [{ enterpriseId, team: [userId] }] in the order drawn
  result          jsonb NOT NULL,
  result_hash     text NOT NULL,
  drawn_on        date NOT NULL,
  created_by      uuid NOT NULL REFERENCES users (id),
  created_by_name text NOT NULL,
  created_at      timestamptz NOT NULL,
  PRIMARY KEY (region_code, id)
);
CREATE UNIQUE INDEX supervision_draws_id_uq ON supervision_draws (id);
CREATE INDEX supervision_draws_region_idx ON supervision_draws (region_code, created_at DESC, id);
CREATE TRIGGER supervision_draws_append_only BEFORE UPDATE OR DELETE ON supervision_draws
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER supervision_draws_no_truncate BEFORE TRUNCATE ON supervision_draws
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- 一公开: a draw made public, once.
CREATE TABLE supervision_draw_publications (
  region_code       text COLLATE "C" NOT NULL,
  draw_id           uuid NOT NULL,
  published_on      date NOT NULL,
  published_at      timestamptz NOT NULL,
  published_by      uuid NOT NULL REFERENCES users (id),
  published_by_name text NOT NULL,
  PRIMARY KEY (region_code, draw_id),
  FOREIGN KEY (region_code, draw_id) REFERENCES supervision_draws (region_code, id)
);
CREATE INDEX supervision_draw_publications_at_idx ON supervision_draw_publications (published_at DESC, draw_id);
CREATE TRIGGER supervision_draw_publications_append_only BEFORE UPDATE OR DELETE ON supervision_draw_publications
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER supervision_draw_publications_no_truncate BEFORE TRUNCATE ON supervision_draw_publications
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- A bureau's annual plan (one per bureau and year). Its progress is computed from the inspections, never stored.
CREATE TABLE supervision_plans (
  id              uuid NOT NULL,
  region_code     text COLLATE "C" NOT NULL,
  year            int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  bureau_name     text NOT NULL,
  -- the class table it was made with (revision 0: the shipped defaults)
  rules_region_code text COLLATE "C" NOT NULL,
  rules_revision  int NOT NULL,
  first_month     smallint NOT NULL CHECK (first_month BETWEEN 1 AND 12),
  team_size       smallint NOT NULL CHECK (team_size >= 2),
  -- the seed of its teams; its random share is the draw random_draw_id
  seed            text NOT NULL,
  random_draw_id  uuid,
  item_count      int NOT NULL,
  created_by      uuid NOT NULL REFERENCES users (id),
  created_by_name text NOT NULL,
  created_at      timestamptz NOT NULL,
  PRIMARY KEY (region_code, id),
  UNIQUE (region_code, year)
);
CREATE UNIQUE INDEX supervision_plans_id_uq ON supervision_plans (id);
CREATE INDEX supervision_plans_year_idx ON supervision_plans (year, region_code);
CREATE TRIGGER supervision_plans_append_only BEFORE UPDATE OR DELETE ON supervision_plans
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER supervision_plans_no_truncate BEFORE TRUNCATE ON supervision_plans
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- An inspection planned: an enterprise, a month, a team. region_code: the plan's (items live with their plan).
CREATE TABLE supervision_plan_items (
  id                     uuid NOT NULL,
  region_code            text COLLATE "C" NOT NULL,
  plan_id                uuid NOT NULL,
  enterprise_id          uuid NOT NULL,
  enterprise_region_code text COLLATE "C" NOT NULL,
  enterprise_name        text NOT NULL,
  class                  text NOT NULL CHECK (class IN ('A', 'B', 'C')),
  -- the facts that set the class when the plan was made
  reasons                jsonb NOT NULL,
  source                 text NOT NULL CHECK (source IN ('key', 'random')),
  month                  smallint NOT NULL CHECK (month BETWEEN 1 AND 12),
  -- [{userId, name, cert}]
  team                   jsonb NOT NULL,
  -- the roster was too small to avoid the enterprise's last team (回避): the bureau must reassign
  conflict_waived        boolean NOT NULL DEFAULT false,
  PRIMARY KEY (region_code, id),
  FOREIGN KEY (region_code, plan_id) REFERENCES supervision_plans (region_code, id)
);
CREATE UNIQUE INDEX supervision_plan_items_id_uq ON supervision_plan_items (id);
CREATE INDEX supervision_plan_items_plan_idx ON supervision_plan_items (region_code, plan_id, month);
CREATE TRIGGER supervision_plan_items_append_only BEFORE UPDATE OR DELETE ON supervision_plan_items
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER supervision_plan_items_no_truncate BEFORE TRUNCATE ON supervision_plan_items
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- Inspections that carry out a plan item (progress by plan).
CREATE INDEX IF NOT EXISTS supervision_inspections_plan_item_idx ON inspections (plan_item_id) WHERE plan_item_id IS NOT NULL;
