-- Enterprise registry (企业), safety licences (安全生产许可证 …), and the major-hazard register (重大危险源):
-- units with their substances, the grade recomputed on every change and kept with its history, census campaigns.
-- Every table carries region_code (the enterprise's county or town) in its primary key, as accidents do.

CREATE TABLE enterprises (
  id                   uuid NOT NULL,
  -- county (6 digits) or town (9 digits) where the enterprise is supervised (属地)
  region_code          text COLLATE "C" NOT NULL REFERENCES regions (code),
  -- 统一社会信用代码, check character verified at the edge (GB 32100-2015)
  credit_code          text COLLATE "C" NOT NULL,
  name                 text NOT NULL,
  address              text NOT NULL,
  longitude            numeric(9, 6) CHECK (longitude BETWEEN 73 AND 136),
  latitude             numeric(8, 6) CHECK (latitude BETWEEN 3 AND 54),
  industry_code        text NOT NULL,
  sectors              text[] NOT NULL DEFAULT '{}'
    CHECK (sectors <@ ARRAY['hazardous_chemicals', 'non_coal_mines', 'fireworks', 'industry_trade', 'other']),
  scale                text CHECK (scale IN ('large', 'medium', 'small', 'micro')),
  legal_representative text,
  principal_name       text,
  principal_phone      text,
  safety_manager_name  text,
  safety_manager_phone text,
  employees            int CHECK (employees >= 0),
  status               text NOT NULL DEFAULT 'operating' CHECK (status IN ('operating', 'suspended', 'closed')),
  -- the major-hazard summary of its units, kept by the register (max grade: 1 = 一级 is the highest)
  major_hazard_count   int NOT NULL DEFAULT 0,
  top_hazard_grade     smallint CHECK (top_hazard_grade BETWEEN 1 AND 4),
  version              int NOT NULL DEFAULT 1,
  created_at           timestamptz NOT NULL,
  updated_at           timestamptz NOT NULL,
  PRIMARY KEY (region_code, id)
);
-- One registry: a credit code names one enterprise (see ARCHITECTURE.md on Citus for the global unique keys).
CREATE UNIQUE INDEX enterprises_credit_code_uq ON enterprises (credit_code);
CREATE UNIQUE INDEX enterprises_id_uq ON enterprises (id);
CREATE INDEX enterprises_region_name_idx ON enterprises (region_code, name, id);
CREATE INDEX enterprises_sectors_idx ON enterprises USING gin (sectors);
-- Chinese fuzzy search by name or address: character bigrams (text_bigrams, migration 0002).
CREATE INDEX enterprises_text_bigram_idx ON enterprises USING gin (text_bigrams(name || ' ' || address));

CREATE TABLE licences (
  id             uuid NOT NULL,
  region_code    text COLLATE "C" NOT NULL,
  enterprise_id  uuid NOT NULL,
  type           text NOT NULL CHECK (type IN ('hc_production', 'hc_operation', 'hc_use', 'non_coal_mine',
                                               'fireworks_production', 'fireworks_wholesale', 'fireworks_retail')),
  number         text NOT NULL,
  scope          text,
  issuer         text NOT NULL,
  valid_from     date NOT NULL,
  valid_to       date NOT NULL,
  -- as recorded by the issuer; "expired" follows from valid_to (domain/enterprise.ts licenceState)
  status         text NOT NULL DEFAULT 'valid' CHECK (status IN ('valid', 'suspended', 'revoked')),
  version        int NOT NULL DEFAULT 1,
  created_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL,
  PRIMARY KEY (region_code, id),
  FOREIGN KEY (region_code, enterprise_id) REFERENCES enterprises (region_code, id) ON UPDATE CASCADE,
  CHECK (valid_to >= valid_from)
);
CREATE UNIQUE INDEX licences_id_uq ON licences (id);
CREATE UNIQUE INDEX licences_type_number_uq ON licences (type, number);
CREATE INDEX licences_enterprise_idx ON licences (region_code, enterprise_id);
CREATE INDEX licences_expiry_idx ON licences (valid_to, region_code) WHERE status = 'valid';

-- 生产单元 / 储存单元 (GB 18218-2018 3.2–3.4) with their hazardous chemicals and the people within 500 m, and the
-- latest evaluation (recomputed on every change by the service; the history is hazard_unit_evaluations).
CREATE TABLE hazard_units (
  id                  uuid NOT NULL,
  region_code         text COLLATE "C" NOT NULL,
  enterprise_id       uuid NOT NULL,
  kind                text NOT NULL CHECK (kind IN ('production', 'storage')),
  name                text NOT NULL,
  -- [{ cas?, name?, category?: string[], quantityT: "decimal string" }] as entered (design maximum, 4.2.2)
  substances          jsonb NOT NULL,
  exposed_people      int NOT NULL CHECK (exposed_people >= 0),
  -- the latest evaluation: per substance the Table-1 row, category, Q, β and q/Q (domain/major-hazard.ts)
  items               jsonb NOT NULL,
  s                   numeric(14, 4) NOT NULL,
  r                   numeric(14, 4) NOT NULL,
  alpha               numeric(3, 1) NOT NULL,
  is_major            boolean NOT NULL,
  grade               smallint CHECK (grade BETWEEN 1 AND 4),
  -- 包保责任人 of a major hazard
  principal_name      text,
  principal_phone     text,
  technical_name      text,
  technical_phone     text,
  operation_name      text,
  operation_phone     text,
  -- 备案
  filing_status       text NOT NULL DEFAULT 'unfiled' CHECK (filing_status IN ('unfiled', 'filed')),
  filing_no           text,
  filed_at            date,
  retired_at          timestamptz,
  version             int NOT NULL DEFAULT 1,
  created_at          timestamptz NOT NULL,
  updated_at          timestamptz NOT NULL,
  PRIMARY KEY (region_code, id),
  FOREIGN KEY (region_code, enterprise_id) REFERENCES enterprises (region_code, id) ON UPDATE CASCADE,
  CHECK (is_major = (grade IS NOT NULL)),
  CHECK (filing_status = 'unfiled' OR filed_at IS NOT NULL)
);
CREATE UNIQUE INDEX hazard_units_id_uq ON hazard_units (id);
CREATE INDEX hazard_units_enterprise_idx ON hazard_units (region_code, enterprise_id);
-- The major-hazard list: a small region (county) by its prefix, then sorted; a large one (province, city) walked in
-- the list's order (grade, newest change first) and filtered by prefix; every unit (all=true) newest first.
CREATE INDEX hazard_units_major_idx ON hazard_units (region_code, grade, updated_at DESC, id)
  WHERE is_major AND retired_at IS NULL;
CREATE INDEX hazard_units_major_order_idx ON hazard_units (grade, updated_at DESC, id)
  WHERE is_major AND retired_at IS NULL;
CREATE INDEX hazard_units_updated_idx ON hazard_units (updated_at DESC, id) WHERE retired_at IS NULL;

-- Every evaluation ever made of a unit (its grade history). Never updated, never deleted.
CREATE TABLE hazard_unit_evaluations (
  region_code    text COLLATE "C" NOT NULL,
  unit_id        uuid NOT NULL,
  seq            int NOT NULL,
  at             timestamptz NOT NULL,
  by_user        uuid NOT NULL REFERENCES users (id),
  by_name        text NOT NULL,
  substances     jsonb NOT NULL,
  exposed_people int NOT NULL,
  -- the items as computed: Q, β and q/Q per substance
  items          jsonb NOT NULL,
  s              numeric(14, 4) NOT NULL,
  r              numeric(14, 4) NOT NULL,
  alpha          numeric(3, 1) NOT NULL,
  is_major       boolean NOT NULL,
  grade          smallint,
  PRIMARY KEY (region_code, unit_id, seq),
  -- by id alone: when an enterprise moves to another region its units move (ON UPDATE CASCADE), but history rows
  -- are never updated — they keep the region where they were made
  FOREIGN KEY (unit_id) REFERENCES hazard_units (id)
);
CREATE INDEX hazard_unit_evaluations_unit_idx ON hazard_unit_evaluations (unit_id, seq DESC);
CREATE TRIGGER hazard_unit_evaluations_append_only BEFORE UPDATE OR DELETE ON hazard_unit_evaluations
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER hazard_unit_evaluations_no_truncate BEFORE TRUNCATE ON hazard_unit_evaluations
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- 普查 campaigns: a bureau asks the enterprises of its jurisdiction to declare their units by a date; an enterprise
-- (or the bureau for it) submits its return; progress per child region = returns / enterprises in scope.
CREATE TABLE hazard_censuses (
  id           uuid NOT NULL,
  -- the organising bureau's region: the campaign covers its subtree
  region_code  text COLLATE "C" NOT NULL REFERENCES regions (code),
  -- region codes of the subtree start with this (domain/region-code.ts subtreePrefix; '' for the nation)
  region_prefix text COLLATE "C" NOT NULL,
  name         text NOT NULL,
  starts_on    date NOT NULL,
  ends_on      date NOT NULL,
  -- enterprises of these sectors are asked (empty: every operating enterprise)
  sectors      text[] NOT NULL DEFAULT '{}',
  created_by   uuid NOT NULL REFERENCES users (id),
  created_at   timestamptz NOT NULL,
  PRIMARY KEY (region_code, id),
  CHECK (ends_on >= starts_on)
);
CREATE UNIQUE INDEX hazard_censuses_id_uq ON hazard_censuses (id);

CREATE TABLE hazard_census_returns (
  -- the enterprise's region
  region_code   text COLLATE "C" NOT NULL,
  census_id     uuid NOT NULL REFERENCES hazard_censuses (id),
  enterprise_id uuid NOT NULL,
  units         int NOT NULL,
  major_units   int NOT NULL,
  submitted_by  uuid NOT NULL REFERENCES users (id),
  submitted_at  timestamptz NOT NULL,
  PRIMARY KEY (region_code, census_id, enterprise_id),
  FOREIGN KEY (region_code, enterprise_id) REFERENCES enterprises (region_code, id) ON UPDATE CASCADE
);
CREATE INDEX hazard_census_returns_census_idx ON hazard_census_returns (census_id, region_code);
