/**
 * 事故快报列表导出 (both engines): the list's filters and jurisdiction, one row per report newest first, the figures
 * and labels as the list shows them, an enterprise's own reports only; LibreOffice opens the file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sofficePath } from '../../documents/soffice.js';
import { convertDocument, downloadRaw } from '../../documents/test-support.js';
import { readWorkbook } from '../../documents/xlsx.js';
import { buildAccident, type Client, type TestApp, testApp, testClock } from '../../testing/harness.js';

let t: TestApp;
let county: Client;
let city: Client;
const tag = '导出测试';

beforeAll(async () => {
  t = await testApp({ clock: testClock('2026-12-05T10:00:00+08:00') });
  county = await t.as('duty.370303');
  city = await t.as('duty.370300');
  const now = t.clock.now();
  const file = async (c: Client, overrides: Record<string, unknown>) => {
    const res = await c.post(
      '/api/accidents',
      buildAccident({ ...overrides, unitName: `${tag}${overrides.unitName}` }, now),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  };
  await file(county, { unitName: '甲化工', deaths: 3, directLossYuan: 1_234_567 });
  await file(county, { unitName: '乙建材', occurredAt: new Date(now.getTime() - 3_600_000).toISOString() });
  await file(city, { unitName: '丙物流', regionCode: '370305' });
});
afterAll(() => t.close());

async function rowsOf(client: Client, query: string) {
  const res = await downloadRaw(t, client, `/api/accidents/export.xlsx?q=${encodeURIComponent(tag)}${query}`);
  expect(res.status).toBe(200);
  expect(String(res.headers['content-disposition'])).toContain("filename*=UTF-8''");
  const [sheet] = await readWorkbook(res.body);
  const values: unknown[][] = sheet?.rows ?? [];
  // Title, the export line, two header rows, then one row per report.
  return { res, rows: values.slice(5).filter((r) => r && String(r[1] ?? '').length > 0) };
}

describe('accident list export', () => {
  it('holds the filtered list of the jurisdiction, with labels and 万元', async () => {
    const { res, rows } = await rowsOf(city, '');
    expect(res.headers['x-export-rows']).toBe('3');
    const byUnit = new Map(rows.map((r) => [String(r[4]), r]));
    expect([...byUnit.keys()].sort()).toEqual([`${tag}丙物流`, `${tag}乙建材`, `${tag}甲化工`].sort());
    const larger: unknown[] = byUnit.get(`${tag}甲化工`) ?? [];
    expect(larger[9]).toBe(3); // 死亡
    expect(larger[13]).toBe(123.5); // 1,234,567 元 → 123.5 万元
    expect(larger[14]).toBe('较大事故');
    const zhangdian = await rowsOf(county, '');
    expect(zhangdian.rows).toHaveLength(2); // the county sees its own two, not 临淄's
    const filtered = await rowsOf(city, '&grade=larger');
    expect(filtered.rows).toHaveLength(1);
  });

  it('refuses a bad filter with a 400, and a region outside the jurisdiction', async () => {
    expect((await county.get('/api/accidents/export.xlsx?grade=huge')).status).toBe(400);
    const outside = await downloadRaw(t, county, '/api/accidents/export.xlsx?regionCode=370305');
    expect(outside.status === 404 || outside.headers['x-export-rows'] === '0').toBe(true);
  });

  it.skipIf(!sofficePath())(
    'opens in LibreOffice',
    async () => {
      const { res } = await rowsOf(city, '');
      const csv = (await convertDocument(res.body, 'xlsx', 'csv:Text - txt - csv (StarCalc):44,34,76')).toString(
        'utf8',
      );
      expect(csv).toContain(`${tag}甲化工`);
    },
    90_000,
  );
});
