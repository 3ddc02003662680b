-- Control indicators (控制指标, "保指标、压事故"): the yearly caps of a region, handed down by the bureau of its
-- parent region (the province's own by the ministry, or by the province's administrator): 死亡人数控制数,
-- 事故起数控制数, 较大事故起数控制数, and optional reduction targets against last year's actual (同比下降 %).
-- One row per (year, region); the current figures only — every change is in audit_log with before and after
-- (entity_type 'control_indicator', entity_id '<year>:<region_code>'). version counts the changes.
CREATE TABLE control_indicators (
  year                   int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  region_code            text COLLATE "C" NOT NULL REFERENCES regions (code),
  death_cap              int NOT NULL CHECK (death_cap >= 0),
  accident_cap           int NOT NULL CHECK (accident_cap >= 0),
  -- 较大事故起数控制数
  larger_accident_cap    int NOT NULL CHECK (larger_accident_cap >= 0),
  -- 死亡人数同比下降 %, two decimals (e.g. 5.00)
  death_reduction_pct    numeric(5, 2) CHECK (death_reduction_pct BETWEEN 0 AND 100),
  accident_reduction_pct numeric(5, 2) CHECK (accident_reduction_pct BETWEEN 0 AND 100),
  note                   text,
  set_by                 uuid NOT NULL REFERENCES users (id),
  set_at                 timestamptz NOT NULL,
  version                int NOT NULL DEFAULT 1,
  PRIMARY KEY (year, region_code)
);
