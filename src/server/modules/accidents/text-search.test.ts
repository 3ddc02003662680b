/**
 * Text search answers exactly what ILIKE would, whichever plan it takes: the bigram index for rare terms,
 * the newest-first walk for common ones, and the capped count past TEXT_COUNT_CAP.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertAccidentFixture } from '../../../../bench/fixture.js';
import { type Client, type TestApp, testApp, testClock } from '../../testing/harness.js';
import { TEXT_COUNT_CAP } from './repo.js';

const NOW = new Date('2026-11-25T10:00:00+08:00');

describe('GET /api/accidents?q=', () => {
  let t: TestApp;
  let city: Client;
  beforeAll(async () => {
    t = await testApp({ clock: testClock(NOW) });
    await insertAccidentFixture(t.db, 4_000, ['370303', '370304', '370102'], NOW);
    await sql`ANALYZE accidents`.execute(t.db.kysely);
    city = await t.as('duty.370300');
  });
  afterAll(() => t.close());

  /** The answer by definition: ILIKE over Zibo's reports, newest first. */
  async function reference(q: string, limit = 20) {
    const pattern = `%${q}%`;
    const { rows } = await sql<{ id: string; n: number }>`
      SELECT id, count(*) OVER ()::int AS n FROM accidents
      WHERE region_code LIKE '3703%' AND (unit_name || ' ' || address || ' ' || report_no) ILIKE ${pattern}
      ORDER BY occurred_at DESC, id DESC LIMIT ${limit}`.execute(t.db.kysely);
    return { ids: rows.map((r) => r.id), total: rows[0]?.n ?? 0 };
  }

  it.each([
    ['a common two-character term', '化工'],
    ['a one-character term (no bigram to index)', '博'],
    ['a Latin term, case-insensitive', 'f00012'],
    ['a term nothing matches', '不存在的单位'],
  ])('%s: the same rows as ILIKE, newest first, and the right total', async (_label, q) => {
    const want = await reference(q);
    const res = await city.get(`/api/accidents?q=${encodeURIComponent(q)}&pageSize=20`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { id: string }) => i.id)).toEqual(want.ids);
    expect(res.body.total).toBe(Math.min(want.total, TEXT_COUNT_CAP));
    expect(res.body.totalExact).toBe(want.total <= TEXT_COUNT_CAP);
  });

  it('a common term past the cap reports "1000+" and pages on consistently', async () => {
    const want = await reference('有限公司', 40);
    expect(want.total).toBeGreaterThan(TEXT_COUNT_CAP);
    const page2 = await city.get(`/api/accidents?q=${encodeURIComponent('有限公司')}&page=2&pageSize=20`);
    expect(page2.body.items.map((i: { id: string }) => i.id)).toEqual(want.ids.slice(20, 40));
    expect(page2.body).toMatchObject({ total: TEXT_COUNT_CAP, totalExact: false });
  });

  it('a report number finds exactly that report', async () => {
    const { rows } = await sql<{ id: string; report_no: string }>`
      SELECT id, report_no FROM accidents WHERE region_code = '370304' ORDER BY report_no LIMIT 1`.execute(t.db.kysely);
    const target = rows[0] as { id: string; report_no: string };
    const res = await city.get(`/api/accidents?q=${encodeURIComponent(target.report_no)}`);
    expect(res.body.items.map((i: { id: string }) => i.id)).toEqual([target.id]);
    expect(res.body).toMatchObject({ total: 1, totalExact: true });
  });
});
