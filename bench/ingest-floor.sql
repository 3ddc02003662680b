-- The pgbench floor of bench/ingest.ts: what PostgreSQL itself does for the rows of one quick report — the accident,
-- its first revision and its audit row in one transaction — with no application in between. The bench runs
--   pgbench -n -c 8 -j 2 -T 10 -D "user='<a user's uuid>'" -f bench/ingest-floor.sql <database>
-- Counties: Zibo's eight (the pinned region dataset), as in the bench's "8 counties" scenario.
\set c random(1, 8)
\set a random(1, 9223372036854775807)
\set b random(1, 9223372036854775807)
BEGIN;
INSERT INTO accidents (id, region_code, report_no, occurred_at, received_at, address, unit_name, industry_code,
  accident_type, domain, deaths, missing, serious_injuries, minor_injuries, direct_loss_yuan, stat_deaths,
  stat_missing, stat_serious_injuries, stat_minor_injuries, stat_direct_loss_yuan, grade, target_level, holder_level,
  summary, measures_taken, reporter_name, reporter_phone, source, revision_count, complete_at, next_due_at,
  created_by, created_at, updated_at)
VALUES ((lpad(to_hex(:a), 16, '0') || lpad(to_hex(:b), 16, '0'))::uuid,
  (ARRAY['370302','370303','370304','370305','370306','370321','370322','370323'])[:c],
  'F' || :a || '-' || :b, now() - interval '30 minutes', now(), '淄博市测试路1号', '压测' || :a || '号化工有限公司',
  'C26', '19', 'industrial', 0, 0, 0, 1, 60000, 0, 0, 0, 1, 60000, 'general', 'city', 'county',
  '储罐检修作业中发生中毒窒息', '已组织救援，现场已封闭', '王值班', '05332100000', 'bureau', 1, now(), now() + interval '2 hours',
  :user::uuid, now(), now());
INSERT INTO accident_revisions (region_code, accident_id, no, kind, filed_at, filed_by, filed_by_name, filed_by_org,
  note, snapshot, changes, outside_window, grade_before, grade_after)
VALUES ((ARRAY['370302','370303','370304','370305','370306','370321','370322','370323'])[:c],
  (lpad(to_hex(:a), 16, '0') || lpad(to_hex(:b), 16, '0'))::uuid, 1, 'initial', now(), :user::uuid, '王值班',
  '淄博市应急管理局', NULL,
  '{"occurredAt":"2026-12-05T05:00:00.000Z","receivedAt":"2026-12-05T05:30:00.000Z","regionCode":"370303","address":"淄博市测试路1号","unitName":"压测化工有限公司","unitCreditCode":null,"industryCode":"C26","accidentType":"19","domain":"industrial","deaths":0,"missing":0,"seriousInjuries":0,"minorInjuries":1,"directLossYuan":60000,"summary":"储罐检修作业中发生中毒窒息","measuresTaken":"已组织救援，现场已封闭","reporterName":"王值班","reporterPhone":"05332100000","grade":"general"}',
  '{}', false, NULL, 'general');
INSERT INTO audit_log (chain_key, id, region_code, at, actor_id, actor_name, action, entity_type, entity_id, before,
  after, hash)
VALUES ((ARRAY['370302','370303','370304','370305','370306','370321','370322','370323'])[:c],
  (lpad(to_hex(:b), 16, '0') || lpad(to_hex(:a), 16, '0'))::uuid,
  (ARRAY['370302','370303','370304','370305','370306','370321','370322','370323'])[:c], now(), :user::uuid,
  '王值班（duty.370300）', 'accident.create', 'accident', (lpad(to_hex(:a), 16, '0') || lpad(to_hex(:b), 16, '0')),
  NULL,
  '{"occurredAt":"2026-12-05T05:00:00.000Z","receivedAt":"2026-12-05T05:30:00.000Z","regionCode":"370303","address":"淄博市测试路1号","unitName":"压测化工有限公司","unitCreditCode":null,"industryCode":"C26","accidentType":"19","domain":"industrial","deaths":0,"missing":0,"seriousInjuries":0,"minorInjuries":1,"directLossYuan":60000,"summary":"储罐检修作业中发生中毒窒息","measuresTaken":"已组织救援，现场已封闭","reporterName":"王值班","reporterPhone":"05332100000","grade":"general"}',
  encode(sha256(convert_to(:a || '-' || :b, 'UTF8')), 'hex'));
COMMIT;
