/**
 * 分类分级监管, 年度监督检查计划 and 双随机、一公开 through the API (issue 10 §1 and bar 6): classes with their reasons, the
 * provincial rule table as revisions, plans with progress by month and region and the city's roll-up, draws that
 * recompute from their record, teams of at least two certified officers, publication on the public page.
 */
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_LIMIT_PER_MINUTE } from '../../plugins/public-throttle.js';
import {
  buildAccident,
  buildEnterprise,
  type Client,
  type TestApp,
  testApp,
  testClock,
} from '../../testing/harness.js';

// 10:00 in Shanghai on 2026-03-15: a 2026 plan starts in March.
const NOW = '2026-03-15T10:00:00+08:00';

let t: TestApp;
let inspector: Client; // inspector.370303 (张店区)
let admin: Client; // admin.370303
let cityAdmin: Client; // admin.370300 (淄博市)
let cityInspector: Client; // inspector.370300
const officers = new Map<string, string>(); // username → user id

/** A chemical works (A), a 工贸 works (B) and four others (C) in 张店区; one 工贸 works in 临淄区. */
const ent: Record<string, string> = {};

/** 执法证号 recorded in 用户管理 by the bureau's administrator. */
async function certify(by: Client, username: string, cert: string): Promise<string> {
  const found = await by.get(`/api/users?q=${encodeURIComponent(username)}`);
  const id = found.body.items.find((u: { username: string }) => u.username === username)?.id as string;
  const res = await by.patch(`/api/users/${id}`, { enforcementCert: cert });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  officers.set(username, id);
  return id;
}

async function register(key: string, overrides: Record<string, unknown>): Promise<void> {
  const c = String(overrides.regionCode ?? '370303') === '370303' ? inspector : cityAdmin;
  const res = await c.post('/api/enterprises', buildEnterprise(overrides));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  ent[key] = res.body.id;
}

/** An inspection recorded through its API on the day `on` (the clock set to that day, then back). */
async function inspection(
  enterpriseId: string,
  on: string,
  team: string[],
  more: { planItemId?: string; by?: Client } = {},
): Promise<void> {
  const clock = t.clock.now();
  t.clock.set(`${on}T12:00:00+08:00`);
  const res = await (more.by ?? inspector).post('/api/inspections', {
    enterpriseId,
    kind: more.planItemId ? 'plan' : 'special',
    ...(more.planItemId ? { planItemId: more.planItemId } : {}),
    startedAt: `${on}T09:00:00+08:00`,
    finishedAt: `${on}T11:00:00+08:00`,
    place: '现场',
    team: team.map((u) => officers.get(u)),
    items: [{ code: 'GEN-001', result: 'conform' }],
    findings: '未发现问题',
    signature: { status: 'signed', representativeName: '王五' },
  });
  t.clock.set(clock);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

beforeAll(async () => {
  t = await testApp({ clock: testClock(NOW), sessionIdleMinutes: 365 * 24 * 60, sessionMaxHours: 365 * 24 });
  t.clock.set(NOW);
  [inspector, admin, cityAdmin, cityInspector] = await Promise.all([
    t.as('inspector.370303'),
    t.as('admin.370303'),
    t.as('admin.370300'),
    t.as('inspector.370300'),
  ]);
  await certify(admin, 'inspector.370303', '37030300001');
  await certify(admin, 'inspector2.370303', '37030300002');
  await certify(admin, 'admin.370303', '37030300003');
  await certify(admin, 'leader.370303', '37030300004');
  await certify(cityAdmin, 'inspector.370300', '37030000001');
  await certify(cityAdmin, 'inspector2.370300', '37030000002');
  await register('chem', { name: '张店鑫达化工有限公司' });
  await register('trade', { name: '张店机械制造有限公司', industryCode: 'C34', sectors: ['industry_trade'] });
  for (const n of [1, 2, 3, 4]) {
    await register(`c${n}`, { name: `张店商贸物流有限公司${n}`, industryCode: 'F51', sectors: ['other'] });
  }
  await register('linzi', {
    name: '临淄机械有限公司',
    regionCode: '370305',
    industryCode: 'C34',
    sectors: ['industry_trade'],
  });
});
afterAll(() => t.close());

describe('the supervision class of an enterprise', () => {
  it('a chemical works is A, listing the facts that set it', async () => {
    const res = await inspector.get(`/api/enterprises/${ent.chem}/supervision-class`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ class: 'A', classLabel: 'A类（重点监管）', frequency: 4, rulesRevision: 0 });
    expect(res.body.reasons.map((r: { fact: string; decisive: boolean }) => [r.fact, r.decisive])).toEqual([
      ['industry', true],
      ['sector', true],
    ]);
  });

  it('an accident in the last 12 months makes a C enterprise B, matched by its name when the report has no code', async () => {
    expect((await inspector.get(`/api/enterprises/${ent.c4}/supervision-class`)).body.class).toBe('C');
    const duty = await t.as('duty.370303');
    const acc = await duty.post(
      '/api/accidents',
      buildAccident({ unitName: '张店商贸物流有限公司4', industryCode: 'F51' }, t.clock.now()),
    );
    expect(acc.status, JSON.stringify(acc.body)).toBe(201);
    const res = await inspector.get(`/api/enterprises/${ent.c4}/supervision-class`);
    expect(res.body).toMatchObject({ class: 'B', frequency: 2 });
    expect(res.body.reasons[0].text).toBe('近12个月发生事故1起，死亡0人');
  });

  it('an open 重大隐患 makes it A until it is closed', async () => {
    const d = await inspector.post('/api/hidden-dangers', {
      enterpriseId: ent.c3,
      level: 'major',
      description: '粉尘涉爆场所未设置泄爆装置',
      standardItem: 'HG2017-05',
      deadline: '2026-06-30',
      immediateMeasures: ['stop_equipment'],
    });
    expect(d.status, JSON.stringify(d.body)).toBe(201);
    const res = await inspector.get(`/api/enterprises/${ent.c3}/supervision-class`);
    expect(res.body.class).toBe('A');
    expect(res.body.reasons[0]).toMatchObject({ fact: 'open_major_dangers', text: '未销号重大事故隐患1项' });
  });

  it('another county’s enterprise is a 404', async () => {
    expect((await inspector.get(`/api/enterprises/${ent.linzi}/supervision-class`)).status).toBe(404);
  });
});

describe('双随机 draws (bar 6)', () => {
  const pool = () => [ent.c1, ent.c2, ent.trade, ent.chem] as string[];
  let drawId: string;

  it('draws enterprises and teams of two certified officers, records seed and inputs, and is audited', async () => {
    const res = await inspector.post('/api/supervision-draws', {
      subject: '工贸企业安全生产专项抽查',
      enterpriseIds: pool(),
      count: 2,
      seed: 'zibo-2026-03-15-public-seed',
      plannedOn: '2026-04-10',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    drawId = res.body.id;
    expect(res.body).toMatchObject({ seed: 'zibo-2026-03-15-public-seed', algorithm: 'hmac-sha256-fisher-yates-v1' });
    expect(res.body.inputs.enterprises.map((e: { id: string }) => e.id)).toEqual([...pool()].sort());
    expect(res.body.inputs.inspectors).toHaveLength(4); // the bureau's certified officers
    expect(res.body.result).toHaveLength(2);
    for (const item of res.body.result) {
      expect(item.team).toHaveLength(2);
      for (const m of item.team) expect(m.cert).toMatch(/^3703030000\d$/);
    }
    const audit = await (await t.as('admin.370300')).get(`/api/audit?entityId=${drawId}`);
    expect(audit.body.items.map((r: { action: string }) => r.action)).toEqual(['supervision.draw']);
  });

  it('verify recomputes the same result from the recorded seed and inputs', async () => {
    const res = await (await t.as('leader.370303')).post(`/api/supervision-draws/${drawId}/verify`);
    expect(res.status).toBe(200);
    expect(res.body.identical).toBe(true);
    expect(res.body.recomputedHash).toBe(res.body.resultHash);
  });

  it('the same seed and list give the same result in a new draw; a changed list or seed another', async () => {
    const first = (await inspector.get(`/api/supervision-draws/${drawId}`)).body;
    const draw = (over: Record<string, unknown>) =>
      inspector.post('/api/supervision-draws', {
        subject: '复核',
        enterpriseIds: pool(),
        count: 2,
        seed: 'zibo-2026-03-15-public-seed',
        ...over,
      });
    const same = await draw({});
    expect(same.body.resultHash).toBe(first.resultHash);
    const fewer = await draw({ enterpriseIds: pool().slice(0, 3), count: 3 });
    expect(fewer.body.resultHash).not.toBe(first.resultHash);
    const seeded = await draw({ seed: 'zibo-2026-03-15-other-seed' });
    expect(seeded.body.resultHash).not.toBe(first.resultHash);
  });

  it('refuses a roster too small for a team of two: 400 with field, code and a Chinese message', async () => {
    const one = await inspector.post('/api/supervision-draws', {
      subject: '专项抽查',
      enterpriseIds: pool(),
      count: 1,
      inspectorIds: [officers.get('inspector.370303')],
    });
    expect(one.status).toBe(400);
    expect(one.body.error.details[0]).toMatchObject({ path: 'inspectorIds', code: 'roster_too_small' });
    expect(one.body.error.details[0].message).toContain('每个检查组至少需要2名');
    const small = await inspector.post('/api/supervision-draws', { subject: '专项抽查', count: 1, teamSize: 1 });
    expect(small.status).toBe(400);
    expect(small.body.error.details[0].path).toBe('teamSize');
    const stranger = await inspector.post('/api/supervision-draws', {
      subject: '专项抽查',
      count: 1,
      inspectorIds: [officers.get('inspector.370303'), officers.get('inspector.370300')],
    });
    expect(stranger.status).toBe(400);
    expect(stranger.body.error.details[0]).toMatchObject({ path: 'inspectorIds.1', code: 'not_certified' });
    const many = await inspector.post('/api/supervision-draws', {
      subject: '专项抽查',
      enterpriseIds: pool(),
      count: 5,
    });
    expect(many.body.error.details[0]).toMatchObject({ path: 'count', code: 'pool_too_small' });
  });

  it('never sends the officers of the last inspection again (回避), and refuses when it cannot', async () => {
    await inspection(ent.c2 as string, '2026-03-01', ['inspector.370303', 'admin.370303']);
    const res = await inspector.post('/api/supervision-draws', { subject: '回避', enterpriseIds: [ent.c2], count: 1 });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const sent = res.body.result[0].team.map((m: { userId: string }) => m.userId);
    expect(sent).not.toContain(officers.get('inspector.370303'));
    expect(sent).not.toContain(officers.get('admin.370303'));
    expect([...res.body.inputs.enterprises[0].lastTeam].sort()).toEqual(
      [officers.get('inspector.370303'), officers.get('admin.370303')].sort(),
    );
    // Three of the four officers were there last: one is left, too few for a team of two.
    await inspection(ent.c2 as string, '2026-03-10', ['inspector2.370303', 'admin.370303', 'leader.370303']);
    const refused = await inspector.post('/api/supervision-draws', {
      subject: '回避',
      enterpriseIds: [ent.c2],
      count: 1,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details[0]).toMatchObject({ path: 'inspectorIds', code: 'conflict_of_interest' });
    expect(refused.body.error.details[0].message).toContain('张店商贸物流有限公司2');
  });

  it('is published once, and the public page shows names and 执法证号 but nothing internal', async () => {
    const anon = t.anonymous();
    expect((await anon.get(`/api/public/supervision-draws/${drawId}`)).status).toBe(404);
    const pub = await inspector.post(`/api/supervision-draws/${drawId}/publish`);
    expect(pub.status).toBe(200);
    expect(pub.body.published).toMatchObject({ on: '2026-03-15' });
    expect((await inspector.post(`/api/supervision-draws/${drawId}/publish`)).body.error.code).toBe('DRAW_PUBLISHED');
    const list = await anon.get('/api/public/supervision-draws?regionCode=370300');
    expect(list.status).toBe(200);
    expect(list.body.items[0]).toMatchObject({ id: drawId, subject: '工贸企业安全生产专项抽查', enterprises: 2 });
    const one = await anon.get(`/api/public/supervision-draws/${drawId}`);
    expect(one.body).toMatchObject({
      regionName: '山东省淄博市张店区',
      drawnOn: '2026-03-15',
      plannedOn: '2026-04-10',
    });
    expect(one.body.items[0].inspectors[0]).toEqual({ name: expect.any(String), cert: expect.any(String) });
    const text = JSON.stringify(one.body) + JSON.stringify(list.body);
    for (const secret of [...officers.values(), ...pool(), 'zibo-2026-03-15-public-seed']) {
      expect(text).not.toContain(secret);
    }
    expect((await anon.get('/api/public/supervision-draws/not-an-id')).status).toBe(400);
    expect((await anon.get(`/api/public/supervision-draws/${uuidv7()}`)).body.error).toEqual({
      code: 'NOT_FOUND',
      message: '记录不存在',
      details: [],
    });
  });

  it('lists the jurisdiction’s draws, newest first, by year and publication; the city sees its counties’', async () => {
    const list = await inspector.get('/api/supervision-draws');
    expect(list.status).toBe(200);
    const mine = list.body.items.find((d: { id: string }) => d.id === drawId);
    expect(mine).toMatchObject({
      regionCode: '370303',
      regionName: '山东省淄博市张店区',
      subject: '工贸企业安全生产专项抽查',
      drawnOn: '2026-03-15',
      plannedOn: '2026-04-10',
      enterprises: 2,
      published: { on: '2026-03-15' },
    });
    expect(list.body.total).toBe(list.body.items.length);
    const ids = async (c: Client, query: string) =>
      (await c.get(`/api/supervision-draws${query}`)).body.items.map((d: { id: string }) => d.id);
    expect(await ids(inspector, '?published=true')).toContain(drawId);
    expect(await ids(inspector, '?published=false')).not.toContain(drawId);
    expect(await ids(inspector, '?year=2026')).toContain(drawId);
    expect(await ids(inspector, '?year=2025')).toEqual([]);
    expect(await ids(await t.as('leader.370300'), '?regionCode=370303')).toContain(drawId);
    expect(await ids(await t.as('inspector.370305'), '')).not.toContain(drawId);
    const bad = await inspector.get('/api/supervision-draws?published=maybe');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path)).toEqual(['published']);
  });

  it('the public pages are throttled per address', async () => {
    t.clock.advance(61_000);
    const anon = t.anonymous();
    for (let i = 0; i < PUBLIC_LIMIT_PER_MINUTE; i++) {
      expect((await anon.get('/api/public/supervision-draws')).status).toBe(200);
    }
    const over = await t.app.inject({ method: 'GET', url: '/api/public/supervision-draws' });
    expect(over.statusCode).toBe(429);
    expect(JSON.parse(over.body).error.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    t.clock.advance(60_000);
    expect((await anon.get('/api/public/supervision-draws')).status).toBe(200);
    t.clock.set(NOW);
  });
});

describe('the annual plan', () => {
  let planId: string;
  const randomIsC2 = (items: { source: string; enterpriseId: string }[]) =>
    items.some((i) => i.source === 'random' && i.enterpriseId === ent.c2);

  it('lists key enterprises by class and frequency and a random share, with months and teams', async () => {
    const key = { 'idempotency-key': 'plan-2026' };
    const body = { year: 2026, randomCount: 1, seed: 'plan-seed-2026-zhangdian' };
    const res = await inspector.post('/api/supervision-plans', body, key);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    planId = res.body.id;
    const items = res.body.items as { enterpriseId: string; month: number; source: string; team: unknown[] }[];
    const monthsOf = (id: string) => items.filter((i) => i.enterpriseId === id).map((i) => i.month);
    // A (4 a year) and B (2 a year) over March–December; one of the C enterprises drawn at random.
    expect(monthsOf(ent.chem as string)).toHaveLength(4);
    expect(monthsOf(ent.c3 as string)).toHaveLength(4); // its open 重大隐患 makes it A
    expect(monthsOf(ent.trade as string)).toHaveLength(2);
    expect(monthsOf(ent.c4 as string)).toHaveLength(2); // its accident makes it B
    expect(items.filter((i) => i.source === 'random')).toHaveLength(1);
    for (const i of items) {
      expect(i.month).toBeGreaterThanOrEqual(3);
      expect(i.team).toHaveLength(2);
    }
    expect(monthsOf(ent.linzi as string)).toEqual([]);
    // c2 was inspected on 2026-03-10 (above): drawn for March, it is done already.
    const early = Number(randomIsC2(items));
    expect(res.body.progress).toEqual({ planned: 13, done: early, due: 13 - early, overdue: 0 });
    expect(res.body.randomDrawId).toEqual(expect.any(String));
    const again = await inspector.post('/api/supervision-plans', body, key);
    expect(again.body.id).toBe(planId);
    expect((await inspector.post('/api/supervision-plans', body)).body.error.code).toBe('PLAN_EXISTS');
    const verified = await inspector.post(`/api/supervision-draws/${res.body.randomDrawId}/verify`);
    expect(verified.body.identical).toBe(true);
  });

  it('refuses a year already past', async () => {
    const res = await inspector.post('/api/supervision-plans', { year: 2025 });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0]).toMatchObject({ path: 'year', code: 'past' });
  });

  it('counts inspections: linked to an item, or of the enterprise by the bureau from the item’s month on', async () => {
    const plan = (await inspector.get(`/api/supervision-plans/${planId}`)).body;
    const chem = plan.items.filter((i: { enterpriseId: string }) => i.enterpriseId === ent.chem);
    const trade = plan.items.filter((i: { enterpriseId: string }) => i.enterpriseId === ent.trade);
    const team = ['inspector.370303', 'inspector2.370303'];
    await inspection(ent.chem as string, '2026-02-20', team, { planItemId: chem[1].id });
    // An inspection of another year does not carry out this year's plan item (it would mark it done with a past date).
    const backdated = await inspector.post('/api/inspections', {
      enterpriseId: ent.chem,
      kind: 'plan',
      planItemId: chem[1].id,
      startedAt: '2025-12-20T09:00:00+08:00',
      finishedAt: '2025-12-20T11:00:00+08:00',
      place: '现场',
      team: team.map((u) => officers.get(u)),
      items: [{ code: 'GEN-001', result: 'conform' }],
      findings: '未发现问题',
      signature: { status: 'signed', representativeName: '王五' },
    });
    expect(backdated.status).toBe(400);
    expect(backdated.body.error.details[0]).toMatchObject({ path: 'planItemId', code: 'unknown_plan_item' });
    await inspection(ent.trade as string, `2026-${String(trade[0].month).padStart(2, '0')}-01`, team);
    // By the city's bureau: it does not carry out the county's plan.
    await inspection(ent.c4 as string, '2026-06-01', ['inspector.370300', 'inspector2.370300'], { by: cityInspector });
    t.clock.set('2026-07-01T00:00:00+08:00');
    const res = await inspector.get(`/api/supervision-plans/${planId}`);
    const byId = new Map(res.body.items.map((i: { id: string }) => [i.id, i]));
    expect(byId.get(chem[1].id)).toMatchObject({ status: 'done', inspectedOn: '2026-02-20' });
    expect(byId.get(trade[0].id)).toMatchObject({ status: 'done' });
    const overdue = res.body.items.filter((i: { status: string; month: number }) => i.status === 'overdue');
    expect(overdue.every((i: { month: number }) => i.month <= 6)).toBe(true);
    const due = res.body.items.filter((i: { status: string }) => i.status === 'due');
    expect(due.every((i: { month: number }) => i.month >= 7)).toBe(true);
    const done = 2 + Number(randomIsC2(res.body.items));
    expect(res.body.progress).toEqual({ planned: 13, done, due: due.length, overdue: overdue.length });
    const june = res.body.byMonth[5];
    expect(june.month).toBe(6);
    expect(res.body.byRegion).toEqual([expect.objectContaining({ regionCode: '370303', label: '本级', planned: 13 })]);
    t.clock.set(NOW);
  });

  it('rolls up to the city: its own plan and its counties’ summed', async () => {
    const city = await cityAdmin.post('/api/supervision-plans', {
      year: 2026,
      enterpriseIds: [ent.linzi],
      randomCount: 0,
    });
    expect(city.status, JSON.stringify(city.body)).toBe(201);
    const res = await (await t.as('leader.370300')).get('/api/supervision-plans/progress?year=2026');
    expect(res.status).toBe(200);
    expect(
      res.body.rows.map((r: { regionCode: string; label: string; plans: number }) => [r.regionCode, r.label, r.plans]),
    ).toEqual([
      ['370300', '本级', 1],
      ['370303', '张店区', 1],
    ]);
    expect(res.body.total).toMatchObject({ plans: 2, planned: 15 });
    const county = await inspector.get('/api/supervision-plans/progress?year=2026');
    expect(county.body.total).toMatchObject({ plans: 1, planned: 13 });
    expect((await inspector.get('/api/supervision-plans/progress?year=2026&regionCode=370300')).status).toBe(403);
    const list = await inspector.get('/api/supervision-plans?year=2026');
    expect(list.body.items.map((p: { id: string }) => p.id)).toEqual([planId]);
    expect((await inspector.get(`/api/supervision-plans/${city.body.id}`)).status).toBe(404);
  });
});

describe('the class table (provincial administrator)', () => {
  const table = {
    rules: [
      { fact: 'industry', codes: ['C26'], class: 'A', reason: '化工' },
      { fact: 'accidents', minCount: 1, minDeaths: 0, class: 'B', reason: '事故' },
    ],
    frequencies: { A: 6, B: 3, C: 1 },
    randomPercent: 10,
    note: '2026年修订',
  };

  it('ships defaults, shown to every bureau role', async () => {
    const res = await (await t.as('leader.370303')).get('/api/supervision/class-rules');
    expect(res.body).toMatchObject({ revision: 0, frequencies: { A: 4, B: 2, C: 0 }, randomPercent: 20 });
  });

  it('a county administrator may not change it', async () => {
    const res = await admin.put('/api/supervision/class-rules', table);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('SUPERVISION_RULES_PROVINCIAL');
  });

  it('the province revises it: a new revision, audited, that the classes follow; the same again adds none', async () => {
    const province = await t.as('admin.370000');
    const res = await province.put('/api/supervision/class-rules', table);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ regionCode: '370000', revision: 1, frequencies: { A: 6, B: 3, C: 1 } });
    expect((await province.put('/api/supervision/class-rules', table)).body.revision).toBe(1);
    const changed = await province.put('/api/supervision/class-rules', { ...table, randomPercent: 15 });
    expect(changed.body.revision).toBe(2);
    const rows = await sql<{
      revision: number;
    }>`SELECT revision FROM supervision_class_rules ORDER BY revision`.execute(t.db.kysely);
    expect(rows.rows.map((r) => r.revision)).toEqual([1, 2]);
    const audit = await province.get('/api/audit?entityId=370000');
    expect(audit.body.items.filter((r: { action: string }) => r.action === 'supervision.rules')).toHaveLength(2);
    const cls = await inspector.get(`/api/enterprises/${ent.c1}/supervision-class`);
    expect(cls.body).toMatchObject({ class: 'C', frequency: 1, rulesRegionCode: '370000', rulesRevision: 2 });
  });

  it('refuses a table where A is inspected less often than B: 400 on the field', async () => {
    const res = await (await t.as('admin.370000')).put('/api/supervision/class-rules', {
      ...table,
      frequencies: { A: 1, B: 3, C: 0 },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0]).toMatchObject({ path: 'frequencies.A', code: 'order' });
  });

  it('records cannot be changed in the database either', async () => {
    await expect(sql`UPDATE supervision_class_rules SET note = 'x'`.execute(t.db.kysely)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`DELETE FROM supervision_draws`.execute(t.db.kysely)).rejects.toThrow(/append-only/);
  });
});
