-- 企业自查 (issue 10 §3): an enterprise runs the checklist library on itself. The record keeps each item with the
-- library's requirement and basis beside its result (it reads alone after the library changes); each 不符合 item is a
-- danger of source self_check, created in the same transaction, whose id the item carries. Append-only.
CREATE TABLE self_inspections (
  id            uuid NOT NULL,
  region_code   text COLLATE "C" NOT NULL,
  enterprise_id uuid NOT NULL,
  inspected_on  date NOT NULL,
  template_code text,
  inspector_name text NOT NULL,
  -- [{code, sector, group, requirement, basis: {law, article, text}, result, note, dangerId}]
  items         jsonb NOT NULL,
  item_count    int NOT NULL,
  nonconforming int NOT NULL,
  findings      text NOT NULL,
  recorded_by   uuid NOT NULL REFERENCES users (id),
  recorded_by_name text NOT NULL,
  recorded_at   timestamptz NOT NULL,
  PRIMARY KEY (region_code, id),
  FOREIGN KEY (region_code, enterprise_id) REFERENCES enterprises (region_code, id) ON UPDATE CASCADE
);
CREATE UNIQUE INDEX self_inspections_id_uq ON self_inspections (id);
CREATE INDEX self_inspections_region_day_idx ON self_inspections (region_code, inspected_on DESC, id);
CREATE INDEX self_inspections_enterprise_idx ON self_inspections (region_code, enterprise_id, inspected_on DESC);
CREATE TRIGGER self_inspections_append_only BEFORE UPDATE OR DELETE ON self_inspections
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
