-- Statistics rollup (统计汇总): the statistical figures of accidents not written off, summed per Asia/Shanghai
-- calendar month and per breakdown key. A province-wide year is then a few thousand rollup rows instead of
-- hundreds of thousands of accidents; statistics read whole months here and only the partial months at the
-- ends of a period from accidents (src/server/modules/stats/repo.ts).
--
-- The rollup is maintained in the same transaction as every write to accidents, by statement-level
-- triggers over the transition tables: it can never disagree with the accidents it sums, whatever writes
-- them (the service, an import, a write-off, a manual UPDATE). The figures are the ones statistics count:
-- 死亡 includes 失踪, 受伤 = 重伤 + 轻伤, from the stat_* columns (the latest inside the 补报 window,
-- 493号令 第十三条).
CREATE TABLE accident_stats_monthly (
  region_code      text COLLATE "C" NOT NULL,
  -- first day of the Asia/Shanghai calendar month of occurred_at
  month            date NOT NULL,
  grade            text NOT NULL,
  industry_code    text NOT NULL,
  accident_type    text NOT NULL,
  domain           text NOT NULL,
  accidents        int NOT NULL,
  deaths           int NOT NULL,
  injuries         int NOT NULL,
  serious_injuries int NOT NULL,
  direct_loss_yuan bigint NOT NULL,
  PRIMARY KEY (region_code, month, grade, industry_code, accident_type, domain)
);
CREATE INDEX accident_stats_monthly_month_idx ON accident_stats_monthly (month);

-- The partial months are read from accidents by time: a province's or the country's few weeks are a range of
-- this covering index (index-only). The covering index of 0004 led with region_code, so a province-wide
-- range had to walk every entry of the province; a county's few weeks use accidents_region_occurred_idx.
DROP INDEX accidents_stats_idx;
CREATE INDEX accidents_stats_time_idx ON accidents (occurred_at)
  INCLUDE (region_code, grade, industry_code, accident_type, domain,
           stat_deaths, stat_missing, stat_serious_injuries, stat_minor_injuries, stat_direct_loss_yuan)
  WHERE written_off_at IS NULL;

-- Applies the net change of one statement: +1 × each new row and −1 × each old row (not written off),
-- summed per key so a statement touches each rollup row once, in key order so that concurrent statements
-- lock rollup rows in the same order (no deadlocks). Keys whose change is zero (an UPDATE of other
-- columns) are skipped. Rows that fall to zero stay (harmless: they add nothing).
CREATE FUNCTION accident_stats_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  src text;
BEGIN
  src := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT 1 AS sign, n.* FROM new_rows n'
    WHEN 'DELETE' THEN 'SELECT -1 AS sign, o.* FROM old_rows o'
    ELSE 'SELECT 1 AS sign, n.* FROM new_rows n UNION ALL SELECT -1, o.* FROM old_rows o'
  END;
  EXECUTE format($f$
    INSERT INTO accident_stats_monthly AS m
      (region_code, month, grade, industry_code, accident_type, domain,
       accidents, deaths, injuries, serious_injuries, direct_loss_yuan)
    SELECT d.region_code, date_trunc('month', d.occurred_at AT TIME ZONE 'Asia/Shanghai')::date,
           d.grade, d.industry_code, d.accident_type, d.domain,
           sum(d.sign), sum(d.sign * (d.stat_deaths + d.stat_missing)),
           sum(d.sign * (d.stat_serious_injuries + d.stat_minor_injuries)),
           sum(d.sign * d.stat_serious_injuries), sum(d.sign * d.stat_direct_loss_yuan)
    FROM (%s) d
    WHERE d.written_off_at IS NULL
    GROUP BY 1, 2, 3, 4, 5, 6
    HAVING sum(d.sign) <> 0 OR sum(d.sign * (d.stat_deaths + d.stat_missing)) <> 0
        OR sum(d.sign * (d.stat_serious_injuries + d.stat_minor_injuries)) <> 0
        OR sum(d.sign * d.stat_serious_injuries) <> 0 OR sum(d.sign * d.stat_direct_loss_yuan) <> 0
    ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (region_code, month, grade, industry_code, accident_type, domain) DO UPDATE SET
      accidents = m.accidents + EXCLUDED.accidents,
      deaths = m.deaths + EXCLUDED.deaths,
      injuries = m.injuries + EXCLUDED.injuries,
      serious_injuries = m.serious_injuries + EXCLUDED.serious_injuries,
      direct_loss_yuan = m.direct_loss_yuan + EXCLUDED.direct_loss_yuan
  $f$, src);
  RETURN NULL;
END;
$$;

CREATE TRIGGER accidents_stats_insert AFTER INSERT ON accidents
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION accident_stats_apply();
CREATE TRIGGER accidents_stats_update AFTER UPDATE ON accidents
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION accident_stats_apply();
CREATE TRIGGER accidents_stats_delete AFTER DELETE ON accidents
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION accident_stats_apply();

-- Accidents already present.
INSERT INTO accident_stats_monthly
  (region_code, month, grade, industry_code, accident_type, domain,
   accidents, deaths, injuries, serious_injuries, direct_loss_yuan)
SELECT region_code, date_trunc('month', occurred_at AT TIME ZONE 'Asia/Shanghai')::date,
       grade, industry_code, accident_type, domain,
       count(*), sum(stat_deaths + stat_missing), sum(stat_serious_injuries + stat_minor_injuries),
       sum(stat_serious_injuries), sum(stat_direct_loss_yuan)
FROM accidents
WHERE written_off_at IS NULL
GROUP BY 1, 2, 3, 4, 5, 6;
