-- Citus by region (issue 9 §1): every unique index of a growing table carries its distribution column region_code,
-- except the ones src/server/db/schema-rules.test.ts lists with their reason (docs/DEPLOYMENT.md, "Citus").
--
-- An import's Idempotency-Key is unique per user; the import's region_code is the user's own region, which never
-- changes, so adding it keeps exactly the same rule. It goes last: the lookup by (created_by, idempotency_key) and the
-- insert's ON CONFLICT DO NOTHING use the index as before.
DROP INDEX accident_imports_key_uq;
CREATE UNIQUE INDEX accident_imports_key_uq ON accident_imports (created_by, idempotency_key, region_code)
  WHERE idempotency_key IS NOT NULL;
