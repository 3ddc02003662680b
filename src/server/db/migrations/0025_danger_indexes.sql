-- The danger register at a province's scale (issue 10 bar 7; bench/dangers.ts: 1,000,000 enterprises, 5,000,000
-- dangers). The register reads the page's keys from an index alone, then its 20 rows (dangers/repo.ts listDangers):
-- a city's or the province's register walks the dangers newest first and filters them in the index; a county's reads
-- its own range. The included columns are the register's filters (status: closed_on, completed_on, deadline) and the
-- statistics' counts, so that neither visits the table (index-only, with the visibility map VACUUM keeps).
CREATE INDEX hidden_dangers_found_idx ON hidden_dangers (found_on DESC, id DESC)
  INCLUDE (region_code, level, source, closed_on, completed_on, deadline, rechecked_on, supervised);
-- The open dangers (rectifying, overdue, open: a few percent of the table) the same way.
CREATE INDEX hidden_dangers_open_found_idx ON hidden_dangers (found_on DESC, id DESC)
  INCLUDE (region_code, level, source, deadline) WHERE closed_on IS NULL AND completed_on IS NULL;
-- A county's register in its order, with the filters: replaces hidden_dangers_region_found_idx (id ascending, no
-- filters), which nothing reads any more.
CREATE INDEX hidden_dangers_region_found_cover_idx ON hidden_dangers (region_code, found_on DESC, id DESC)
  INCLUDE (level, source, closed_on, completed_on, deadline);
DROP INDEX hidden_dangers_region_found_idx;
