-- Sign-in throttling by username, whether or not such a user exists (issue 8): an unknown name locks exactly like a
-- real one, so the answer (401, then 423) tells nothing about which names exist. One row per name tried; the row is
-- also the lock that makes one name's attempts take turns, so at most 5 passwords are checked per window however
-- many guesses arrive at once, while correct sign-ins in parallel all succeed. Rows without a lock are purged after
-- the window (housekeeping). Keyed by the name, not by region: a name has no region until it is known.
CREATE TABLE login_throttle (
  username_key      text COLLATE "C" PRIMARY KEY,
  failures          int NOT NULL DEFAULT 0,
  window_started_at timestamptz,
  locked_until      timestamptz,
  updated_at        timestamptz NOT NULL
);
CREATE INDEX login_throttle_updated_idx ON login_throttle (updated_at);

DROP TABLE login_failures;
ALTER TABLE users DROP COLUMN locked_until;
