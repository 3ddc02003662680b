/**
 * The working-day calendar over HTTP (issue 9, bar 2): the shipped years, a year that is not loaded refused (409,
 * never a Monday–Friday guess), loading 2027 changes addWorkingDays across New Year 2027; who may load; bad
 * schedules named by field; every load audited and kept as a revision.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, testApp, testClock } from '../../testing/harness.js';

const SCHEDULE_2027 = {
  source: '国务院办公厅关于2027年部分节假日安排的通知',
  periods: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03', workdays: [] }],
};

describe('working-day calendar', () => {
  let t: TestApp;
  let admin: Client;
  beforeAll(async () => {
    t = await testApp({ clock: testClock('2026-12-05T10:00:00+08:00') });
    admin = await t.as('admin.370000');
  });
  afterAll(() => t.close());

  it('ships the official schedules of 2020–2026', async () => {
    const res = await (await t.as('duty.370303')).get('/api/calendar/years');
    expect(res.status).toBe(200);
    expect(res.body.items.map((y: { year: number }) => y.year)).toEqual([2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    expect(res.body.items.every((y: { origin: string }) => y.origin === 'built_in')).toBe(true);
    const y2026 = await admin.get('/api/calendar/2026');
    expect(y2026.body.periods.find((p: { name: string }) => p.name === '春节')).toEqual({
      name: '春节',
      from: '2026-02-15',
      to: '2026-02-23',
      workdays: ['2026-02-14', '2026-02-28'],
    });
  });

  it('counts working days across the 2026 National Day (regulations.md §13.4: 9月24日 + 20 → 10月29日)', async () => {
    const res = await admin.get('/api/calendar/working-days?from=2026-09-24&days=20');
    expect(res.status).toBe(200);
    expect(res.body.date).toBe('2026-10-29');
  });

  it('refuses to count into 2027 until its schedule is loaded, then counts across New Year 2027', async () => {
    const before = await admin.get('/api/calendar/working-days?from=2026-12-31&days=1');
    expect(before.status).toBe(409);
    expect(before.body.error.code).toBe('CALENDAR_YEAR_MISSING');
    expect(before.body.error.message).toContain('2027年');

    const loaded = await admin.put('/api/calendar/2027', SCHEDULE_2027);
    expect(loaded.status).toBe(200);
    expect(loaded.body).toMatchObject({ year: 2027, origin: 'loaded', revision: 1 });

    const after = await admin.get('/api/calendar/working-days?from=2026-12-31&days=1');
    expect(after.status).toBe(200);
    expect(after.body.date).toBe('2027-01-04'); // 1月1日 (Fri) to 3日 off

    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'region_code', 'after'])
      .where('entity_type', '=', 'holiday_schedule')
      .where('entity_id', '=', '2027')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'calendar.load', region_code: '000000', after: { revision: 1 } });
  });

  it('a retry adds no revision; a correction is a new revision that replaces the old', async () => {
    expect((await admin.put('/api/calendar/2027', SCHEDULE_2027)).body.revision).toBe(1);
    const corrected = await admin.put('/api/calendar/2027', {
      ...SCHEDULE_2027,
      periods: [{ name: '元旦', from: '2027-01-01', to: '2027-01-04', workdays: [] }],
    });
    expect(corrected.body.revision).toBe(2);
    expect((await admin.get('/api/calendar/working-days?from=2026-12-31&days=1')).body.date).toBe('2027-01-05');
    const rows = await t.db.kysely
      .selectFrom('holiday_schedules')
      .select('revision')
      .where('year', '=', 2027)
      .execute();
    expect(rows.map((r) => r.revision).sort()).toEqual([1, 2]);
  });

  it('only administrators of a provincial or the national bureau load schedules', async () => {
    expect((await (await t.as('admin.370300')).put('/api/calendar/2028', SCHEDULE_2027)).status).toBe(403);
    expect((await (await t.as('duty.370000')).put('/api/calendar/2028', SCHEDULE_2027)).status).toBe(403);
    expect((await t.anonymous().put('/api/calendar/2028', SCHEDULE_2027)).status).toBe(401);
  });

  it.each([
    [
      'a day off in another year',
      { periods: [{ name: '元旦', from: '2027-01-01', to: '2027-01-02', workdays: [] }] },
      2028,
      'periods.0.from',
      'wrong_year',
    ],
    [
      'a 调休 workday on a weekday',
      { periods: [{ name: '春节', from: '2028-01-26', to: '2028-02-01', workdays: ['2028-02-02'] }] },
      2028,
      'periods.0.workdays.0',
      'not_weekend',
    ],
    [
      'an end before the start',
      { periods: [{ name: '春节', from: '2028-02-01', to: '2028-01-26', workdays: [] }] },
      2028,
      'periods.0.to',
      'custom',
    ],
    [
      'overlapping periods',
      {
        periods: [
          { name: 'a', from: '2028-05-01', to: '2028-05-05', workdays: [] },
          { name: 'b', from: '2028-05-05', to: '2028-05-06', workdays: [] },
        ],
      },
      2028,
      'periods.1.from',
      'overlap',
    ],
    [
      'an impossible date',
      { periods: [{ name: 'a', from: '2028-02-30', to: '2028-03-01', workdays: [] }] },
      2028,
      'periods.0.from',
      'custom',
    ],
  ])('refuses %s with 400 naming the field', async (_label, partial, year, path, code) => {
    const res = await admin.put(`/api/calendar/${year}`, { source: '测试', ...partial });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0]).toMatchObject({ path, code });
  });
});

describe('working-day queries that are not dates', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(() => t.close());

  it.each(['not-a-date', '2026-13-01', '2026-02-30', '', '99999-01-01'])('from=%j is a 400 on from', async (from) => {
    const res = await (await t.as('duty.370303')).get(`/api/calendar/working-days?from=${from}&days=1`);
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('from');
  });
});
