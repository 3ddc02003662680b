-- 隐患排查治理统计 at a province's scale (issue 10 bar 7: a province-year of 5,000,000 dangers under 300 ms): the
-- counts of the statistics summed per region and Asia/Shanghai day found, so that a province's year is some 55,000
-- rollup rows instead of 2.5 million dangers. Days, not months: a period of any dates reads whole rows only.
--
-- Maintained like accident_stats_monthly (0006): statement-level triggers over the transition tables apply the net
-- change of every write in its own transaction, whatever writes it — the rollup can never disagree with the dangers.
-- Only `overdue` depends on today; the statistics count it live from the open dangers (a few percent, partial index
-- of 0025).
CREATE TABLE hidden_danger_daily (
  region_code      text COLLATE "C" NOT NULL,
  found_on         date NOT NULL,
  found            int NOT NULL,
  general          int NOT NULL,
  major            int NOT NULL,
  closed           int NOT NULL,
  closed_on_time   int NOT NULL,
  awaiting_recheck int NOT NULL,
  rechecked        int NOT NULL,
  completed        int NOT NULL,
  supervised       int NOT NULL,
  PRIMARY KEY (region_code, found_on)
);
CREATE INDEX hidden_danger_daily_found_idx ON hidden_danger_daily (found_on, region_code);

-- +1 × each new row and −1 × each old row, summed per (region, day) so a statement touches each rollup row once, in
-- key order (no deadlocks between concurrent writers). Keys whose change is zero are skipped.
CREATE FUNCTION hidden_danger_daily_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  src text;
BEGIN
  src := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT 1 AS sign, n.* FROM new_rows n'
    WHEN 'DELETE' THEN 'SELECT -1 AS sign, o.* FROM old_rows o'
    ELSE 'SELECT 1 AS sign, n.* FROM new_rows n UNION ALL SELECT -1, o.* FROM old_rows o'
  END;
  EXECUTE format($f$
    INSERT INTO hidden_danger_daily AS r
      (region_code, found_on, found, general, major, closed, closed_on_time, awaiting_recheck, rechecked, completed,
       supervised)
    SELECT region_code, found_on, sum(sign), sum(sign * general), sum(sign * major), sum(sign * closed),
           sum(sign * closed_on_time), sum(sign * awaiting_recheck), sum(sign * rechecked), sum(sign * completed),
           sum(sign * supervised)
    FROM (
      SELECT d.sign, d.region_code, d.found_on,
        (d.level = 'general')::int AS general,
        (d.level = 'major')::int AS major,
        (d.closed_on IS NOT NULL)::int AS closed,
        (d.closed_on IS NOT NULL AND (d.deadline IS NULL OR coalesce(d.completed_on, d.closed_on) <= d.deadline))::int
          AS closed_on_time,
        (d.closed_on IS NULL AND d.completed_on IS NOT NULL)::int AS awaiting_recheck,
        (d.rechecked_on IS NOT NULL)::int AS rechecked,
        (d.completed_on IS NOT NULL OR d.rechecked_on IS NOT NULL)::int AS completed,
        d.supervised::int AS supervised
      FROM (%s) d
    ) x
    GROUP BY 1, 2
    HAVING sum(sign) <> 0 OR sum(sign * closed) <> 0 OR sum(sign * closed_on_time) <> 0
        OR sum(sign * awaiting_recheck) <> 0 OR sum(sign * rechecked) <> 0 OR sum(sign * completed) <> 0
        OR sum(sign * supervised) <> 0 OR sum(sign * major) <> 0 OR sum(sign * general) <> 0
    ORDER BY 1, 2
    ON CONFLICT (region_code, found_on) DO UPDATE SET
      found = r.found + EXCLUDED.found,
      general = r.general + EXCLUDED.general,
      major = r.major + EXCLUDED.major,
      closed = r.closed + EXCLUDED.closed,
      closed_on_time = r.closed_on_time + EXCLUDED.closed_on_time,
      awaiting_recheck = r.awaiting_recheck + EXCLUDED.awaiting_recheck,
      rechecked = r.rechecked + EXCLUDED.rechecked,
      completed = r.completed + EXCLUDED.completed,
      supervised = r.supervised + EXCLUDED.supervised
  $f$, src);
  RETURN NULL;
END;
$$;

CREATE TRIGGER hidden_dangers_daily_insert AFTER INSERT ON hidden_dangers
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hidden_danger_daily_apply();
CREATE TRIGGER hidden_dangers_daily_update AFTER UPDATE ON hidden_dangers
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hidden_danger_daily_apply();
CREATE TRIGGER hidden_dangers_daily_delete AFTER DELETE ON hidden_dangers
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION hidden_danger_daily_apply();

-- Sums the rollup again from the dangers: here for the dangers already present, and after a bulk load that ran
-- without triggers (bench/dangers.ts).
CREATE FUNCTION hidden_danger_daily_rebuild() RETURNS void LANGUAGE sql AS $$
DELETE FROM hidden_danger_daily;
INSERT INTO hidden_danger_daily
  (region_code, found_on, found, general, major, closed, closed_on_time, awaiting_recheck, rechecked, completed,
   supervised)
SELECT region_code, found_on, count(*),
  count(*) FILTER (WHERE level = 'general'),
  count(*) FILTER (WHERE level = 'major'),
  count(*) FILTER (WHERE closed_on IS NOT NULL),
  count(*) FILTER (WHERE closed_on IS NOT NULL AND (deadline IS NULL OR coalesce(completed_on, closed_on) <= deadline)),
  count(*) FILTER (WHERE closed_on IS NULL AND completed_on IS NOT NULL),
  count(*) FILTER (WHERE rechecked_on IS NOT NULL),
  count(*) FILTER (WHERE completed_on IS NOT NULL OR rechecked_on IS NOT NULL),
  count(*) FILTER (WHERE supervised)
FROM hidden_dangers
GROUP BY region_code, found_on;
$$;

SELECT hidden_danger_daily_rebuild();
