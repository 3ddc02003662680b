-- 应急预案备案 (issue 12 review #6): a filing is made to one bureau (分级属地, 应急预案管理办法 第二十六条: the 县级以上
-- department of the place — by default the enterprise's county), and only that bureau answers it (第二十八条), so the
-- 备案登记表 and the 补正告知书 always carry the receiving bureau's number. Filings made before this migration were
-- made to the enterprise's county.
ALTER TABLE plan_filings ADD COLUMN bureau_region_code text COLLATE "C";
UPDATE plan_filings SET bureau_region_code = substr(region_code, 1, 6);
ALTER TABLE plan_filings ALTER COLUMN bureau_region_code SET NOT NULL;
-- A bureau's filings awaiting its answer.
CREATE INDEX plan_filings_bureau_open_idx ON plan_filings (bureau_region_code, check_due_on) WHERE status = 'submitted';
