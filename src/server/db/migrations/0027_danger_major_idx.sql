-- The 重大 dangers of a city's or the province's register (bench g: 250,000 of 5,000,000): walked newest first in
-- their own index instead of filtered out of the whole walk — the province's 重大 page read 66 ms at p95, a city's
-- 重大 of a month 154 ms, against 50 ms (issue 10 bar 7).
CREATE INDEX hidden_dangers_major_found_idx ON hidden_dangers (found_on DESC, id DESC)
  INCLUDE (region_code, source, closed_on, completed_on, deadline) WHERE level = 'major';
