-- Foundation: regions, organisations, users, sessions, the audit log (留痕) and idempotency keys.
-- Region codes use the "C" collation so a subtree (prefix) query is an index range scan.

CREATE TABLE regions (
  code        text COLLATE "C" PRIMARY KEY,
  name        text NOT NULL,
  level       text NOT NULL CHECK (level IN ('national', 'province', 'city', 'county', 'town')),
  parent_code text COLLATE "C" REFERENCES regions (code),
  full_name   text NOT NULL
);
CREATE INDEX regions_parent_idx ON regions (parent_code);

CREATE TABLE organizations (
  id          uuid PRIMARY KEY,
  region_code text COLLATE "C" NOT NULL REFERENCES regions (code),
  kind        text NOT NULL CHECK (kind IN ('bureau', 'enterprise')),
  name        text NOT NULL,
  credit_code text UNIQUE,
  industry_code text,
  address     text,
  duty_phone  text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (kind = 'bureau' OR credit_code IS NOT NULL)
);
CREATE UNIQUE INDEX organizations_bureau_region_uq ON organizations (region_code) WHERE kind = 'bureau';
CREATE INDEX organizations_region_idx ON organizations (region_code);

CREATE TABLE users (
  id            uuid PRIMARY KEY,
  region_code   text COLLATE "C" NOT NULL REFERENCES regions (code),
  org_id        uuid NOT NULL REFERENCES organizations (id),
  username      text NOT NULL UNIQUE,
  display_name  text NOT NULL,
  role          text NOT NULL CHECK (role IN ('admin', 'duty', 'stats', 'inspector', 'leader', 'enterprise')),
  password_hash text NOT NULL,
  phone         text,
  is_demo       boolean NOT NULL DEFAULT false,
  disabled      boolean NOT NULL DEFAULT false,
  locked_until  timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX users_org_idx ON users (org_id);

-- Failed sign-ins: 5 within 15 minutes lock the account for 15 minutes.
CREATE TABLE login_failures (
  user_id uuid NOT NULL REFERENCES users (id),
  at      timestamptz NOT NULL
);
CREATE INDEX login_failures_user_at_idx ON login_failures (user_id, at);

CREATE TABLE sessions (
  token_hash   text PRIMARY KEY,
  user_id      uuid NOT NULL REFERENCES users (id),
  created_at   timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

-- Append-only, hash-chained audit log. One chain per region (the region of the record written),
-- so writers in different regions never wait on one another; audit_heads holds each chain's tip,
-- which also makes a deleted tail detectable.
CREATE TABLE audit_heads (
  chain_key text COLLATE "C" PRIMARY KEY,
  seq       bigint NOT NULL,
  hash      text NOT NULL
);

CREATE TABLE audit_log (
  chain_key   text COLLATE "C" NOT NULL,
  seq         bigint NOT NULL,
  id          uuid NOT NULL,
  region_code text COLLATE "C" NOT NULL,
  at          timestamptz NOT NULL,
  actor_id    uuid,
  actor_name  text NOT NULL,
  action      text NOT NULL,
  entity_type text NOT NULL,
  entity_id   text NOT NULL,
  before      jsonb,
  after       jsonb,
  prev_hash   text NOT NULL,
  hash        text NOT NULL,
  PRIMARY KEY (chain_key, seq)
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id);
CREATE INDEX audit_log_region_at_idx ON audit_log (region_code, at);

-- The application never updates, deletes or truncates audit rows; the database refuses it too.
-- refuse_change() serves row triggers (UPDATE, DELETE) and statement triggers (TRUNCATE has no rows):
-- it always raises, so it never reaches a RETURN, whose value either kind of trigger would need.
CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'append-only table %: % refused', TG_TABLE_NAME, TG_OP;
END;
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- Idempotency-Key: the first response to a key is the response to every retry.
CREATE TABLE idempotency_keys (
  user_id         uuid NOT NULL,
  key             text NOT NULL,
  region_code     text COLLATE "C" NOT NULL,
  request_hash    text NOT NULL,
  response_status int,
  response_body   jsonb,
  created_at      timestamptz NOT NULL,
  PRIMARY KEY (user_id, key)
);
