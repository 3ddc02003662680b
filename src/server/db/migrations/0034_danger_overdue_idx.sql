-- The overdue dangers of a county or a city (issue 10 bar 7): the register counts them up to 10,000 (dangers/repo.ts
-- listDangers). Walked newest first in hidden_dangers_open_found_idx, a city's count read the open dangers of the whole
-- province (bench g: p95 57 ms, its floor 52 ms); here it reads the jurisdiction's own open dangers by deadline, from
-- the index alone. The predicate is the register's "not closed, not completed" (statusIs), so the planner can use it.
CREATE INDEX hidden_dangers_open_region_deadline_idx ON hidden_dangers (region_code, deadline)
  WHERE closed_on IS NULL AND completed_on IS NULL;
