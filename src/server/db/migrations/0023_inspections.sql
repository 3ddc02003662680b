-- 现场检查 (issue 10 §2): on-site inspections by a team of law-enforcement officers, item by item against the checklist
-- library (检查事项), with evidence stored content-addressed, and the enterprise representative's signature or its
-- refusal (拒签) witnessed. An inspection is recorded once, complete (an offline device keeps the draft until then);
-- the record is never changed afterwards, like the document it prints as (现场检查记录).

-- 行政执法证号: only officers holding one may form an inspection team (行政处罚法 第四十二条: 执法人员不得少于两人).
ALTER TABLE users ADD COLUMN enforcement_cert text;

-- 检查事项 imported by a provincial administrator (.xlsx), beside the library shipped in src/domain/checklist-library.ts.
-- A revised item is a new row with the same code and a higher revision; the highest revision is current.
CREATE TABLE checklist_items (
  code          text NOT NULL,
  revision      int NOT NULL,
  -- the province that imported it: its bureaus use it
  region_code   text COLLATE "C" NOT NULL,
  sector        text NOT NULL,
  item_group    text NOT NULL,
  requirement   text NOT NULL,
  basis_law     text NOT NULL,
  basis_article text NOT NULL,
  basis_text    text NOT NULL,
  created_by    uuid NOT NULL REFERENCES users (id),
  created_at    timestamptz NOT NULL,
  PRIMARY KEY (region_code, code, revision)
);
CREATE TRIGGER checklist_items_append_only BEFORE UPDATE OR DELETE ON checklist_items
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- Files kept by their SHA-256: the same bytes are stored once and never overwritten.
CREATE TABLE stored_files (
  sha256        text NOT NULL PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  content_type  text NOT NULL,
  size          int NOT NULL,
  data          bytea NOT NULL,
  created_at    timestamptz NOT NULL
);
CREATE TRIGGER stored_files_append_only BEFORE UPDATE OR DELETE ON stored_files
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- 证据 (photos, audio): one row per upload, pointing at its stored file, with when and where it was captured.
CREATE TABLE evidence (
  id            uuid NOT NULL,
  region_code   text COLLATE "C" NOT NULL,
  enterprise_id uuid NOT NULL,
  sha256        text NOT NULL REFERENCES stored_files (sha256),
  kind          text NOT NULL CHECK (kind IN ('photo', 'audio')),
  content_type  text NOT NULL,
  size          int NOT NULL,
  file_name     text NOT NULL,
  captured_at   timestamptz NOT NULL,
  latitude      double precision,
  longitude     double precision,
  accuracy_m    double precision,
  uploaded_by   uuid NOT NULL REFERENCES users (id),
  uploaded_by_name text NOT NULL,
  uploaded_at   timestamptz NOT NULL,
  -- set once, when the inspection that cites it is recorded
  inspection_id uuid,
  PRIMARY KEY (region_code, id),
  FOREIGN KEY (region_code, enterprise_id) REFERENCES enterprises (region_code, id) ON UPDATE CASCADE,
  CHECK ((latitude IS NULL) = (longitude IS NULL))
);
CREATE UNIQUE INDEX evidence_id_uq ON evidence (id);
CREATE INDEX evidence_inspection_idx ON evidence (region_code, inspection_id);

CREATE TABLE inspections (
  id            uuid NOT NULL,
  region_code   text COLLATE "C" NOT NULL,
  enterprise_id uuid NOT NULL,
  -- the inspecting bureau (its region) — a city may inspect an enterprise of its county
  bureau_region_code text COLLATE "C" NOT NULL,
  bureau_name   text NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('plan', 'random', 'special', 'complaint', 'recheck')),
  -- the item of a supervision plan it carries out, if any
  plan_item_id  uuid,
  started_at    timestamptz NOT NULL,
  finished_at   timestamptz NOT NULL,
  inspected_on  date NOT NULL,
  place         text NOT NULL,
  -- [{userId, name, cert}] — at least two officers with 执法证号
  team          jsonb NOT NULL,
  -- [{code, sector, group, requirement, basis: {law, article, text}, result, note, disposition, dangerId?, violation?}]
  items         jsonb NOT NULL,
  item_count    int NOT NULL,
  nonconforming int NOT NULL,
  findings      text NOT NULL,
  -- the representative signs, or refuses and a witness is named (拒签)
  representative_name text NOT NULL,
  signature     text NOT NULL CHECK (signature IN ('signed', 'refused')),
  signature_image text,
  refusal_witness text,
  recorded_by   uuid NOT NULL REFERENCES users (id),
  recorded_by_name text NOT NULL,
  recorded_at   timestamptz NOT NULL,
  PRIMARY KEY (region_code, id),
  FOREIGN KEY (region_code, enterprise_id) REFERENCES enterprises (region_code, id) ON UPDATE CASCADE,
  CHECK (signature = 'signed' OR refusal_witness IS NOT NULL),
  CHECK (finished_at >= started_at)
);
CREATE UNIQUE INDEX inspections_id_uq ON inspections (id);
CREATE INDEX inspections_region_day_idx ON inspections (region_code, inspected_on DESC, id);
CREATE INDEX inspections_enterprise_idx ON inspections (region_code, enterprise_id, inspected_on DESC);
CREATE TRIGGER inspections_append_only BEFORE UPDATE OR DELETE ON inspections
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- A danger found by an inspection points back at it.
ALTER TABLE hidden_dangers ADD COLUMN inspection_id uuid;
CREATE INDEX hidden_dangers_inspection_idx ON hidden_dangers (region_code, inspection_id) WHERE inspection_id IS NOT NULL;
