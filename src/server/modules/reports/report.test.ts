/**
 * GET /api/stats/report (统计月报) on generated data, both engines: rows reconcile to 合计 in every unit, 合计 equals the
 * summary, the .xlsx has the merged two-level headers and the same figures and opens in LibreOffice (bar 3);
 * jurisdiction and bad input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertAccidentFixture } from '../../../../bench/fixture.js';
import { formatWanYuan } from '../../../domain/statistics.js';
import { sofficePath } from '../../documents/soffice.js';
import { convertDocument, downloadRaw } from '../../documents/test-support.js';
import { readWorkbook } from '../../documents/xlsx.js';
import { type Client, type TestApp, testApp, testClock } from '../../testing/harness.js';

const NOW = '2026-11-25T10:00:00+08:00';
const KEYS = ['accidents', 'deaths', 'injuries', 'seriousInjuries', 'directLossWan'] as const;
const COLS = ['current', 'previous', 'change'] as const;

interface Cell {
  current: number;
  previous: number;
  change: number;
  changePct: number | null;
}
type Line = { key: string; label: string; cells: Record<(typeof KEYS)[number], Cell> };

let t: TestApp;
let province: Client;

/** Tenths for 万元 cells, so sums are exact integers. */
const units = (k: (typeof KEYS)[number], v: number) => (k === 'directLossWan' ? Math.round(v * 10) : v);

function expectReconciled(rows: Line[], total: Line) {
  for (const k of KEYS) {
    for (const col of COLS) {
      const sum = rows.reduce((a, r) => a + units(k, r.cells[k][col]), 0);
      expect(sum, `${k}.${col}`).toBe(units(k, total.cells[k][col]));
    }
  }
}

beforeAll(async () => {
  t = await testApp({ clock: testClock(NOW), sessionIdleMinutes: 365 * 24 * 60, sessionMaxHours: 365 * 24 });
  province = await t.as('stats.370000');
  const counties = await t.db.kysely
    .selectFrom('regions')
    .select('code')
    .where('level', '=', 'county')
    .where((eb) => eb.or([eb('code', 'like', '3703%'), eb('code', 'in', ['370102', '370103', '370112'])]))
    .execute();
  await insertAccidentFixture(
    t.db,
    3_000,
    counties.map((c) => c.code),
    new Date(NOW),
  );
});

afterAll(async () => {
  await t?.close();
});

describe('JSON for the screen', () => {
  it.each([
    ['370000', 'domain'],
    ['370000', 'industry'],
    ['370000', 'region'],
    ['370300', 'region'],
    ['370303', 'domain'],
  ])('%s by %s: rows add up to 合计 in 起, 人 and 万元, and 合计 is the summary', async (region, by) => {
    const res = await province.get(`/api/stats/report?regionCode=${region}&by=${by}&from=2025-03-01T00:00:00%2B08:00`);
    expect(res.status).toBe(200);
    const r = res.body;
    expect(r.unitLine).toBe('单位：起、人、万元');
    expect(r.total.label).toBe('合计');
    expectReconciled(r.rows, r.total);
    const s = (await province.get(`/api/stats/summary?regionCode=${region}&from=2025-03-01T00:00:00%2B08:00`)).body;
    expect(r.total.cells.accidents).toEqual({
      current: s.current.accidents,
      previous: s.previous.accidents,
      change: s.change.accidents,
      changePct: s.changePct.accidents,
    });
    expect(r.total.cells.deaths.current).toBe(s.current.deaths);
    expect(r.total.cells.seriousInjuries.previous).toBe(s.previous.seriousInjuries);
    // 合计 in 万元 is the bulletin's figure (half-up of the exact yuan); 增减率 from the exact yuan.
    expect(String(r.total.cells.directLossWan.current)).toBe(formatWanYuan(s.current.directLossYuan));
    expect(String(r.total.cells.directLossWan.previous)).toBe(formatWanYuan(s.previous.directLossYuan));
    expect(r.total.cells.directLossWan.changePct).toBe(s.changePct.directLossYuan);
  });

  it('names the rows and the period', async () => {
    const r = (
      await province.get(
        '/api/stats/report?regionCode=370000&by=domain&from=2026-10-01T00:00:00%2B08:00&to=2026-11-01T00:00:00%2B08:00',
      )
    ).body;
    expect(r.title).toBe('山东省生产安全事故统计表（分领域）');
    expect(r.periodLabel).toBe('2026年10月');
    expect(r.keyHeader).toBe('行业领域');
    expect(r.rows.map((x: Line) => x.label)).toEqual(['工矿商贸', '道路交通', '火灾', '其他']);
  });
});

describe('.xlsx', () => {
  const url = '/api/stats/report?regionCode=370300&by=region&from=2026-01-01T00:00:00%2B08:00&format=xlsx';

  it('downloads with a Chinese file name and merged two-level headers, and holds the screen figures', async () => {
    const res = await downloadRaw(t, province, url);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const name = '淄博市2026年1月1日至11月25日生产安全事故统计表（分地区）.xlsx';
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="download.xlsx"; filename*=UTF-8''${encodeURIComponent(name).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`,
    );
    const screen = (await province.get(url.replace('&format=xlsx', ''))).body;
    const [sheet] = await readWorkbook(res.body);
    if (!sheet) throw new Error('no sheet');
    expect(sheet.rows[1]?.[1]).toBe('淄博市生产安全事故统计表（分地区）');
    expect(sheet.rows[3]?.[1]).toBe('单位：起、人、万元');
    // Row 4: the group headers, merged over their four sub-columns; the first column spans both header rows.
    expect(sheet.merges).toEqual(
      expect.arrayContaining(['A1:U1', 'A4:A5', 'B4:E4', 'F4:I4', 'J4:M4', 'N4:Q4', 'R4:U4']),
    );
    expect([2, 6, 10, 14, 18].map((c) => sheet.rows[4]?.[c])).toEqual([
      '起数',
      '死亡(含失踪)',
      '受伤',
      '其中重伤',
      '直接经济损失(万元)',
    ]);
    expect(sheet.rows[5]?.slice(1, 6)).toEqual(['地区', '本期', '去年同期', '增减', '增减率(%)']);
    expect(sheet.numFmts.R6).toBe('#,##0.0');
    expect(sheet.numFmts.E6).toBe('0.0');
    expect(sheet.fonts.B6).toBe('仿宋');
    // Body rows then 合计, cell for cell as on screen ("—" where there is no percentage).
    const lines: Line[] = [...screen.rows, screen.total];
    lines.forEach((line, i) => {
      const row = sheet.rows[6 + i] ?? [];
      expect(row[1]).toBe(line.label);
      KEYS.forEach((k, j) => {
        const c = line.cells[k];
        expect(row.slice(2 + 4 * j, 6 + 4 * j)).toEqual([c.current, c.previous, c.change, c.changePct ?? '—']);
      });
    });
    expect(sheet.rows[6 + lines.length]?.[1]).toMatch(/^注：死亡含失踪/);
  });

  it.skipIf(!sofficePath())(
    'opens in LibreOffice: converts to PDF, and its CSV holds the 合计',
    async () => {
      const file = (await downloadRaw(t, province, url)).body;
      const pdf = await convertDocument(file, 'xlsx', 'pdf');
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.length).toBeGreaterThan(1000);
      const csv = (await convertDocument(file, 'xlsx', 'csv:Text - txt - csv (StarCalc):44,34,76')).toString('utf8');
      const total = (await province.get(url.replace('&format=xlsx', ''))).body.total;
      const line = csv.split('\n').find((l) => l.startsWith('合计'));
      expect(line).toBeDefined();
      expect(line).toContain(`合计,${total.cells.accidents.current},${total.cells.accidents.previous}`);
      // LibreOffice writes the cells as formatted (#,##0.0).
      const wan = (v: number) => v.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
      expect(line).toContain(
        `"${wan(total.cells.directLossWan.current)}","${wan(total.cells.directLossWan.previous)}"`,
      );
    },
    120_000,
  );
});

if (!sofficePath())
  console.warn('report.test.ts: LibreOffice (soffice) is not installed — the conversion test is skipped');

describe('permissions, jurisdiction and input', () => {
  it('an enterprise cannot (403); a foreign region is not found (404)', async () => {
    const ent = await t.as('ent.91370303MA3C4B2X1Y');
    expect((await ent.get('/api/stats/report?by=domain')).status).toBe(403);
    const jinan = await t.as('stats.370102');
    expect((await jinan.get('/api/stats/report?regionCode=370300&by=region')).status).toBe(404);
    expect((await jinan.get('/api/stats/report?regionCode=370300&by=region&format=xlsx')).status).toBe(404);
    expect((await jinan.get('/api/stats/report?by=region')).status).toBe(200);
  });

  it.each([
    ['by=type', 'by'],
    ['by=domain&format=pdf', 'format'],
    ['by=domain&from=2026-02-01T00:00:00%2B08:00&to=2026-01-01T00:00:00%2B08:00', 'from'],
  ])('400 on %s', async (query, field) => {
    const res = await province.get(`/api/stats/report?${query}`);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.error.details)).toContain(field);
  });
});
