/**
 * A speed-measurement fixture: N realistic accident rows inserted directly with one INSERT … SELECT over
 * generate_series. Deterministic (setseed + random() in one transaction; times relative to `now`).
 * Rows are consistent with the application's rules for the columns the list reads (figures = stat_*,
 * grade by 493号令 thresholds, target level by grade, next_due_at = the open 30 d / 7 d node), but they have
 * no revision or chain rows: never use this for anything but measuring list and search speed.
 */
import { sql } from 'kysely';
import type { Db } from '../src/server/db/connection.js';

const PLACES = ['华光', '金岭', '鲁泰', '齐都', '博山', '周村', '桓台', '高青', '沂源', '泉城', '历山', '舜耕'];
/** [accident type, industry, domain, unit suffix, what happened] — the mix of the demo history. */
const SCENES: [string, string, string, string, string][] = [
  ['01', 'E47', 'industrial', '建筑工程有限公司', '施工现场脚手架上坠落的钢管击中作业人员'],
  ['03', 'C34', 'industrial', '机械制造有限公司', '作业人员在清理冲床时被卷入'],
  ['04', 'C31', 'industrial', '钢铁有限公司', '行车吊运钢卷时吊索断裂'],
  ['05', 'E48', 'industrial', '电力安装工程有限公司', '检修人员误触带电线路'],
  ['09', 'E47', 'industrial', '建设集团有限公司', '外墙作业人员从吊篮坠落'],
  ['10', 'E48', 'industrial', '市政工程有限公司', '管沟开挖时沟壁坍塌'],
  ['19', 'C26', 'industrial', '化工有限公司', '进入储罐检修时发生中毒窒息'],
  ['17', 'C26', 'industrial', '精细化工有限公司', '反应釜超压发生容器爆炸'],
  ['02', 'G54', 'road_traffic', '物流运输有限公司', '重型货车与小型客车相撞'],
  ['08', 'F52', 'fire', '商贸有限公司', '仓库电气线路短路引发火灾'],
  ['07', 'C30', 'industrial', '陶瓷制品有限公司', '窑炉高温物料喷溅造成灼烫'],
  ['20', 'H62', 'other', '餐饮管理有限公司', '后厨燃气灶具操作不当造成人员受伤'],
];

/** A SQL text literal of a trusted constant (our own tables above; they hold no quotes). */
function lit(s: string): string {
  if (s.includes("'")) throw new Error(`unexpected quote in ${s}`);
  return `'${s}'`;
}

function textArray(xs: string[]): string {
  return `ARRAY[${xs.map(lit).join(',')}]::text[]`;
}

export async function insertAccidentFixture(db: Db, count: number, counties: string[], now: Date): Promise<void> {
  if (count <= 0) return;
  const nCounties = counties.length;
  const nScenes = SCENES.length;
  const col = (k: number) => textArray(SCENES.map((s) => s[k] as string));
  await db.kysely.transaction().execute(async (trx) => {
    await sql`SELECT setseed(0.2026)`.execute(trx);
    await sql`
      WITH s AS (
        SELECT g.i,
          random() AS r_county, random() AS r_time, random() AS r_recv, random() AS r_grade, random() AS r_d,
          random() AS r_si, random() AS r_mi, random() AS r_loss, random() AS r_open, random() AS r_scene,
          random() AS r_place, random() AS r_no, random() AS r_final
        FROM generate_series(1, ${count}::int) AS g(i)
      ), t AS (
        SELECT s.*,
          (${sql.raw(textArray(counties))})[1 + floor(s.r_county * ${sql.raw(String(nCounties))})::int] AS county,
          1 + floor(s.r_scene * ${sql.raw(String(nScenes))})::int AS scene,
          CASE WHEN s.r_grade < 0.965 THEN 'general' WHEN s.r_grade < 0.995 THEN 'larger' ELSE 'major' END AS grade,
          s.r_open >= 0.975 AS open,
          date_trunc('minute', ${now}::timestamptz
            - CASE WHEN s.r_open >= 0.985 THEN s.r_time * interval '25 days' ELSE s.r_time * interval '730 days' END
            - interval '1 hour') AS occurred_at
        FROM s
      ), f AS (
        SELECT t.*,
          (${sql.raw(col(0))})[t.scene] AS accident_type,
          (${sql.raw(col(1))})[t.scene] AS industry_code,
          (${sql.raw(col(2))})[t.scene] AS domain,
          (${sql.raw(col(3))})[t.scene] AS unit_suffix,
          (${sql.raw(col(4))})[t.scene] AS what,
          (${sql.raw(textArray(PLACES))})[1 + floor(t.r_place * ${sql.raw(String(PLACES.length))})::int] AS place,
          CASE t.grade WHEN 'general' THEN (CASE WHEN t.r_d < 0.55 THEN 0 WHEN t.r_d < 0.9 THEN 1 ELSE 2 END)
            WHEN 'larger' THEN 3 + floor(t.r_d * 7)::int ELSE 10 + floor(t.r_d * 20)::int END AS deaths,
          CASE t.grade WHEN 'general' THEN floor(t.r_si * t.r_si * 10)::int
            WHEN 'larger' THEN floor(t.r_si * 20)::int ELSE floor(t.r_si * 40)::int END AS serious_injuries,
          floor(t.r_mi * 6)::int AS minor_injuries,
          CASE t.grade WHEN 'general' THEN 10000 + floor(t.r_loss * t.r_loss * 9000000)::bigint
            WHEN 'larger' THEN 5000000 + floor(t.r_loss * 40000000)::bigint
            ELSE 50000000 + floor(t.r_loss * 40000000)::bigint END AS direct_loss_yuan,
          t.occurred_at + (5 + floor(t.r_recv * 50)::int) * interval '1 minute' AS received_at
        FROM t
      )
      INSERT INTO accidents (
        id, region_code, report_no, occurred_at, received_at, address, unit_name, unit_credit_code,
        enterprise_org_id, industry_code, accident_type, domain,
        deaths, missing, serious_injuries, minor_injuries, direct_loss_yuan,
        stat_deaths, stat_missing, stat_serious_injuries, stat_minor_injuries, stat_direct_loss_yuan,
        grade, target_level, holder_level, summary, measures_taken, reporter_name, reporter_phone,
        source, duty_log_id, flags, revision_count, complete_at, first_followup_at, final_at, next_due_at,
        created_by, created_at, updated_at
      )
      SELECT
        ('00000000-0000-7000-8000-' || lpad(to_hex(f.i), 12, '0'))::uuid,
        f.county,
        f.county || '-' || to_char((f.received_at AT TIME ZONE 'UTC') + interval '8 hours', 'YYYYMMDD')
          || '-F' || lpad(f.i::text, 6, '0'),
        f.occurred_at,
        f.received_at,
        r.full_name || f.place || '路' || (1 + floor(f.r_no * 300)::int) || '号',
        '淄博' || f.place || f.unit_suffix,
        NULL, NULL,
        f.industry_code, f.accident_type, f.domain,
        f.deaths, 0, f.serious_injuries, f.minor_injuries, f.direct_loss_yuan,
        f.deaths, 0, f.serious_injuries, f.minor_injuries, f.direct_loss_yuan,
        f.grade,
        CASE f.grade WHEN 'general' THEN 'city' WHEN 'larger' THEN 'province' ELSE 'national' END,
        CASE f.grade WHEN 'general' THEN 'city' WHEN 'larger' THEN 'province' ELSE 'national' END,
        f.what || '，造成' || f.deaths || '人死亡、' || f.serious_injuries || '人重伤',
        '已组织救援，现场已封闭，事故原因正在调查',
        '王值班', '0533-2100000',
        'bureau', NULL, '{}'::text[],
        CASE WHEN f.open THEN 1 ELSE 3 END,
        f.received_at,
        CASE WHEN f.open THEN NULL ELSE f.occurred_at + interval '2 days' END,
        CASE WHEN f.open THEN NULL ELSE f.occurred_at + (3 + floor(f.r_final * 4)::int) * interval '1 day' END,
        CASE WHEN f.open THEN f.occurred_at
          + CASE WHEN f.domain IN ('road_traffic', 'fire') THEN interval '7 days' ELSE interval '30 days' END END,
        u.id,
        f.received_at,
        f.received_at
      FROM f
      JOIN regions r ON r.code = f.county
      JOIN users u ON u.username = 'duty.' || f.county
    `.execute(trx);
  });
}
