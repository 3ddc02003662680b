-- 应急资源 (issue 12 §2): rescue teams (救援队伍), equipment and stockpiles (装备物资), experts (专家), and the rescue
-- agreements (救助协议) between teams and enterprises. rescue_resources holds each resource's current state (version
-- counts its changes); rescue_resource_revisions keeps every state it ever had, append-only — a change is a new
-- revision, nothing is overwritten there. The same for agreements.
--
-- region_code is the owner's region (the bureau, or the enterprise for an enterprise's own team or equipment): the
-- jurisdiction of a bureau is its subtree; an enterprise's own team or equipment lies in the enterprise's region. id
-- alone is the primary key, as agreed with incidents (0032), whose tasks name a resource by id (a task's resource may
-- lie in another region than the incident): the one exception to the Citus key rule here, listed in
-- db/schema-rules.test.ts; (region_code, id) is unique as well, for region-first references.
CREATE TABLE rescue_resources (
  id                   uuid PRIMARY KEY,
  kind                 text NOT NULL CHECK (kind IN ('team', 'equipment', 'expert')),
  region_code          text COLLATE "C" NOT NULL REFERENCES regions (code),
  name                 text NOT NULL,
  -- codes of contracts/rescue-resources.ts SPECIALTIES
  specialties          text[] NOT NULL CHECK (cardinality(specialties) >= 1 AND specialties <@ ARRAY['mine', 'hazchem',
                         'oil_gas', 'water_rescue', 'fire', 'medical', 'construction', 'power', 'other']),
  -- WGS84 degrees: a team's base, where equipment is kept, an expert's workplace
  lng                  double precision NOT NULL CHECK (lng BETWEEN 73 AND 136),
  lat                  double precision NOT NULL CHECK (lat BETWEEN 3 AND 54),
  address              text NOT NULL DEFAULT '',
  -- the enterprise owning an enterprise team or equipment (NULL for public resources)
  enterprise_id        uuid,
  contact_name         text,
  contact_phone        text,
  -- team
  level                text CHECK (level IN ('national', 'provincial', 'city', 'county', 'enterprise')),
  members              int CHECK (members >= 0),
  duty_phone           text,
  readiness            text CHECK (readiness IN ('ready', 'limited', 'unavailable')),
  -- equipment and stockpiles
  category             text CHECK (category IN ('equipment', 'stockpile')),
  equipment_type       text,
  quantity             numeric(14, 2) CHECK (quantity >= 0),
  unit                 text,
  owner_name           text,
  maintained_on        date,
  next_maintenance_on  date,
  -- expert
  organization         text,
  title                text,
  availability         text CHECK (availability IN ('available', 'limited', 'unavailable')),
  note                 text,
  retired_at           timestamptz,
  retire_reason        text,
  created_by           uuid NOT NULL REFERENCES users (id),
  created_at           timestamptz NOT NULL,
  updated_at           timestamptz NOT NULL,
  version              int NOT NULL DEFAULT 1,
  UNIQUE (region_code, id),
  FOREIGN KEY (region_code, enterprise_id) REFERENCES enterprises (region_code, id) ON UPDATE CASCADE,
  CHECK (kind <> 'team' OR (level IS NOT NULL AND members IS NOT NULL AND readiness IS NOT NULL)),
  CHECK (kind <> 'equipment' OR (category IS NOT NULL AND equipment_type IS NOT NULL AND quantity IS NOT NULL)),
  CHECK (kind <> 'expert' OR availability IS NOT NULL),
  CHECK (level IS DISTINCT FROM 'enterprise' OR enterprise_id IS NOT NULL)
);
-- The nearest search (bench/rescue-resources.ts): a bounding box on (lat, lng) per kind — a range on lat; the lng
-- test, the jurisdiction prefix, the specialty and the exact haversine distance of every row in the box from the index
-- alone (an index-only scan: id and specialties are included) — then only the `limit` nearest rows are read.
CREATE INDEX rescue_resources_near_idx ON rescue_resources (kind, lat, lng) INCLUDE (region_code, specialties, id)
  WHERE retired_at IS NULL;
CREATE INDEX rescue_resources_near_any_idx ON rescue_resources (lat, lng) INCLUDE (region_code, kind, specialties, id)
  WHERE retired_at IS NULL;
-- No parallel scans of this table: a search reads at most a few thousand index entries (about 1 ms), while starting
-- the workers of a Gather costs 10 ms and more on a busy server (bench/rescue-resources.ts, 100,000 resources).
ALTER TABLE rescue_resources SET (parallel_workers = 0);
-- The register of a jurisdiction by kind and name; an enterprise's own resources; search by name or address.
CREATE INDEX rescue_resources_region_idx ON rescue_resources (region_code, kind, name, id) WHERE retired_at IS NULL;
CREATE INDEX rescue_resources_enterprise_idx ON rescue_resources (enterprise_id) WHERE enterprise_id IS NOT NULL;
CREATE INDEX rescue_resources_specialties_idx ON rescue_resources USING gin (specialties);
CREATE INDEX rescue_resources_text_bigram_idx ON rescue_resources
  USING gin (text_bigrams(name || ' ' || address));

CREATE TABLE rescue_resource_revisions (
  -- the region where the revision was made (kept when the resource moves)
  region_code  text COLLATE "C" NOT NULL,
  -- no foreign key: a revision keeps the region where it was made while the resource may move (the revision is
  -- written in the transaction of its change, by the service)
  resource_id  uuid NOT NULL,
  version      int NOT NULL,
  change       text NOT NULL CHECK (change IN ('create', 'update', 'retire', 'import')),
  at           timestamptz NOT NULL,
  actor_id     uuid REFERENCES users (id),
  actor_name   text NOT NULL,
  -- the resource as it stood after the change (the presenter's shape)
  data         jsonb NOT NULL,
  PRIMARY KEY (region_code, resource_id, version)
);
CREATE INDEX rescue_resource_revisions_resource_idx ON rescue_resource_revisions (resource_id, version DESC);
CREATE TRIGGER rescue_resource_revisions_append_only BEFORE UPDATE OR DELETE ON rescue_resource_revisions
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER rescue_resource_revisions_no_truncate BEFORE TRUNCATE ON rescue_resource_revisions
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- 救助协议 (生产安全事故应急条例 第十条): an enterprise without a team of its own agrees with a nearby team. The
-- agreement is the enterprise's record (region_code = the enterprise's region); it is valid on a day D when
-- valid_from ≤ D ≤ valid_to (Asia/Shanghai) and it is not retired. The team usually lies in another region than the
-- enterprise (a city or provincial team), so team_id has no foreign key (Citus: rows of two regions); the service
-- checks that it names a team, in the transaction that writes the agreement.
CREATE TABLE rescue_agreements (
  id             uuid NOT NULL,
  region_code    text COLLATE "C" NOT NULL,
  enterprise_id  uuid NOT NULL,
  team_id        uuid NOT NULL,
  number         text,
  signed_on      date,
  valid_from     date NOT NULL,
  valid_to       date NOT NULL,
  scope          text,
  note           text,
  retired_at     timestamptz,
  retire_reason  text,
  created_by     uuid NOT NULL REFERENCES users (id),
  created_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL,
  version        int NOT NULL DEFAULT 1,
  PRIMARY KEY (region_code, id),
  FOREIGN KEY (region_code, enterprise_id) REFERENCES enterprises (region_code, id) ON UPDATE CASCADE,
  CHECK (valid_to >= valid_from)
);
CREATE UNIQUE INDEX rescue_agreements_id_uq ON rescue_agreements (id);
CREATE INDEX rescue_agreements_enterprise_idx ON rescue_agreements (enterprise_id, valid_to) WHERE retired_at IS NULL;
CREATE INDEX rescue_agreements_team_idx ON rescue_agreements (team_id) WHERE retired_at IS NULL;
CREATE INDEX rescue_agreements_region_idx ON rescue_agreements (region_code, valid_to DESC, id);

CREATE TABLE rescue_agreement_revisions (
  region_code  text COLLATE "C" NOT NULL,
  agreement_id uuid NOT NULL,
  version      int NOT NULL,
  change       text NOT NULL CHECK (change IN ('create', 'update', 'retire', 'import')),
  at           timestamptz NOT NULL,
  actor_id     uuid REFERENCES users (id),
  actor_name   text NOT NULL,
  data         jsonb NOT NULL,
  PRIMARY KEY (region_code, agreement_id, version)
);
CREATE INDEX rescue_agreement_revisions_agreement_idx ON rescue_agreement_revisions (agreement_id, version DESC);
CREATE TRIGGER rescue_agreement_revisions_append_only BEFORE UPDATE OR DELETE ON rescue_agreement_revisions
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER rescue_agreement_revisions_no_truncate BEFORE TRUNCATE ON rescue_agreement_revisions
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
