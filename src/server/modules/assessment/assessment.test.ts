/**
 * 报送考核 over the API on both engines, on a controlled set of accidents filed, forwarded, signed and followed up
 * through the API with the test clock, so every timeliness is known: the metrics of each county and of the city,
 * the scores and the ranking (city → counties, province → cities), the same counts from the domain rules applied
 * to the accident views, written-off and out-of-period records left out, no data for an empty region, the .xlsx
 * export (opened with exceljs and LibreOffice), denials and bad input.
 */
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ASSESSMENT_METRICS,
  type AssessmentMetric,
  chainStepJudgement,
  followupCovered,
  judge,
  receivedOnTime,
} from '../../../domain/assessment.js';
import { isCompleteReport } from '../../../domain/direct-report.js';
import type { ChainLevel } from '../../../domain/reporting-chain.js';
import { sofficePath } from '../../documents/soffice.js';
import { convertDocument, downloadRaw } from '../../documents/test-support.js';
import { buildAccident, type Client, type TestApp, testApp, testClock } from '../../testing/harness.js';

const NOW = '2026-11-25T10:00:00+08:00';
const OCTOBER = `from=${encodeURIComponent('2026-10-01T00:00:00+08:00')}&to=${encodeURIComponent('2026-11-01T00:00:00+08:00')}`;

let t: TestApp;
const users: Record<string, Client> = {};
const as = (name: string) => users[name] as Client;
const ids: Record<string, string> = {};

/** Files at `at` (the clock moves there) as `who`; the body's occurredAt is given. */
async function fileAt(at: string, who: string, overrides: Record<string, unknown>) {
  t.clock.set(at);
  const res = await as(who).post('/api/accidents', buildAccident(overrides, t.clock.now()));
  if (res.status !== 201) throw new Error(`file: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

async function act(at: string, who: string, url: string, body: object = {}) {
  t.clock.set(at);
  const res = await as(who).post(url, body);
  if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
}

beforeAll(async () => {
  t = await testApp({ clock: testClock(NOW), sessionIdleMinutes: 365 * 24 * 60, sessionMaxHours: 365 * 24 });
  for (const name of [
    'duty.370303',
    'duty.370302',
    'duty.370305',
    'duty.370300',
    'duty.370000',
    'duty.000000',
    'duty.370102',
    'duty.370100',
    'stats.370300',
    'stats.370000',
    'stats.370303',
  ]) {
    users[name] = await t.as(name);
  }

  // 张店 A1: received in 30 min, complete, forwarded in 30 min, signed by the city in 30 min, 无变化确认 on day 7,
  // 终报 on day 10 — on time everywhere.
  ids.A1 = await fileAt('2026-10-05T09:30:00+08:00', 'duty.370303', {
    occurredAt: '2026-10-05T09:00:00+08:00',
    unitName: '张店考核测试化工厂',
  });
  await act('2026-10-05T10:00:00+08:00', 'duty.370303', `/api/accidents/${ids.A1}/forward`);
  await act('2026-10-05T10:30:00+08:00', 'duty.370300', `/api/accidents/${ids.A1}/sign`);
  await act('2026-10-11T15:00:00+08:00', 'duty.370303', `/api/accidents/${ids.A1}/followups`, { noChange: true });
  await act('2026-10-15T09:00:00+08:00', 'duty.370303', `/api/accidents/${ids.A1}/followups`, { final: true });

  // 淄川 B1: received 2 h after, without 已采取的措施 (incomplete), never forwarded, never followed up.
  ids.B1 = await fileAt('2026-10-06T10:00:00+08:00', 'duty.370302', {
    occurredAt: '2026-10-06T08:00:00+08:00',
    regionCode: '370302',
    address: '淄博市淄川区建材路1号',
    unitName: '淄川考核测试建材厂',
    measuresTaken: undefined,
  });
  // 淄川 B2: the same unit 30 min later, filed again (重复报送) with the duplicate check overridden; received 1 h 35
  // min after (late), forwarded in time, signed by the city late (the city's step, not 淄川's), 终报 on day 3, the
  // 7日 confirmation on day 7.
  ids.B2 = await fileAt('2026-10-06T10:05:00+08:00', 'duty.370302', {
    occurredAt: '2026-10-06T08:30:00+08:00',
    regionCode: '370302',
    address: '淄博市淄川区建材路1号',
    unitName: '淄川考核测试建材厂',
    confirmNotDuplicate: true,
  });
  await act('2026-10-06T11:00:00+08:00', 'duty.370302', `/api/accidents/${ids.B2}/forward`);
  await act('2026-10-06T14:30:00+08:00', 'duty.370300', `/api/accidents/${ids.B2}/sign`);
  await act('2026-10-09T09:00:00+08:00', 'duty.370302', `/api/accidents/${ids.B2}/followups`, { final: true });
  await act('2026-10-12T20:00:00+08:00', 'duty.370302', `/api/accidents/${ids.B2}/followups`, { noChange: true });

  // 临淄 C1: 重大事故 (10 deaths), received in 20 min, the county forwards in time, the city late, the province in
  // time, the ministry signs; one 续报 on day 1 (2 required), no 终报.
  ids.C1 = await fileAt('2026-10-08T09:20:00+08:00', 'duty.370305', {
    occurredAt: '2026-10-08T09:00:00+08:00',
    regionCode: '370305',
    address: '淄博市临淄区化工园区',
    unitName: '临淄考核测试石化公司',
    deaths: 10,
  });
  await act('2026-10-08T10:00:00+08:00', 'duty.370305', `/api/accidents/${ids.C1}/forward`);
  await act('2026-10-08T13:00:00+08:00', 'duty.370300', `/api/accidents/${ids.C1}/forward`);
  await act('2026-10-08T13:30:00+08:00', 'duty.370000', `/api/accidents/${ids.C1}/forward`);
  await act('2026-10-08T14:00:00+08:00', 'duty.000000', `/api/accidents/${ids.C1}/sign`);
  await act('2026-10-09T09:00:00+08:00', 'duty.370305', `/api/accidents/${ids.C1}/followups`, { note: '续报' });

  // 济南 历下 D1: like A1 (终报 on day 1, the 7日 confirmation on day 7).
  ids.D1 = await fileAt('2026-10-05T09:30:00+08:00', 'duty.370102', {
    occurredAt: '2026-10-05T09:00:00+08:00',
    regionCode: '370102',
    address: '济南市历下区经十路1号',
    unitName: '历下考核测试物流公司',
  });
  await act('2026-10-05T10:00:00+08:00', 'duty.370102', `/api/accidents/${ids.D1}/forward`);
  await act('2026-10-05T10:30:00+08:00', 'duty.370100', `/api/accidents/${ids.D1}/sign`);
  await act('2026-10-06T09:00:00+08:00', 'duty.370102', `/api/accidents/${ids.D1}/followups`, { final: true });
  await act('2026-10-11T15:00:00+08:00', 'duty.370102', `/api/accidents/${ids.D1}/followups`, { noChange: true });

  // Left out: a late one in 张店 that was written off (核销), and one just before the period.
  ids.W = await fileAt('2026-10-10T12:00:00+08:00', 'duty.370303', {
    occurredAt: '2026-10-10T08:00:00+08:00',
    unitName: '张店考核测试已核销',
    measuresTaken: undefined,
  });
  await sql`UPDATE accidents SET written_off_at = ${new Date('2026-10-20T00:00:00+08:00')} WHERE id = ${ids.W}`.execute(
    t.db.kysely,
  );
  ids.before = await fileAt('2026-10-01T03:00:00+08:00', 'duty.370303', {
    occurredAt: '2026-09-30T23:59:00+08:00',
    unitName: '张店考核测试九月',
    measuresTaken: undefined,
  });
  t.clock.set(NOW);
});
afterAll(() => t.close());

type Shares = Record<AssessmentMetric, [number, number]>;

// biome-ignore lint/suspicious/noExplicitAny: response rows are inspected field by field
function shares(row: any): Shares {
  return Object.fromEntries(
    ASSESSMENT_METRICS.map((m) => [m, [row.metrics[m].numerator, row.metrics[m].denominator]]),
  ) as Shares;
}

// biome-ignore lint/suspicious/noExplicitAny: response rows are inspected field by field
const child = (a: any, code: string) => a.children.find((c: { code: string }) => c.code === code);

describe('metrics, score and ranking', () => {
  it('a city: each county from its accidents, the city with its own steps; ranked by score', async () => {
    const res = await as('stats.370300').get(`/api/assessment?${OCTOBER}`);
    expect(res.status).toBe(200);
    const a = res.body;
    expect(a).toMatchObject({
      regionCode: '370300',
      regionName: '山东省淄博市',
      from: '2026-10-01T00:00:00.000+08:00',
      to: '2026-11-01T00:00:00.000+08:00',
      asOf: '2026-11-25T10:00:00.000+08:00',
      weights: {
        receivedOnTime: 20,
        forwardedOnTime: 25,
        nodesOnTime: 25,
        followupCoverage: 15,
        completeness: 15,
        duplicateDeduction: 20,
      },
    });

    const zhangdian = child(a, '370303');
    expect(zhangdian.accidents).toBe(1);
    expect(shares(zhangdian)).toEqual({
      receivedOnTime: [1, 1],
      forwardedOnTime: [1, 1],
      nodesOnTime: [3, 3],
      followupCoverage: [1, 1],
      completeness: [1, 1],
    });
    expect(zhangdian).toMatchObject({ score: 100, rank: 1, duplicates: { count: 0, deduction: 0 } });

    // 淄川: 0/2 received in time; its county steps 1/2 (B1 overdue); nodes 0/3 + 3/3; 1 of 2 covered and complete;
    // B2 repeats B1: 20×0 + 25×½ + 25×½ + 15×½ + 15×½ = 40, minus 20 × ½ = 30.
    const zichuan = child(a, '370302');
    expect(shares(zichuan)).toEqual({
      receivedOnTime: [0, 2],
      forwardedOnTime: [1, 2],
      nodesOnTime: [3, 6],
      followupCoverage: [1, 2],
      completeness: [1, 2],
    });
    expect(zichuan.metrics.forwardedOnTime.rate).toBe(50);
    expect(zichuan).toMatchObject({ accidents: 2, duplicates: { count: 1, deduction: 10 }, score: 30, rank: 3 });

    // 临淄: the city's late forwarding is the city's; the 续报 of day 1 does not meet the 7 d node (it wants day 7)
    // and the 30 d node is overdue; a 重大事故 needs 2 follow-ups, has 1: 20 + 25 + 25 × ⅓ + 0 + 15 = 68.33 → 68.3.
    const linzi = child(a, '370305');
    expect(shares(linzi)).toEqual({
      receivedOnTime: [1, 1],
      forwardedOnTime: [1, 1],
      nodesOnTime: [1, 3],
      followupCoverage: [0, 1],
      completeness: [1, 1],
    });
    expect(linzi).toMatchObject({ score: 68.3, rank: 2 });
    expect(linzi.metrics.nodesOnTime.rate).toBe(33.3);

    // Counties without accidents: no data, no rank, after the ranked ones.
    const ranked = a.children.filter((c: { rank: number | null }) => c.rank !== null);
    expect(ranked.map((c: { code: string }) => c.code)).toEqual(['370303', '370305', '370302']);
    expect(
      a.children.slice(3).every((c: { score: unknown; rank: unknown }) => c.score === null && c.rank === null),
    ).toBe(true);
    expect(child(a, '370304').metrics.receivedOnTime).toEqual({ numerator: 0, denominator: 0, rate: null });

    // The city: 4 accidents; steps inside Zibo 4 of 7 in time (the city signed A1 in time, B2 late, forwarded C1
    // late); 20×½ + 25×4/7 + 25×7/12 + 15×½ + 15×¾ = 57.62, minus 20 × ¼ = 52.6.
    expect(shares(a.region)).toEqual({
      receivedOnTime: [2, 4],
      forwardedOnTime: [4, 7],
      nodesOnTime: [7, 12],
      followupCoverage: [2, 4],
      completeness: [3, 4],
    });
    expect(a.region).toMatchObject({
      code: '370300',
      accidents: 4,
      duplicates: { count: 1, deduction: 5 },
      score: 52.6,
    });
  });

  it('a province ranks its cities; a city scores as it does for itself', async () => {
    const a = (await as('stats.370000').get(`/api/assessment?regionCode=370000&${OCTOBER}`)).body;
    expect(child(a, '370300')).toMatchObject({ score: 52.6, rank: 2, accidents: 4 });
    expect(child(a, '370100')).toMatchObject({ score: 100, rank: 1, accidents: 1 });
    expect(a.children.filter((c: { rank: unknown }) => c.rank !== null)).toHaveLength(2);
    // The province's own step (C1 forwarded to the ministry in time) counts for the province.
    expect(a.region.metrics.forwardedOnTime).toMatchObject({ numerator: 7, denominator: 10 });
    expect(a.region.accidents).toBe(5);
  });

  it('the database counts equal the domain rules applied to the accident views', async () => {
    const now = new Date(NOW);
    const counted: Shares = {
      receivedOnTime: [0, 0],
      forwardedOnTime: [0, 0],
      nodesOnTime: [0, 0],
      followupCoverage: [0, 0],
      completeness: [0, 0],
    };
    const add = (m: AssessmentMetric, ok: boolean | null) => {
      if (ok === null) return;
      counted[m][1] += 1;
      if (ok) counted[m][0] += 1;
    };
    for (const id of [ids.A1, ids.B1, ids.B2, ids.C1] as string[]) {
      const v = (await as('stats.370300').get(`/api/accidents/${id}`)).body;
      add('receivedOnTime', receivedOnTime(new Date(v.occurredAt), new Date(v.receivedAt)));
      for (const e of v.chain) {
        if (!e.regionCode.startsWith('3703')) continue;
        const j = chainStepJudgement(
          {
            level: e.level,
            receivedAt: e.receivedAt && new Date(e.receivedAt),
            forwardedAt: e.forwardedAt && new Date(e.forwardedAt),
            dueAt: e.dueAt && new Date(e.dueAt),
            signedAt: e.signedAt && new Date(e.signedAt),
            skipped: e.skipped,
          },
          v.targetLevel as ChainLevel,
          now,
        );
        add('forwardedOnTime', j === null || j === 'open' ? null : j === 'on_time');
      }
      for (const n of v.nodes) {
        const j = judge(n.status);
        add('nodesOnTime', j === 'open' ? null : j === 'on_time');
      }
      add('followupCoverage', followupCovered(v.grade, v.revisionCount - 1, new Date(v.occurredAt), now));
      add('completeness', isCompleteReport(v));
    }
    const a = (await as('stats.370300').get(`/api/assessment?${OCTOBER}`)).body;
    expect(shares(a.region)).toEqual(counted);
  });

  it('written-off and out-of-period records are left out; no accident is no data', async () => {
    // W (written off, late, incomplete) and the September one are in none of the counts above; the default
    // period (this year to now) takes in the September one.
    const year = (await as('stats.370303').get('/api/assessment')).body;
    expect(year.regionCode).toBe('370303');
    expect(year.region.accidents).toBe(2);
    expect(year.region.metrics.completeness).toMatchObject({ numerator: 1, denominator: 2 });
    // A county's children are its towns: no chain step is owed there, the metric is left out.
    expect(year.children.every((c: { score: unknown }) => c.score === null)).toBe(true);

    const empty = (await as('stats.370000').get(`/api/assessment?regionCode=370200&${OCTOBER}`)).body;
    expect(empty.region).toMatchObject({ accidents: 0, score: null });
    expect(empty.region.metrics.completeness.rate).toBeNull();
    expect(empty.children.length).toBeGreaterThan(0);
    expect(empty.children.every((c: { rank: unknown }) => c.rank === null)).toBe(true);
  });
});

describe('export', () => {
  it('is an .xlsx with the ranking and the scores; LibreOffice opens it', async () => {
    const res = await downloadRaw(t, as('stats.370300'), `/api/assessment/export?regionCode=370300&${OCTOBER}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('报送考核_')}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    expect(String(ws.getCell(1, 1).value)).toBe('山东省淄博市事故信息报送考核排名');
    const rows: unknown[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const byName = (name: string) => rows.find((r) => r[1] === name) as unknown[];
    expect(byName('张店区').slice(0, 4)).toEqual([1, '张店区', 100, 1]);
    expect(byName('临淄区').slice(0, 3)).toEqual([2, '临淄区', 68.3]);
    expect(byName('淄川区').slice(0, 3)).toEqual([3, '淄川区', 30]);
    expect(byName('淄博市（全辖区）').slice(2, 4)).toEqual([52.6, 4]);
    // Two header rows: the metric groups merged over 达标 / 应计 / 比率(%).
    expect(rows.some((r) => r.includes('接报及时率'))).toBe(true);
    expect(rows.some((r) => r.includes('比率(%)'))).toBe(true);

    if (!sofficePath()) return; // LibreOffice not installed here: exceljs has opened it above.
    const pdf = await convertDocument(res.body, 'xlsx', 'pdf');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // CSV filter options: comma, double quote, UTF-8 (76).
    const csv = (await convertDocument(res.body, 'xlsx', 'csv:Text - txt - csv (StarCalc):44,34,76')).toString('utf8');
    expect(csv).toContain('张店区');
    expect(csv).toContain('68.3');
  }, 120_000);
});

describe('access and input', () => {
  it('enterprises are refused (403); a county cannot assess its city or a neighbour (404); anonymous 401', async () => {
    const ent = await t.as('ent.91370303MA3C4B2X1Y');
    expect((await ent.get('/api/assessment')).status).toBe(403);
    expect((await ent.get('/api/assessment/export')).status).toBe(403);
    const county = as('stats.370303');
    for (const url of [
      '/api/assessment?regionCode=370300',
      '/api/assessment?regionCode=370302',
      '/api/assessment/export?regionCode=370300',
    ]) {
      expect((await county.get(url)).status, url).toBe(404);
    }
    expect((await as('stats.370300').get('/api/assessment?regionCode=370399')).status).toBe(404);
    expect((await t.anonymous().get('/api/assessment')).status).toBe(401);
    for (const role of ['admin', 'duty', 'stats', 'inspector', 'leader']) {
      expect((await (await t.as(`${role}.370300`)).get(`/api/assessment?${OCTOBER}`)).status, role).toBe(200);
    }
  });

  it('bad input is a 400 naming the field', async () => {
    const cases: [string, string][] = [
      [
        `from=${encodeURIComponent('2026-11-01T00:00:00+08:00')}&to=${encodeURIComponent('2026-10-01T00:00:00+08:00')}`,
        'from',
      ],
      ['from=2026-10-01', 'from'],
      ['regionCode=37', 'regionCode'],
      ['by=region', 'by'],
    ];
    for (const [q, path] of cases) {
      for (const url of [`/api/assessment?${q}`, `/api/assessment/export?${q}`]) {
        const res = await as('stats.370300').get(url);
        expect(res.status, url).toBe(400);
        expect(res.body.error.details[0].path, url).toBe(path);
      }
    }
    // `from` after now with `to` defaulting to now.
    const future = await as('stats.370300').get(
      `/api/assessment?from=${encodeURIComponent('2026-12-01T00:00:00+08:00')}`,
    );
    expect(future.status).toBe(400);
    expect(future.body.error.details[0].path).toBe('from');
  });
});
