/**
 * GET /api/accidents/summary: per Asia/Shanghai calendar day and in total, in the actor's jurisdiction,
 * with days without reports included. Runs on both engines (numbers, never strings).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccident, type Client, type TestApp, testApp, testClock } from '../../testing/harness.js';

const NOW = '2026-11-25T10:00:00+08:00';
const HOUR = 3_600_000;

interface Day {
  date: string;
  reports: number;
  deaths: number;
  seriousInjuries: number;
  byGrade: Record<string, number>;
}

const dayOf = (body: { days: Day[] }, date: string): Day | undefined => body.days.find((d) => d.date === date);

describe('accident summary', () => {
  let t: TestApp;
  let county: Client;
  let otherCounty: Client;
  let city: Client;

  const file = async (c: Client, overrides: Record<string, unknown>) => {
    const res = await c.post('/api/accidents', buildAccident(overrides, t.clock.now()));
    expect(res.status).toBe(201);
    return res.body;
  };

  beforeAll(async () => {
    t = await testApp({ clock: testClock(NOW), sessionIdleMinutes: 365 * 24 * 60, sessionMaxHours: 365 * 24 });
    county = await t.as('duty.370303');
    otherCounty = await t.as('duty.370305');
    city = await t.as('leader.370300');
    // Zhangdian (370303): one just before and one at 00:00 Asia/Shanghai, a 较大 one five days ago.
    await file(county, { occurredAt: '2026-11-24T23:59:59+08:00', deaths: 1, seriousInjuries: 2 });
    await file(county, { occurredAt: '2026-11-25T00:00:00+08:00', seriousInjuries: 1, directLossYuan: 250_000 });
    await file(county, { occurredAt: '2026-11-20T08:00:00+08:00', deaths: 3, directLossYuan: 5_000_000 });
    // Before the 30-day window (2026-10-27 … 2026-11-25): not counted.
    await file(county, { occurredAt: '2026-10-26T23:00:00+08:00', deaths: 1 });
    // Zhoucun (370305), same city, other county.
    await file(otherCounty, {
      regionCode: '370305',
      occurredAt: '2026-11-25T08:00:00+08:00',
      deaths: 2,
      directLossYuan: 1_000,
    });
  });
  afterAll(() => t.close());

  it('counts per Shanghai day, with zero days, the day boundary at 00:00 +08:00, and totals', async () => {
    const res = await county.get('/api/accidents/summary');
    expect(res.status).toBe(200);
    expect(res.body.from).toBe('2026-10-27');
    expect(res.body.to).toBe('2026-11-25');
    expect(res.body.days).toHaveLength(30);
    expect(res.body.days[0].date).toBe('2026-10-27');
    expect(res.body.days[29].date).toBe('2026-11-25');

    expect(dayOf(res.body, '2026-11-24')).toEqual({
      date: '2026-11-24',
      reports: 1,
      deaths: 1,
      seriousInjuries: 2,
      byGrade: { general: 1, larger: 0, major: 0, especially_major: 0 },
    });
    expect(dayOf(res.body, '2026-11-25')).toEqual({
      date: '2026-11-25',
      reports: 1,
      deaths: 0,
      seriousInjuries: 1,
      byGrade: { general: 1, larger: 0, major: 0, especially_major: 0 },
    });
    expect(dayOf(res.body, '2026-11-20')).toMatchObject({ reports: 1, deaths: 3, byGrade: { larger: 1, general: 0 } });
    expect(dayOf(res.body, '2026-11-21')).toEqual({
      date: '2026-11-21',
      reports: 0,
      deaths: 0,
      seriousInjuries: 0,
      byGrade: { general: 0, larger: 0, major: 0, especially_major: 0 },
    });
    expect(res.body.totals).toEqual({
      reports: 3,
      deaths: 4,
      seriousInjuries: 3,
      directLossYuan: 100_000 + 250_000 + 5_000_000,
      overdue: 0,
      pending: 3,
    });
  });

  it('a county user does not count another county; the city counts both and may narrow to one county', async () => {
    const other = await otherCounty.get('/api/accidents/summary?days=1');
    expect(other.body.days).toEqual([
      {
        date: '2026-11-25',
        reports: 1,
        deaths: 2,
        seriousInjuries: 0,
        byGrade: { general: 1, larger: 0, major: 0, especially_major: 0 },
      },
    ]);
    expect(other.body.totals).toMatchObject({ reports: 1, deaths: 2, directLossYuan: 1_000 });

    const all = await city.get('/api/accidents/summary');
    expect(all.body.totals).toMatchObject({ reports: 4, deaths: 6 });
    expect(dayOf(all.body, '2026-11-25')?.reports).toBe(2);

    const narrowed = await city.get('/api/accidents/summary?regionCode=370305');
    expect(narrowed.body.totals).toMatchObject({ reports: 1, deaths: 2 });

    // Asking for a region outside the jurisdiction finds nothing (no leak of existence).
    const outside = await county.get('/api/accidents/summary?regionCode=370305');
    expect(outside.status).toBe(200);
    expect(outside.body.totals.reports).toBe(0);
  });

  it('days widens the window (up to 366); out-of-range days are a 400 with the field', async () => {
    const wide = await county.get('/api/accidents/summary?days=60');
    expect(wide.body.days).toHaveLength(60);
    expect(wide.body.totals.reports).toBe(4);
    expect(dayOf(wide.body, '2026-10-26')?.reports).toBe(1);
    expect((await county.get('/api/accidents/summary?days=366')).body.days).toHaveLength(366);
    for (const days of ['0', '367', '1.5', 'x']) {
      const bad = await county.get(`/api/accidents/summary?days=${days}`);
      expect(bad.status).toBe(400);
      expect(bad.body.error.details[0].path).toBe('days');
    }
  });

  it('overdue and pending follow the clock; an enterprise user counts only its own unit', async () => {
    t.clock.advance(3 * HOUR);
    const later = await county.get('/api/accidents/summary');
    expect(later.body.totals).toMatchObject({ overdue: 3, pending: 0 });
    t.clock.set(NOW);

    const ent = await t.as('ent.91370303MA3C4B2X1Y');
    const res = await ent.get('/api/accidents/summary');
    expect(res.status).toBe(200);
    expect(res.body.totals.reports).toBe(0);
    expect(res.body.days).toHaveLength(30);

    expect((await t.anonymous().get('/api/accidents/summary')).status).toBe(401);
  });
});
