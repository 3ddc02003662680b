-- Statistics (统计分析). Write-off (核销) of records that are not production-safety accidents comes later;
-- a written-off accident stays readable but leaves every statistic, so statistics read only rows where
-- written_off_at IS NULL.
ALTER TABLE accidents ADD COLUMN written_off_at timestamptz;

-- Every statistic reads the same columns of the accidents in a region subtree over a period. This partial
-- covering index holds exactly those (the statistical figures, grade and the breakdown keys), about a
-- fifth of the heap's width, so a province-wide year is an index-only scan instead of a scan of the wide rows.
CREATE INDEX accidents_stats_idx ON accidents (region_code, occurred_at)
  INCLUDE (grade, industry_code, accident_type, domain,
           stat_deaths, stat_missing, stat_serious_injuries, stat_minor_injuries, stat_direct_loss_yuan)
  WHERE written_off_at IS NULL;
