-- Historical import (历史数据导入): past accidents entered from .xlsx / .csv / JSON for statistics.
-- An imported accident carries source = 'import', the import that created it and its natural key, so importing
-- the same file again adds nothing (the key is unique per region; the rows come back as duplicates).

-- import_key: 'no:<报告编号>' when the row gave its own report number, else a sha256 of the normalised
-- region, occurrence minute, unit (credit code, else name) and accident type. NULL for live reports.
-- import_id names the import (accident_imports.id) that created the row; no foreign key, as the import belongs to
-- the importing bureau's region while the accident belongs to its own (they differ when a city imports a county's).
ALTER TABLE accidents ADD COLUMN import_id uuid;
ALTER TABLE accidents ADD COLUMN import_key text;
CREATE UNIQUE INDEX accidents_import_key_uq ON accidents (region_code, import_key) WHERE import_key IS NOT NULL;

-- One row per import request: who, which file (sha256), how far it got and, once finished, the per-row results.
CREATE TABLE accident_imports (
  id              uuid NOT NULL,
  -- the importing bureau's region: jurisdiction over the import record follows it
  region_code     text COLLATE "C" NOT NULL REFERENCES regions (code),
  created_by      uuid NOT NULL REFERENCES users (id),
  -- the Idempotency-Key header, if any: the same key and the same request answer the stored result
  idempotency_key text,
  request_hash    text NOT NULL,
  file_name       text NOT NULL,
  file_sha256     text NOT NULL,
  format          text NOT NULL CHECK (format IN ('xlsx', 'csv', 'json')),
  dry_run         boolean NOT NULL,
  status          text NOT NULL CHECK (status IN ('running', 'done', 'failed')),
  total           int NOT NULL CHECK (total >= 0),
  processed       int NOT NULL DEFAULT 0,
  created         int NOT NULL DEFAULT 0,
  duplicates      int NOT NULL DEFAULT 0,
  invalid         int NOT NULL DEFAULT 0,
  -- columns of the file that matched no field (not read; shown so a misspelt header is noticed)
  ignored_columns text[] NOT NULL DEFAULT '{}',
  -- [{row, status, id?, errors?}], written when the import finishes
  results         jsonb,
  error           text,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  finished_at     timestamptz,
  PRIMARY KEY (region_code, id)
);
-- Addressed by id alone (GET /api/accidents/imports/:id), as accidents are: see ARCHITECTURE.md.
CREATE UNIQUE INDEX accident_imports_id_uq ON accident_imports (id);
CREATE UNIQUE INDEX accident_imports_key_uq ON accident_imports (created_by, idempotency_key)
  WHERE idempotency_key IS NOT NULL;
CREATE INDEX accident_imports_region_idx ON accident_imports (region_code, created_at DESC);
