/**
 * Quick reports over the API: grades and target levels at every 493号令 boundary, the reporting chain
 * (forward, sign, 越级, late, overdue), re-grading on follow-up, the 补报 window, direct-report nodes,
 * revisions, duplicates, idempotency (also under concurrent retries), enterprise filing and the list.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildAccident, type Client, type TestApp, testApp, testClock } from '../../testing/harness.js';

const T0_ISO = '2026-11-25T10:00:00+08:00';
const T0 = Date.parse(T0_ISO);
const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();

let t: TestApp;
let county: Client; // duty.370303
let countyStats: Client; // stats.370303
let city: Client; // duty.370300
let province: Client; // duty.370000
let nation: Client; // duty.000000
let unitSeq = 0;

/** A valid body with a unique unit name (no accidental duplicates between tests). */
function body(overrides: Record<string, unknown> = {}) {
  unitSeq += 1;
  return buildAccident({ unitName: `淄博测试化工有限公司${unitSeq}号厂`, ...overrides }, t.clock.now());
}

async function create(c: Client, overrides: Record<string, unknown> = {}) {
  const res = await c.post('/api/accidents', body(overrides));
  if (res.status !== 201) throw new Error(`create: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

// biome-ignore lint/suspicious/noExplicitAny: the view is inspected field by field
const entry = (view: any, level: string) => view.chain.find((e: { level: string }) => e.level === level);
// biome-ignore lint/suspicious/noExplicitAny: the view is inspected field by field
const node = (view: any, kind: string) => view.nodes.find((n: { kind: string }) => n.kind === kind);

async function countRows(where: { unitName?: string; id?: string }) {
  let q = t.db.kysely.selectFrom('accidents').select(sql<number>`count(*)::int`.as('n'));
  if (where.unitName) q = q.where('unit_name', '=', where.unitName);
  if (where.id) q = q.where('id', '=', where.id);
  return (await q.executeTakeFirstOrThrow()).n;
}

beforeAll(async () => {
  // Sessions must survive clock jumps of weeks: the idle limit is tested in auth.test.ts.
  t = await testApp({ clock: testClock(T0_ISO), sessionIdleMinutes: 365 * 24 * 60, sessionMaxHours: 365 * 24 });
  [county, countyStats, city, province, nation] = await Promise.all([
    t.as('duty.370303'),
    t.as('stats.370303'),
    t.as('duty.370300'),
    t.as('duty.370000'),
    t.as('duty.000000'),
  ]);
});
afterAll(() => t.close());
beforeEach(() => t.clock.set(T0_ISO));

// ————————————————————————————————————————————————————————————— grades

describe('grade and target level over the API (493号令 第三条、第十条)', () => {
  it.each<[string, Record<string, number>, string, string]>([
    ['2 deaths', { deaths: 2 }, 'general', 'city'],
    ['3 deaths', { deaths: 3 }, 'larger', 'province'],
    ['9 deaths', { deaths: 9 }, 'larger', 'province'],
    ['10 deaths', { deaths: 10 }, 'major', 'national'],
    ['29 deaths', { deaths: 29 }, 'major', 'national'],
    ['30 deaths', { deaths: 30 }, 'especially_major', 'national'],
    ['2 deaths + 1 missing', { deaths: 2, missing: 1 }, 'larger', 'province'],
    ['9 deaths + 1 missing', { deaths: 9, missing: 1 }, 'major', 'national'],
    ['29 missing + 1 death', { deaths: 1, missing: 29 }, 'especially_major', 'national'],
    ['9 serious injuries', { seriousInjuries: 9 }, 'general', 'city'],
    ['10 serious injuries', { seriousInjuries: 10 }, 'larger', 'province'],
    ['49 serious injuries', { seriousInjuries: 49 }, 'larger', 'province'],
    ['50 serious injuries', { seriousInjuries: 50 }, 'major', 'national'],
    ['99 serious injuries', { seriousInjuries: 99 }, 'major', 'national'],
    ['100 serious injuries', { seriousInjuries: 100 }, 'especially_major', 'national'],
    ['9,999,999 yuan', { directLossYuan: 9_999_999 }, 'general', 'city'],
    ['10,000,000 yuan', { directLossYuan: 10_000_000 }, 'larger', 'province'],
    ['49,999,999 yuan', { directLossYuan: 49_999_999 }, 'larger', 'province'],
    ['50,000,000 yuan', { directLossYuan: 50_000_000 }, 'major', 'national'],
    ['99,999,999 yuan', { directLossYuan: 99_999_999 }, 'major', 'national'],
    ['100,000,000 yuan', { directLossYuan: 100_000_000 }, 'especially_major', 'national'],
    [
      'max of three: 2 deaths, 9 SI, 50,000,000 yuan',
      { deaths: 2, seriousInjuries: 9, directLossYuan: 50_000_000 },
      'major',
      'national',
    ],
    ['max of three: 3 deaths, 100 SI, 0 yuan', { deaths: 3, seriousInjuries: 100 }, 'especially_major', 'national'],
  ])('%s → %s, up to %s', async (_label, figures, grade, target) => {
    const view = await create(county, { deaths: 0, missing: 0, seriousInjuries: 0, directLossYuan: 0, ...figures });
    expect(view.grade).toBe(grade);
    expect(view.targetLevel).toBe(target);
    const levels = ['county', 'city', 'province', 'national'];
    expect(view.chain.map((e: { level: string }) => e.level)).toEqual(levels.slice(0, levels.indexOf(target) + 1));
    expect(view.chain.at(-1).isTarget).toBe(true);
    // what GET returns is what POST returned
    const got = await county.get(`/api/accidents/${view.id}`);
    expect(got.body.grade).toBe(grade);
  });
});

// ————————————————————————————————————————————————————————————— chain

describe('reporting chain (逐级上报, 2 h per level)', () => {
  it('county files → county holds it, dueAt = receivedAt + 2 h; forward → city receives at that moment', async () => {
    const v = await create(county);
    expect(v.holderLevel).toBe('county');
    const c0 = entry(v, 'county');
    expect(c0).toMatchObject({ regionCode: '370303', receivedAt: iso(T0), dueAt: iso(T0 + 2 * HOUR) });
    expect(c0.status).toBe('pending');
    expect(entry(v, 'city')).toMatchObject({ regionCode: '370300', receivedAt: null, dueAt: null });

    t.clock.set(new Date(T0 + 37 * MIN));
    const fwd = await county.post(`/api/accidents/${v.id}/forward`, { note: '已核实，上报市局' });
    expect(fwd.status).toBe(200);
    expect(fwd.body.holderLevel).toBe('city');
    expect(entry(fwd.body, 'county')).toMatchObject({ forwardedAt: iso(T0 + 37 * MIN), status: 'done' });
    expect(entry(fwd.body, 'city')).toMatchObject({
      receivedAt: iso(T0 + 37 * MIN),
      dueAt: iso(T0 + 37 * MIN + 2 * HOUR),
      status: 'pending',
    });
    expect(fwd.body.flags).not.toContain('late_forward');

    // the city is the target for 一般: signing completes its step
    t.clock.set(new Date(T0 + 50 * MIN));
    const signed = await city.post(`/api/accidents/${v.id}/sign`, { note: '市局已签收' });
    expect(signed.status).toBe(200);
    expect(entry(signed.body, 'city')).toMatchObject({ signedAt: iso(T0 + 50 * MIN), status: 'done' });

    // nothing above the target to forward to without an explicit level
    const again = await city.post(`/api/accidents/${v.id}/forward`, {});
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CHAIN_COMPLETE');
  });

  it('only the holding level forwards: county after forwarding, and a city that does not hold it, get 403', async () => {
    const v = await create(county);
    expect((await city.post(`/api/accidents/${v.id}/forward`, {})).body.error.code).toBe('NOT_HOLDER');
    expect((await county.post(`/api/accidents/${v.id}/forward`, {})).status).toBe(200);
    const twice = await county.post(`/api/accidents/${v.id}/forward`, {});
    expect(twice.status).toBe(403);
    expect(twice.body.error.code).toBe('NOT_HOLDER');
  });

  it('forward and sign need no request body at all (POST without Content-Type or payload)', async () => {
    const v = await create(county);
    const fwd = await county.post(`/api/accidents/${v.id}/forward`);
    expect(fwd.status, JSON.stringify(fwd.body)).toBe(200);
    expect(fwd.body.holderLevel).toBe('city');
    const sign = await city.post(`/api/accidents/${v.id}/sign`);
    expect(sign.status, JSON.stringify(sign.body)).toBe(200);
    expect(entry(sign.body, 'city').signedAt).toBe(iso(T0));
  });

  it('forward and sign accept an empty JSON body', async () => {
    const v = await create(county);
    const send = (c: Client, url: string) =>
      t.app.inject({
        method: 'POST',
        url,
        headers: { cookie: c.cookie, 'content-type': 'application/json' },
        payload: '',
      });
    expect((await send(county, `/api/accidents/${v.id}/forward`)).statusCode).toBe(200);
    expect((await send(city, `/api/accidents/${v.id}/sign`)).statusCode).toBe(200);
  });

  it('two concurrent forwards by the holder: one succeeds, the other is refused, the chain is consistent', async () => {
    const v = await create(county);
    const results = await Promise.all([
      county.post(`/api/accidents/${v.id}/forward`, {}),
      county.post(`/api/accidents/${v.id}/forward`, {}),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 403]);
    const got = await county.get(`/api/accidents/${v.id}`);
    expect(got.body.holderLevel).toBe('city');
    const forwards = await t.db.kysely
      .selectFrom('audit_log')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('entity_id', '=', v.id)
      .where('action', '=', 'accident.forward')
      .executeTakeFirstOrThrow();
    expect(forwards.n).toBe(1);
  });

  it('a level that has not received the report cannot sign it', async () => {
    const v = await create(county);
    const res = await city.post(`/api/accidents/${v.id}/sign`, {});
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('NOT_RECEIVED');
  });

  it('签收 is for a level that received the report from below: once, before it forwards (issue 14 §1)', async () => {
    const v = await create(county, { deaths: 3 }); // 较大: target province
    expect(entry(v, 'county')).toMatchObject({ originated: true, signable: false });
    // The county filed it itself: nothing to sign for, before or after the city forwarded and the province signed.
    const own = await county.post(`/api/accidents/${v.id}/sign`, {});
    expect([own.status, own.body.error.code]).toEqual([409, 'SIGN_OWN_REPORT']);

    t.clock.set(new Date(T0 + 10 * MIN));
    await county.post(`/api/accidents/${v.id}/forward`, {});
    const atCity = (await city.get(`/api/accidents/${v.id}`)).body;
    expect(entry(atCity, 'city')).toMatchObject({ originated: false, signable: true });
    t.clock.set(new Date(T0 + 20 * MIN));
    expect((await city.post(`/api/accidents/${v.id}/sign`, {})).status).toBe(200);
    // A retried sign is answered with the first signature, not a second one.
    t.clock.set(new Date(T0 + 25 * MIN));
    const retry = await city.post(`/api/accidents/${v.id}/sign`, {});
    expect([retry.status, entry(retry.body, 'city').signedAt]).toEqual([200, iso(T0 + 20 * MIN)]);
    await city.post(`/api/accidents/${v.id}/forward`, {});
    t.clock.set(new Date(T0 + 40 * MIN));
    expect((await province.post(`/api/accidents/${v.id}/sign`, {})).status).toBe(200);
    expect((await county.post(`/api/accidents/${v.id}/sign`, {})).body.error.code).toBe('SIGN_OWN_REPORT');

    const signs = await t.db.kysely
      .selectFrom('audit_log')
      .select(['region_code', 'after'])
      .where('entity_id', '=', v.id)
      .where('action', '=', 'accident.sign')
      .orderBy('at')
      .execute();
    expect(signs.map((r) => (r.after as { level: string }).level)).toEqual(['city', 'province']);
    const view = (await province.get(`/api/accidents/${v.id}`)).body;
    expect(view.chain.map((e: { signable: boolean }) => e.signable)).toEqual([false, false, false]);
    expect(entry(view, 'county').signedAt).toBeNull();
  });

  it('a level that forwarded without signing cannot sign afterwards (the chain stays in order)', async () => {
    const v = await create(county, { deaths: 3 });
    await county.post(`/api/accidents/${v.id}/forward`, {});
    await city.post(`/api/accidents/${v.id}/forward`, {});
    const late = await city.post(`/api/accidents/${v.id}/sign`, {});
    expect([late.status, late.body.error.code]).toEqual([409, 'SIGN_AFTER_FORWARD']);
    expect(entry((await city.get(`/api/accidents/${v.id}`)).body, 'city').signedAt).toBeNull();
  });

  it('a report filed at its target level by that level is there on filing: done, nothing to sign', async () => {
    const v = await create(city); // 一般: the city is the target and filed it
    expect(entry(v, 'city')).toMatchObject({ originated: true, signable: false, status: 'done' });
    expect(v.status).not.toBe('overdue');
    t.clock.set(new Date(T0 + 3 * HOUR));
    expect(entry((await city.get(`/api/accidents/${v.id}`)).body, 'city').status).toBe('done');
  });

  it('forwarding to a level not above the holder is a 400 on toLevel', async () => {
    const v = await create(county);
    const res = await county.post(`/api/accidents/${v.id}/forward`, { toLevel: 'county' });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('toLevel');
  });

  it('越级上报: a 较大 report forwarded by the county straight to the province skips the city, recorded', async () => {
    const v = await create(county, { deaths: 3 });
    expect(v.targetLevel).toBe('province');
    t.clock.set(new Date(T0 + 20 * MIN));
    const res = await county.post(`/api/accidents/${v.id}/forward`, {
      toLevel: 'province',
      note: '情况紧急，越级上报',
    });
    expect(res.status).toBe(200);
    expect(res.body.holderLevel).toBe('province');
    expect(res.body.flags).toContain('skipped_level');
    expect(entry(res.body, 'city')).toMatchObject({ skipped: true, status: 'done' });
    expect(entry(res.body, 'province')).toMatchObject({
      skipped: false,
      receivedAt: iso(T0 + 20 * MIN),
      dueAt: iso(T0 + 20 * MIN + 2 * HOUR),
      status: 'pending',
    });
    // the skipped city cannot forward; the province signs as target
    expect((await city.post(`/api/accidents/${v.id}/forward`, {})).status).toBe(403);
    const signed = await province.post(`/api/accidents/${v.id}/sign`, {});
    expect(signed.status).toBe(200);
    expect(entry(signed.body, 'province').status).toBe('done');
    // the chain entries stay visible to the skipped city's duty room
    expect((await city.get(`/api/accidents/${v.id}`)).status).toBe(200);
  });

  it('a 重大 report climbs county → city → province → national, each with its own 2 h', async () => {
    const v = await create(county, { deaths: 10 });
    expect(v.chain).toHaveLength(4);
    t.clock.set(new Date(T0 + 10 * MIN));
    await county.post(`/api/accidents/${v.id}/forward`, {});
    t.clock.set(new Date(T0 + 30 * MIN));
    await city.post(`/api/accidents/${v.id}/forward`, {});
    t.clock.set(new Date(T0 + 60 * MIN));
    const res = await province.post(`/api/accidents/${v.id}/forward`, {});
    expect(res.status).toBe(200);
    expect(res.body.chain.map((e: { dueAt: string }) => e.dueAt)).toEqual([
      iso(T0 + 2 * HOUR),
      iso(T0 + 10 * MIN + 2 * HOUR),
      iso(T0 + 30 * MIN + 2 * HOUR),
      iso(T0 + 60 * MIN + 2 * HOUR),
    ]);
    const signed = await nation.post(`/api/accidents/${v.id}/sign`, {});
    expect(signed.body.chain.map((e: { status: string }) => e.status)).toEqual(['done', 'done', 'done', 'done']);
  });

  it('forward exactly at dueAt is on time; 1 ms later it is late (done_late + late_forward)', async () => {
    const onTime = await create(county);
    const late = await create(county);
    t.clock.set(new Date(T0 + 2 * HOUR));
    const a = await county.post(`/api/accidents/${onTime.id}/forward`, {});
    expect(entry(a.body, 'county').status).toBe('done');
    expect(a.body.flags).not.toContain('late_forward');
    t.clock.set(new Date(T0 + 2 * HOUR + 1));
    const b = await county.post(`/api/accidents/${late.id}/forward`, {});
    expect(entry(b.body, 'county').status).toBe('done_late');
    expect(b.body.flags).toContain('late_forward');
  });

  it('a level is overdue once the clock passes its dueAt (pending exactly at dueAt)', async () => {
    const v = await create(county);
    t.clock.set(new Date(T0 + 2 * HOUR));
    const atDue = await county.get(`/api/accidents/${v.id}`);
    expect(entry(atDue.body, 'county').status).toBe('pending');
    expect(atDue.body.status).toBe('pending');
    t.clock.set(new Date(T0 + 2 * HOUR + 1));
    const after = await county.get(`/api/accidents/${v.id}`);
    expect(entry(after.body, 'county').status).toBe('overdue');
    expect(after.body.status).toBe('overdue');
  });

  it('receivedAt given by the bureau starts the clock (dueAt = receivedAt + 2 h)', async () => {
    const v = await create(county, { occurredAt: iso(T0 - 3 * HOUR), receivedAt: iso(T0 - 2 * HOUR - 30 * MIN) });
    expect(entry(v, 'county')).toMatchObject({ receivedAt: iso(T0 - 150 * MIN), dueAt: iso(T0 - 30 * MIN) });
    expect(entry(v, 'county').status).toBe('overdue');
    expect(v.flags).toEqual([]); // received 30 min after the accident: not late
  });

  it('flags unit_late only when the county received it more than 1 h after the accident', async () => {
    const exact = await create(county, { occurredAt: iso(T0 - HOUR), receivedAt: iso(T0) });
    expect(exact.flags).not.toContain('unit_late');
    const late = await create(county, { occurredAt: iso(T0 - HOUR - 1), receivedAt: iso(T0) });
    expect(late.flags).toContain('unit_late');
  });
});

// ————————————————————————————————————————————————————————————— re-grading

describe('re-grading on follow-up (续报)', () => {
  it('general → larger via 3 deaths: grade and target change at once; the holder gets followup time + 2 h', async () => {
    const v = await create(county);
    expect(v.grade).toBe('general');
    t.clock.set(new Date(T0 + 95 * MIN));
    const res = await county.post(`/api/accidents/${v.id}/followups`, { deaths: 3, note: '三人经抢救无效死亡' });
    expect(res.status).toBe(201);
    expect(res.body.grade).toBe('larger');
    expect(res.body.targetLevel).toBe('province');
    expect(res.body.chain.map((e: { level: string }) => e.level)).toEqual(['county', 'city', 'province']);
    expect(entry(res.body, 'county').dueAt).toBe(iso(T0 + 95 * MIN + 2 * HOUR));
    expect(res.body.revisions.at(-1)).toMatchObject({ gradeBefore: 'general', gradeAfter: 'larger' });
    // GET agrees
    const got = await county.get(`/api/accidents/${v.id}`);
    expect(got.body).toMatchObject({ grade: 'larger', targetLevel: 'province', deaths: 3 });
    expect(got.body.statistics.deaths).toBe(3);
  });

  it('a city that signed a 一般 report owes a forward again after it becomes 较大 (new 2 h from the follow-up)', async () => {
    const v = await create(county);
    t.clock.set(new Date(T0 + 10 * MIN));
    await county.post(`/api/accidents/${v.id}/forward`, {});
    t.clock.set(new Date(T0 + 20 * MIN));
    const signed = await city.post(`/api/accidents/${v.id}/sign`, {});
    expect(entry(signed.body, 'city').status).toBe('done');
    t.clock.set(new Date(T0 + 60 * MIN));
    const res = await county.post(`/api/accidents/${v.id}/followups`, { missing: 3, note: '三人下落不明' });
    expect(res.body.grade).toBe('larger');
    expect(entry(res.body, 'city')).toMatchObject({ dueAt: iso(T0 + 3 * HOUR), status: 'pending' });
    // the county's own (met) deadline is untouched
    expect(entry(res.body, 'county')).toMatchObject({ dueAt: iso(T0 + 2 * HOUR), status: 'done' });
    t.clock.set(new Date(T0 + 3 * HOUR + 1));
    expect(entry((await city.get(`/api/accidents/${v.id}`)).body, 'city').status).toBe('overdue');
  });

  it('50 serious injuries make it 重大 and the target national', async () => {
    const v = await create(county);
    t.clock.set(new Date(T0 + 5 * MIN));
    const res = await county.post(`/api/accidents/${v.id}/followups`, { seriousInjuries: 50 });
    expect(res.body).toMatchObject({ grade: 'major', targetLevel: 'national' });
    expect(res.body.chain).toHaveLength(4);
  });

  it('concurrent follow-ups each get their own revision number (never a 500)', async () => {
    const v = await create(county);
    t.clock.set(new Date(T0 + HOUR));
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        (i % 2 ? county : countyStats).post(`/api/accidents/${v.id}/followups`, { minorInjuries: i + 2 }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(6).fill(201));
    const got = await county.get(`/api/accidents/${v.id}`);
    expect(got.body.revisions.map((r: { no: number }) => r.no)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(got.body.revisionCount).toBe(7);
  });

  it('a follow-up that does not change the grade leaves the dueAt alone', async () => {
    const v = await create(county);
    t.clock.set(new Date(T0 + 30 * MIN));
    const res = await county.post(`/api/accidents/${v.id}/followups`, { deaths: 2 });
    expect(res.body.grade).toBe('general');
    expect(entry(res.body, 'county').dueAt).toBe(iso(T0 + 2 * HOUR));
  });
});

// ————————————————————————————————————————————————————————————— window

describe('补报 window (493号令 第十三条): 30 d, 7 d for road traffic and fire', () => {
  it.each<[string, number, boolean]>([
    ['industrial', 30 * DAY, true],
    ['industrial', 30 * DAY + 1, false],
    ['other', 30 * DAY + 1, false],
    ['road_traffic', 7 * DAY, true],
    ['road_traffic', 7 * DAY + 1, false],
    ['fire', 7 * DAY, true],
    ['fire', 7 * DAY + 1, false],
  ])('%s: casualty change at occurrence + %i ms → counts %s', async (domain, offset, counts) => {
    const v = await create(county, { domain });
    const occurred = Date.parse(v.occurredAt);
    t.clock.set(new Date(occurred + offset));
    const res = await county.post(`/api/accidents/${v.id}/followups`, { deaths: 3, note: '死亡人数变化' });
    expect(res.status).toBe(201);
    const last = res.body.revisions.at(-1);
    expect(last.changedFields).toContain('deaths');
    expect(res.body.deaths).toBe(3); // always stored as reported
    if (counts) {
      expect(last.outsideWindow).toBe(false);
      expect(res.body.flags).not.toContain('outside_window');
      expect(res.body.grade).toBe('larger');
      expect(res.body.targetLevel).toBe('province');
      expect(res.body.statistics.deaths).toBe(3);
      expect(entry(res.body, 'county').dueAt).toBe(iso(occurred + offset + 2 * HOUR));
    } else {
      expect(last.outsideWindow).toBe(true);
      expect(res.body.flags).toContain('outside_window');
      expect(res.body.grade).toBe('general');
      expect(res.body.targetLevel).toBe('city');
      expect(res.body.statistics.deaths).toBe(0);
      expect(entry(res.body, 'county').dueAt).toBe(entry(v, 'county').dueAt);
      expect(last.gradeAfter).toBe('general');
    }
  });
});

// ————————————————————————————————————————————————————————————— nodes

describe('direct-report nodes (24 h / 7 d / 30 d)', () => {
  it('a complete report is the 24 h node; 7 d and 30 d are pending with their due dates', async () => {
    const v = await create(county);
    const occurred = Date.parse(v.occurredAt);
    expect(node(v, '24h')).toMatchObject({ dueAt: iso(occurred + DAY), doneAt: iso(T0), status: 'done' });
    expect(node(v, '7d')).toMatchObject({ dueAt: iso(occurred + 7 * DAY), doneAt: null, status: 'pending' });
    expect(node(v, '30d')).toMatchObject({ dueAt: iso(occurred + 30 * DAY), doneAt: null, status: 'pending' });
  });

  it('with blank measuresTaken the 24 h node waits for a follow-up that fills it', async () => {
    const v = await create(county, { measuresTaken: '' });
    expect(node(v, '24h')).toMatchObject({ doneAt: null, status: 'pending' });
    t.clock.set(new Date(T0 + 2 * HOUR));
    const res = await county.post(`/api/accidents/${v.id}/followups`, { measuresTaken: '已疏散周边群众' });
    expect(node(res.body, '24h')).toMatchObject({ doneAt: iso(T0 + 2 * HOUR), status: 'done' });
  });

  it('without measuresTaken the 24 h node waits for a follow-up that adds it', async () => {
    const v = await create(county, { measuresTaken: undefined });
    expect(v.measuresTaken).toBeNull();
    expect(node(v, '24h')).toMatchObject({ doneAt: null, status: 'pending' });
    t.clock.set(new Date(T0 + 3 * HOUR));
    const res = await county.post(`/api/accidents/${v.id}/followups`, { measuresTaken: '已疏散周边群众' });
    expect(node(res.body, '24h')).toMatchObject({ doneAt: iso(T0 + 3 * HOUR), status: 'done' });
  });

  it('a report completed after 24 h is done_late; never completed it is overdue', async () => {
    const late = await create(county, { measuresTaken: undefined });
    const never = await create(county, { measuresTaken: undefined });
    const occurred = Date.parse(late.occurredAt);
    t.clock.set(new Date(occurred + DAY + 1));
    expect(node((await county.get(`/api/accidents/${never.id}`)).body, '24h').status).toBe('overdue');
    const res = await county.post(`/api/accidents/${late.id}/followups`, { measuresTaken: '已封闭现场' });
    expect(node(res.body, '24h').status).toBe('done_late');
  });

  it.each<[string, Record<string, unknown>, number, string]>([
    ['a follow-up exactly on day 7', { note: '续报' }, 7 * DAY, 'done'],
    ['a "no change" confirmation exactly on day 7', { noChange: true }, 7 * DAY, 'done'],
    ['a follow-up 1 ms after day 7', { note: '续报' }, 7 * DAY + 1, 'done_late'],
    ['a follow-up at the start of day 7 (6 × 24 h)', { note: '续报' }, 6 * DAY, 'done'],
  ])('7 d node: %s → %s', async (_label, followup, offset, status) => {
    const v = await create(county);
    const occurred = Date.parse(v.occurredAt);
    t.clock.set(new Date(occurred + offset));
    const res = await county.post(`/api/accidents/${v.id}/followups`, followup);
    expect(res.status).toBe(201);
    expect(node(res.body, '7d')).toMatchObject({ doneAt: iso(occurred + offset), status });
  });

  it('7 d node: follow-ups before the 7th day do not meet it (29 min, day 2, 1 ms before 6 × 24 h); the one on day 7 does', async () => {
    const v = await create(county);
    const occurred = Date.parse(v.occurredAt);
    for (const offset of [29 * MIN, 2 * DAY, 6 * DAY - 1]) {
      t.clock.set(new Date(occurred + offset));
      const res = await county.post(`/api/accidents/${v.id}/followups`, {
        note: '续报：伤亡人数无变化',
        noChange: true,
      });
      expect(res.status).toBe(201);
      expect(node(res.body, '7d')).toMatchObject({ doneAt: null, status: 'pending' });
    }
    t.clock.set(new Date(occurred + 6 * DAY + 5 * HOUR));
    const day7 = await county.post(`/api/accidents/${v.id}/followups`, { note: '7日续报', noChange: true });
    expect(node(day7.body, '7d')).toMatchObject({ doneAt: iso(occurred + 6 * DAY + 5 * HOUR), status: 'done' });
  });

  it('7 d node is overdue at day 7 + 1 ms without a follow-up (pending exactly at day 7)', async () => {
    const v = await create(county);
    const occurred = Date.parse(v.occurredAt);
    t.clock.set(new Date(occurred + 7 * DAY));
    expect(node((await county.get(`/api/accidents/${v.id}`)).body, '7d').status).toBe('pending');
    t.clock.set(new Date(occurred + 7 * DAY + 1));
    expect(node((await county.get(`/api/accidents/${v.id}`)).body, '7d').status).toBe('overdue');
  });

  it.each<[string, number, string]>([
    ['industrial', 30 * DAY, 'done'],
    ['industrial', 30 * DAY + 1, 'done_late'],
    ['industrial', 12 * DAY, 'done'],
    ['road_traffic', 7 * DAY, 'done'],
    ['road_traffic', 7 * DAY + 1, 'done_late'],
    ['fire', 7 * DAY, 'done'],
    ['fire', 7 * DAY + 1, 'done_late'],
  ])('30 d node (%s): a final follow-up at occurrence + %i ms → %s', async (domain, offset, status) => {
    const v = await create(county, { domain });
    const occurred = Date.parse(v.occurredAt);
    const windowDays = domain === 'industrial' ? 30 : 7;
    expect(node(v, '30d').dueAt).toBe(iso(occurred + windowDays * DAY));
    t.clock.set(new Date(occurred + offset));
    const res = await countyStats.post(`/api/accidents/${v.id}/followups`, { final: true, note: '终报' });
    expect(res.status).toBe(201);
    expect(res.body.final).toBe(true);
    expect(res.body.revisions.at(-1).kind).toBe('final');
    expect(node(res.body, '30d')).toMatchObject({ doneAt: iso(occurred + offset), status });
  });

  it('after the final report, a casualty change inside the window is still recorded (补报) and keeps the 30d node', async () => {
    const v = await create(county);
    t.clock.set(new Date(T0 + DAY));
    const final = await county.post(`/api/accidents/${v.id}/followups`, { final: true });
    t.clock.set(new Date(T0 + 5 * DAY));
    const late = await county.post(`/api/accidents/${v.id}/followups`, { deaths: 1, note: '伤员抢救无效死亡' });
    expect(late.status).toBe(201);
    expect(late.body.deaths).toBe(1);
    expect(late.body.final).toBe(true);
    expect(late.body.nodes.find((n: { kind: string }) => n.kind === '30d').doneAt).toBe(
      final.body.nodes.find((n: { kind: string }) => n.kind === '30d').doneAt,
    );
  });

  it('after the final report and outside the window, no further follow-up is accepted (409 REPORT_FINAL), and nothing is written', async () => {
    const v = await create(county);
    t.clock.set(new Date(T0 + DAY));
    expect((await county.post(`/api/accidents/${v.id}/followups`, { final: true })).status).toBe(201);
    t.clock.set(new Date(T0 + 31 * DAY));
    const res = await county.post(`/api/accidents/${v.id}/followups`, { deaths: 1 });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('REPORT_FINAL');
    const got = await county.get(`/api/accidents/${v.id}`);
    expect(got.body.revisions).toHaveLength(2);
    expect(got.body.deaths).toBe(0);
  });

  it('the list says what the earliest open deadline is: a chain step, then a direct-report node', async () => {
    const v = await create(county);
    const listed = async () =>
      (await city.get(`/api/accidents?q=${encodeURIComponent(v.unitName)}`)).body.items[0] as {
        nextDueKind: string;
        nextDueAt: string;
      };
    expect(await listed()).toMatchObject({ nextDueKind: 'chain', nextDueAt: iso(T0 + 2 * HOUR) });
    await county.post(`/api/accidents/${v.id}/forward`, {});
    await city.post(`/api/accidents/${v.id}/sign`, {});
    expect(await listed()).toMatchObject({ nextDueKind: 'node', nextDueAt: iso(Date.parse(v.occurredAt) + 7 * DAY) });
  });

  it('a report whose chain and nodes are all met is "done"', async () => {
    const v = await create(county);
    t.clock.set(new Date(T0 + 10 * MIN));
    await county.post(`/api/accidents/${v.id}/forward`, {});
    await city.post(`/api/accidents/${v.id}/sign`, {});
    t.clock.set(new Date(T0 + 3 * DAY));
    const final = await county.post(`/api/accidents/${v.id}/followups`, { final: true, noChange: true });
    // An early 终报 meets the 30 d node; the 7 d node still wants the casualties as they stand on day 7.
    expect(final.body.status).toBe('pending');
    expect(final.body.nextDueAt).toBe(iso(Date.parse(v.occurredAt) + 7 * DAY));
    t.clock.set(new Date(Date.parse(v.occurredAt) + 6 * DAY + HOUR));
    const res = await county.post(`/api/accidents/${v.id}/followups`, { noChange: true, note: '7日续报' });
    expect(res.body.status).toBe('done');
    expect(res.body.nextDueAt).toBeNull();
  });
});

// ————————————————————————————————————————————————————————————— revisions

describe('revisions (every version ever filed)', () => {
  it('keeps the initial snapshot and each follow-up with who, when, note and the changed fields', async () => {
    const [meCounty, meStats] = await Promise.all([county.get('/api/auth/me'), countyStats.get('/api/auth/me')]);
    const v = await create(county, { deaths: 0, summary: '初报：储罐中毒窒息' });
    t.clock.set(new Date(T0 + HOUR));
    await county.post(`/api/accidents/${v.id}/followups`, { deaths: 1, note: '一名伤员经抢救无效死亡' });
    t.clock.set(new Date(T0 + 5 * HOUR));
    await countyStats.post(`/api/accidents/${v.id}/followups`, { summary: '续报：经过已查明', deaths: 1 });
    t.clock.set(new Date(T0 + 2 * DAY));
    await county.post(`/api/accidents/${v.id}/followups`, { noChange: true, note: '无变化' });

    const got = await county.get(`/api/accidents/${v.id}`);
    expect(got.status).toBe(200);
    const revs = got.body.revisions;
    expect(revs.map((r: { no: number }) => r.no)).toEqual([1, 2, 3, 4]);
    expect(revs.map((r: { kind: string }) => r.kind)).toEqual(['initial', 'followup', 'followup', 'no_change']);
    expect(got.body.revisionCount).toBe(4);

    expect(revs[0]).toMatchObject({ filedAt: iso(T0), changedFields: [] });
    expect(revs[0].filedBy).toMatchObject({ id: meCounty.body.user.id, name: meCounty.body.user.displayName });
    expect(revs[0].snapshot).toMatchObject({ deaths: 0, summary: '初报：储罐中毒窒息', grade: 'general' });

    expect(revs[1]).toMatchObject({
      filedAt: iso(T0 + HOUR),
      note: '一名伤员经抢救无效死亡',
      changedFields: ['deaths'],
      changes: { deaths: { from: 0, to: 1 } },
    });
    expect(revs[1].filedBy.id).toBe(meCounty.body.user.id);
    expect(revs[1].filedBy.org).toEqual(expect.any(String));
    expect(revs[1].snapshot).toMatchObject({ deaths: 1, summary: '初报：储罐中毒窒息' });

    // unchanged fields (deaths: 1 again) are not recorded as changes
    expect(revs[2]).toMatchObject({ filedAt: iso(T0 + 5 * HOUR), note: null, changedFields: ['summary'] });
    expect(revs[2].filedBy.id).toBe(meStats.body.user.id);
    expect(revs[2].snapshot.summary).toBe('续报：经过已查明');

    expect(revs[3]).toMatchObject({ filedAt: iso(T0 + 2 * DAY), note: '无变化', changedFields: [] });
    // the first version is still intact after all of that
    expect(revs[0].snapshot.deaths).toBe(0);
    expect(revs[0].snapshot.summary).toBe('初报：储罐中毒窒息');
    expect(got.body.summary).toBe('续报：经过已查明');
  });
});

// ————————————————————————————————————————————————————————————— duplicates

describe('duplicates (杜绝重报): same county, ±2 h, same unit', () => {
  it('returns 409 POSSIBLE_DUPLICATE with candidate ids, writes nothing, unless confirmed', async () => {
    const unitName = '淄博疑似重复检测有限公司';
    const occurred = T0 - 5 * HOUR;
    const first = await create(county, { unitName, occurredAt: iso(occurred), unitCreditCode: '91370303MA3C4B2X9P' });

    for (const offset of [HOUR, 2 * HOUR, -2 * HOUR, 0]) {
      const res = await county.post('/api/accidents', body({ unitName, occurredAt: iso(occurred + offset) }));
      expect(res.status, `offset ${offset}`).toBe(409);
      expect(res.body.error.code).toBe('POSSIBLE_DUPLICATE');
      expect(res.body.error.details.candidateIds).toEqual([first.id]);
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    // the same credit code under another name is the same unit
    const byCode = await county.post(
      '/api/accidents',
      body({ unitName: '另一个名称', unitCreditCode: '91370303MA3C4B2X9P', occurredAt: iso(occurred) }),
    );
    expect(byCode.status).toBe(409);
    expect(byCode.body.error.details.candidateIds).toEqual([first.id]);
    expect(await countRows({ unitName })).toBe(1);

    // a different county is a different accident (the city files it for 370304)
    const otherCounty = await city.post(
      '/api/accidents',
      body({ unitName, regionCode: '370304', occurredAt: iso(occurred) }),
    );
    expect(otherCounty.status).toBe(201);
    // more than 2 h apart
    const later = await county.post('/api/accidents', body({ unitName, occurredAt: iso(occurred + 2 * HOUR + 1) }));
    expect(later.status).toBe(201);
    // the officer says it is not a duplicate
    const confirmed = await county.post(
      '/api/accidents',
      body({ unitName, occurredAt: iso(occurred), confirmNotDuplicate: true }),
    );
    expect(confirmed.status).toBe(201);
    expect(await countRows({ unitName })).toBe(4);
  });

  it('the same accident filed at the same moment by several officers: exactly one is created (by name or by credit code)', async () => {
    const unitName = `并发重复测试有限公司${++unitSeq}`;
    const byName = await Promise.all(
      Array.from({ length: 6 }, () => county.post('/api/accidents', body({ unitName }))),
    );
    expect(byName.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    expect(await countRows({ unitName })).toBe(1);
    // Different names, one credit code: the unit's code lock makes them take turns as well.
    const unitCreditCode = '91370303MA3C4B2X1Y';
    const byCode = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        county.post(
          '/api/accidents',
          body({ unitName: `${unitName}-${i}`, unitCreditCode, occurredAt: iso(T0 - 3 * HOUR) }),
        ),
      ),
    );
    expect(byCode.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
  });
});

// ————————————————————————————————————————————————————————————— idempotency

describe('Idempotency-Key', () => {
  it('a sequential retry with the same key returns the first result and writes one record', async () => {
    const b = body();
    const first = await county.post('/api/accidents', b, { 'idempotency-key': 'retry-seq-1' });
    expect(first.status).toBe(201);
    const second = await county.post('/api/accidents', b, { 'idempotency-key': 'retry-seq-1' });
    expect(second.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    expect(second.body.reportNo).toBe(first.body.reportNo);
    expect(await countRows({ unitName: b.unitName })).toBe(1);
  });

  it('10 concurrent retries with one key create exactly one record, all answers carry its id', async () => {
    const b = body();
    const results = await Promise.all(
      Array.from({ length: 10 }, () => county.post('/api/accidents', b, { 'idempotency-key': 'retry-concurrent-1' })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(201));
    const ids = new Set(results.map((r) => r.body.id));
    expect(ids.size).toBe(1);
    expect(await countRows({ unitName: b.unitName })).toBe(1);
    const [id] = [...ids];
    expect(await countRows({ id: id as string })).toBe(1);
    const revisions = await t.db.kysely
      .selectFrom('accident_revisions')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('accident_id', '=', id as string)
      .executeTakeFirstOrThrow();
    expect(revisions.n).toBe(1);
  });

  it('the same key with a different body is refused with 422 and writes nothing', async () => {
    const b = body();
    expect((await county.post('/api/accidents', b, { 'idempotency-key': 'retry-diff-1' })).status).toBe(201);
    const other = body();
    const res = await county.post('/api/accidents', other, { 'idempotency-key': 'retry-diff-1' });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await countRows({ unitName: other.unitName })).toBe(0);
  });

  it('10 concurrent different reports in one county on one day get distinct report numbers', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => county.post('/api/accidents', body())));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(201));
    const numbers = new Set(results.map((r) => r.body.reportNo));
    expect(numbers.size).toBe(10);
    for (const n of numbers) expect(n).toMatch(/^370303-20261125-\d{3}$/);
  });

  it('without a key, two identical posts are caught by the duplicate check instead', async () => {
    const b = body();
    expect((await county.post('/api/accidents', b)).status).toBe(201);
    expect((await county.post('/api/accidents', b)).status).toBe(409);
    expect(await countRows({ unitName: b.unitName })).toBe(1);
  });
});

// ————————————————————————————————————————————————————————————— enterprise

describe('enterprise filing (单位 → 县级, 1 h)', () => {
  let ent: Client;
  beforeAll(async () => {
    ent = await t.as('ent.91370303MA3C4B2X1Y');
  });

  it('the county receives it the moment it is filed; its own unit is recorded', async () => {
    const res = await ent.post(
      '/api/accidents',
      body({ occurredAt: iso(T0 - 40 * MIN), receivedAt: iso(T0 - 39 * MIN) }), // an enterprise cannot backdate
    );
    expect(res.status).toBe(201);
    expect(res.body.holderLevel).toBe('county');
    expect(res.body.receivedAt).toBe(iso(T0));
    expect(entry(res.body, 'county')).toMatchObject({ receivedAt: iso(T0), dueAt: iso(T0 + 2 * HOUR) });
    expect(res.body.unitCreditCode).toBe('91370303MA3C4B2X1Y');
    expect(res.body.source).toBe('enterprise');
    expect(res.body.flags).not.toContain('unit_late');
    // the county bureau sees it and forwards it
    expect((await county.get(`/api/accidents/${res.body.id}`)).status).toBe(200);
    // received from below: the county signs for it, then forwards it
    expect(entry(res.body, 'county')).toMatchObject({ originated: false, signable: true });
    expect((await county.post(`/api/accidents/${res.body.id}/sign`, {})).status).toBe(200);
    expect((await county.post(`/api/accidents/${res.body.id}/forward`, {})).status).toBe(200);
  });

  it('is unit_late when filed more than 1 h after the accident (exactly 1 h is on time)', async () => {
    const onTime = await ent.post('/api/accidents', body({ occurredAt: iso(T0 - HOUR), confirmNotDuplicate: true }));
    expect(onTime.body.flags).not.toContain('unit_late');
    const late = await ent.post('/api/accidents', body({ occurredAt: iso(T0 - HOUR - 1), confirmNotDuplicate: true }));
    expect(late.body.flags).toContain('unit_late');
  });

  it("cannot file another unit's report", async () => {
    const b = body({ unitCreditCode: '91370112MA3F9J7T49' });
    const res = await ent.post('/api/accidents', b);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('OUTSIDE_JURISDICTION');
    expect(res.body.error.details[0].path).toBe('unitCreditCode');
    expect(await countRows({ unitName: b.unitName })).toBe(0);
  });

  it('is refused as a possible duplicate of its own earlier report, naming only what it may read', async () => {
    const first = await ent.post('/api/accidents', body({ confirmNotDuplicate: true }));
    const again = await ent.post('/api/accidents', body({ unitName: '另一个名称', occurredAt: first.body.occurredAt }));
    expect(again.status).toBe(409);
    expect(again.body.error.details.candidateIds).toContain(first.body.id);
  });

  it('does not learn of bureau reports it may not read through the duplicate check', async () => {
    // An hour of its own with no other report of this enterprise: only the bureau's report can match.
    const at = iso(T0 - 20 * HOUR);
    const bureau = await create(county, { unitName: '县局报送的单位', occurredAt: at });
    const res = await ent.post('/api/accidents', body({ unitName: '县局报送的单位', occurredAt: bureau.occurredAt }));
    expect(res.status).toBe(409);
    expect(res.body.error.details.candidateIds).toEqual([]);
    expect(res.body.error.details.hiddenCandidates).toBe(1);
  });

  it('sees the reports bureaus filed about its unit (same credit code)', async () => {
    const about = await create(county, { unitCreditCode: '91370303MA3C4B2X1Y', confirmNotDuplicate: true });
    expect((await ent.get(`/api/accidents/${about.id}`)).status).toBe(200);
  });

  it("sees only its own unit's reports", async () => {
    const own = await ent.post('/api/accidents', body({ confirmNotDuplicate: true }));
    const bureau = await create(county);
    const list = await ent.get('/api/accidents?pageSize=200');
    expect(list.status).toBe(200);
    const ids = list.body.items.map((i: { id: string }) => i.id);
    expect(ids).toContain(own.body.id);
    expect(ids).not.toContain(bureau.id);
    expect(list.body.items.every((i: { unitCreditCode: string }) => i.unitCreditCode === '91370303MA3C4B2X1Y')).toBe(
      true,
    );
    expect(list.body.total).toBe(list.body.items.length);
    expect((await ent.get(`/api/accidents/${bureau.id}`)).status).toBe(404);
    expect((await ent.get(`/api/accidents/${own.body.id}`)).status).toBe(200);
  });
});

// ————————————————————————————————————————————————————————————— list

describe('GET /api/accidents: filters, paging, newest first, jurisdiction', () => {
  const tag = '列表筛选Q';
  // biome-ignore lint/suspicious/noExplicitAny: views
  let A: any, B: any, C: any, D: any;
  const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((i) => i.id);

  beforeAll(async () => {
    t.clock.set(T0_ISO);
    // A: 370303 一般 industrial, 6 days 5 h ago — then completed (chain signed, final filed on its 7th day) → done
    A = await create(county, { unitName: `${tag}-甲`, occurredAt: iso(T0 - 6 * DAY - 5 * HOUR), domain: 'industrial' });
    // B: 370303 较大 road traffic, 4 h ago, received 3 h ago → its county deadline passed 1 h ago → overdue
    B = await create(county, {
      unitName: `${tag}-乙`,
      occurredAt: iso(T0 - 4 * HOUR),
      receivedAt: iso(T0 - 3 * HOUR),
      domain: 'road_traffic',
      deaths: 3,
      accidentType: '02',
      industryCode: 'G54',
    });
    // C: 370304 一般 fire, exactly 3 h ago
    C = await city
      .post(
        '/api/accidents',
        body({ unitName: `${tag}-丙`, regionCode: '370304', occurredAt: iso(T0 - 3 * HOUR), domain: 'fire' }),
      )
      .then((r) => r.body);
    // D: 370112 (Jinan) 重大 industrial, 2 h ago
    const jinan = await t.as('duty.370112');
    D = await create(jinan, {
      unitName: `${tag}-丁`,
      regionCode: '370112',
      occurredAt: iso(T0 - 2 * HOUR),
      deaths: 10,
    });
    await county.post(`/api/accidents/${A.id}/forward`, {});
    await city.post(`/api/accidents/${A.id}/sign`, {});
    await county.post(`/api/accidents/${A.id}/followups`, { final: true, noChange: true });
  });

  const q = (params: string) => `/api/accidents?q=${encodeURIComponent(tag)}&${params}`;

  it('lists newest first with {items,total}', async () => {
    const res = await nation.get(q(''));
    expect(res.status).toBe(200);
    expect(ids(res)).toEqual([D.id, C.id, B.id, A.id]);
    expect(res.body.total).toBe(4);
  });

  it('pages', async () => {
    const p1 = await nation.get(q('pageSize=2&page=1'));
    const p2 = await nation.get(q('pageSize=2&page=2'));
    const p3 = await nation.get(q('pageSize=2&page=3'));
    expect(ids(p1)).toEqual([D.id, C.id]);
    expect(ids(p2)).toEqual([B.id, A.id]);
    expect(ids(p3)).toEqual([]);
    expect([p1.body.total, p2.body.total, p3.body.total]).toEqual([4, 4, 4]);
  });

  it.each<[string, string, string[]]>([
    ['grade=larger', 'grade=larger', ['B']],
    ['grade=major', 'grade=major', ['D']],
    ['grade=general', 'grade=general', ['C', 'A']],
    ['domain=fire', 'domain=fire', ['C']],
    ['domain=road_traffic', 'domain=road_traffic', ['B']],
    ['accidentType=02', 'accidentType=02', ['B']],
    ['industryCode=G', 'industryCode=G', ['B']],
    ['industryCode=C26', 'industryCode=C26', ['D', 'C', 'A']],
    ['region subtree 370300', 'regionCode=370300', ['C', 'B', 'A']],
    ['region 370303', 'regionCode=370303', ['B', 'A']],
    ['region subtree 370100', 'regionCode=370100', ['D']],
    ['from inclusive', `from=${encodeURIComponent(iso(T0 - 3 * HOUR))}`, ['D', 'C']],
    ['to exclusive', `to=${encodeURIComponent(iso(T0 - 3 * HOUR))}`, ['B', 'A']],
    [
      'from..to',
      `from=${encodeURIComponent(iso(T0 - 4 * HOUR))}&to=${encodeURIComponent(iso(T0 - 2 * HOUR))}`,
      ['C', 'B'],
    ],
    ['status=overdue', 'status=overdue', ['B']],
    ['status=done', 'status=done', ['A']],
    ['status=pending', 'status=pending', ['D', 'C']],
    ['grade + region', 'grade=general&regionCode=370303', ['A']],
  ])('filter %s', async (_label, params, expected) => {
    const byName = { A, B, C, D } as Record<string, { id: string }>;
    const res = await nation.get(q(params));
    expect(res.status).toBe(200);
    expect(ids(res)).toEqual(expected.map((k) => byName[k]?.id));
    expect(res.body.total).toBe(expected.length);
  });

  it('q matches the unit name, address or report number', async () => {
    const byUnit = await nation.get(`/api/accidents?q=${encodeURIComponent(`${tag}-乙`)}`);
    expect(ids(byUnit)).toEqual([B.id]);
    const byNo = await nation.get(`/api/accidents?q=${encodeURIComponent(B.reportNo)}`);
    expect(ids(byNo)).toEqual([B.id]);
    const none = await nation.get(`/api/accidents?q=${encodeURIComponent('不存在的单位名称%_')}`);
    expect(none.body).toMatchObject({ items: [], total: 0 });
  });

  it('is scoped to the jurisdiction: a county sees its own, not its neighbour', async () => {
    expect(ids(await county.get(q('')))).toEqual([B.id, A.id]);
    expect(ids(await city.get(q('')))).toEqual([C.id, B.id, A.id]);
    const neighbour = await t.as('duty.370304');
    expect(ids(await neighbour.get(q('')))).toEqual([C.id]);
    // asking for a foreign region does not widen it
    const res = await county.get(q('regionCode=370304'));
    expect(res.body).toMatchObject({ items: [], total: 0 });
  });

  it('rejects a bad filter with 400 naming it', async () => {
    for (const [param, path] of [
      ['grade=huge', 'grade'],
      ['status=lost', 'status'],
      ['pageSize=500', 'pageSize'],
      ['from=yesterday', 'from'],
    ] as const) {
      const res = await nation.get(`/api/accidents?${param}`);
      expect(res.status, param).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
  });
});
