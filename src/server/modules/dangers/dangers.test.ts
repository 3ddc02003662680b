/**
 * 隐患排查治理 through the API (issue 10 §3 and bar 2–4): the closed loop, its deadlines at the Shanghai midnight,
 * extensions 10 days ahead, the 复查 10 days after, 重大 closing only with 治理方案, 复查 and 销号, and who may see what.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../auth/actor.js';
import type { Clock } from '../../clock/define.js';
import { ClockEngine } from '../../clock/engine.js';
import { sofficePath } from '../../documents/soffice.js';
import { convertDocument, docxText, downloadRaw } from '../../documents/test-support.js';
import { readWorkbook } from '../../documents/xlsx.js';
import { buildEnterprise, type Client, type TestApp, testApp, testClock } from '../../testing/harness.js';
import type { LiveEvent } from '../events/bus.js';
import { DANGER_ALERT_CLOCK } from './alerts.js';

// 10:00 in Shanghai on 2026-12-01.
const NOW = '2026-12-01T10:00:00+08:00';
const DEMO_CODE = '91370303MA3C4B2X1Y'; // ent.91370303MA3C4B2X1Y (张店区)

let t: TestApp;
let inspector: Client; // inspector.370303 (张店区)
let ent: Client;
let otherInspector: Client; // inspector.370305 (临淄区)
let leader: Client;
let enterpriseId: string;

const major = (overrides: Record<string, unknown> = {}) => ({
  enterpriseId,
  level: 'major',
  description: '液氨储罐区未设置紧急切断装置',
  standardItem: 'HG2017-05',
  deadline: '2026-12-31',
  immediateMeasures: ['stop_equipment'],
  ...overrides,
});

const general = (overrides: Record<string, unknown> = {}) => ({
  enterpriseId,
  level: 'general',
  description: '配电室门口堆放杂物',
  deadline: '2026-12-31',
  ...overrides,
});

beforeAll(async () => {
  t = await testApp({ clock: testClock(NOW), sessionIdleMinutes: 365 * 24 * 60, sessionMaxHours: 365 * 24 });
  [inspector, ent, otherInspector, leader] = await Promise.all([
    t.as('inspector.370303'),
    t.as(`ent.${DEMO_CODE}`),
    t.as('inspector.370305'),
    t.as('leader.370300'),
  ]);
  const own = await ent.get('/api/enterprises');
  enterpriseId = own.body.items.find((e: { creditCode: string }) => e.creditCode === DEMO_CODE)?.id;
  if (!enterpriseId) {
    const created = await inspector.post('/api/enterprises', buildEnterprise({ creditCode: DEMO_CODE }));
    enterpriseId = created.body.id;
  }
  expect(enterpriseId).toBeTruthy();
});
afterAll(() => t.close());

describe('finding a danger', () => {
  it('an inspector orders a 一般 danger fixed by a date; the enterprise sees it; a retry adds nothing', async () => {
    const key = { 'idempotency-key': 'danger-create-1' };
    const res = await inspector.post('/api/hidden-dangers', general(), key);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      level: 'general',
      source: 'inspection',
      status: 'rectifying',
      deadline: '2026-12-31',
      recheckDueOn: '2027-01-10',
      foundOn: '2026-12-01',
      enterpriseName: expect.any(String),
      clocks: [{ kind: 'rectification', dueOn: '2026-12-31', status: 'pending', doneOn: null }],
    });
    expect(res.body.history.map((h: { kind: string }) => h.kind)).toEqual(['report', 'document']);
    expect(res.body.documents).toEqual([
      expect.objectContaining({
        kind: 'rectification_order',
        number: expect.stringMatching(/^（淄张）应急责改〔2026〕\d+号$/),
      }),
    ]);
    const again = await inspector.post('/api/hidden-dangers', general(), key);
    expect(again.body.id).toBe(res.body.id);
    const seen = await ent.get(`/api/hidden-dangers/${res.body.id}`);
    expect(seen.status).toBe(200);
    const audit = await (await t.as('admin.370300')).get(`/api/audit?entityId=${res.body.id}`);
    expect(audit.body.items.map((r: { action: string }) => r.action)).toEqual(['danger.report']);
  });

  it('schedules its alerts on the clock engine: 3 days before and when the deadline has passed', async () => {
    const res = await inspector.post('/api/hidden-dangers', general({ deadline: '2026-12-20' }));
    const jobs = await sql<{ key: string; due_at: Date }>`SELECT key, due_at FROM clock_jobs
      WHERE name = 'dangers.alert' AND key LIKE ${`${res.body.id}%`} ORDER BY due_at`.execute(t.db.kysely);
    expect(jobs.rows.map((j) => [j.key.split(':').slice(1).join(':'), new Date(j.due_at).toISOString()])).toEqual([
      ['rectification:soon', '2026-12-17T01:00:00.000Z'], // 09:00 Shanghai, 3 days before
      ['rectification:passed', '2026-12-20T16:00:00.000Z'], // 24:00 of the last day
    ]);
  });

  it('当场整改 closes a 一般 danger the day it is found', async () => {
    const res = await inspector.post(
      '/api/hidden-dangers',
      general({ rectification: 'immediate', deadline: undefined }),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'closed', closedOn: '2026-12-01', recheckPassed: true });
  });

  it('refuses what a real order would not say: 400 with the field, a code and a Chinese message', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [major({ standardItem: undefined }), 'standardItem', 'required'],
      [major({ standardItem: 'HG2017-99' }), 'standardItem', 'unknown_item'],
      [major({ immediateMeasures: [] }), 'immediateMeasures', 'required'],
      [major({ rectification: 'immediate', deadline: undefined }), 'rectification', 'major_immediate'],
      [general({ deadline: undefined }), 'deadline', 'required'],
      [general({ deadline: '2026-11-30' }), 'deadline', 'before_found'],
      [general({ foundOn: '2026-12-02' }), 'foundOn', 'future'],
      [general({ source: 'self_check' }), 'source', 'bureau_source'],
      [general({ immediateMeasures: ['stop_equipment'] }), 'immediateMeasures', 'general_level'],
      [major({ immediateMeasures: ['withdraw_workers', 'withdraw_workers'] }), 'immediateMeasures', 'duplicate'],
    ];
    for (const [body, path, code] of cases) {
      const res = await inspector.post('/api/hidden-dangers', body);
      expect(res.status, `${path} ${JSON.stringify(res.body)}`).toBe(400);
      expect(res.body.error.details[0]).toMatchObject({
        path,
        code,
        message: expect.stringMatching(/[\u4e00-\u9fa5]/),
      });
    }
    const bad = await inspector.post('/api/hidden-dangers', general({ deadline: '2026-02-30', level: 'big' }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['deadline', 'level']);
    // Year 0 reached the database once (a 500): refused by the contract, in a body and in a filter.
    const year0 = await inspector.post('/api/hidden-dangers', general({ foundOn: '0000-01-01' }));
    expect(year0.body.error.details.map((d: { path: string }) => d.path)).toEqual(['foundOn']);
    for (const url of ['/api/hidden-dangers?from=0000-01-01', '/api/hidden-dangers/stats?from=0000-01-01']) {
      expect((await inspector.get(url)).status).toBe(400);
    }
    // A range backwards is a mistake to show, on every list as on the statistics.
    for (const list of ['/api/hidden-dangers', '/api/inspections', '/api/self-inspections']) {
      const backwards = await inspector.get(`${list}?from=2026-12-31&to=2026-01-01`);
      expect(backwards.status, list).toBe(400);
      expect(backwards.body.error.details[0].path).toBe('from');
    }
  });

  it('a failed 复查 of a danger with no deadline orders one: without it 400, never a danger no clock watches', async () => {
    const own = await ent.post('/api/hidden-dangers', general({ deadline: undefined, description: '无期限自查隐患' }));
    expect(own.body).toMatchObject({ status: 'open', deadline: null });
    const id = own.body.id;
    expect((await ent.post(`/api/hidden-dangers/${id}/completion`, { note: '已清理' })).status).toBe(200);
    const bare = await inspector.post(`/api/hidden-dangers/${id}/recheck`, { passed: false, note: '仍有杂物' });
    expect(bare.body.error.details[0]).toMatchObject({ path: 'newDeadline', code: 'required' });
    const past = await inspector.post(`/api/hidden-dangers/${id}/recheck`, {
      passed: false,
      note: '仍有杂物',
      newDeadline: '2026-11-30',
    });
    expect(past.body.error.details[0]).toMatchObject({ path: 'newDeadline', code: 'past' });
    const failed = await inspector.post(`/api/hidden-dangers/${id}/recheck`, {
      passed: false,
      note: '仍有杂物',
      newDeadline: '2026-12-10',
    });
    expect(failed.status, JSON.stringify(failed.body)).toBe(200);
    expect(failed.body).toMatchObject({ status: 'rectifying', deadline: '2026-12-10', completedOn: null });
    expect(failed.body.clocks.map((c: { kind: string }) => c.kind)).toContain('rectification');
  });

  it("an enterprise reports its own (自查自报) and cannot report another's", async () => {
    const own = await ent.post('/api/hidden-dangers', general({ deadline: '2026-12-15' }));
    expect(own.status).toBe(201);
    expect(own.body.source).toBe('self_check');
    const other = await (await t.as('ent.91370305MA3D7F5Q2H')).post('/api/hidden-dangers', general());
    expect(other.status).toBe(404);
  });
});

describe('jurisdiction and roles', () => {
  it('a foreign county gets a 404; roles without the duty get a 403; the city reads below it', async () => {
    const res = await inspector.post('/api/hidden-dangers', general());
    const id = res.body.id;
    expect((await otherInspector.get(`/api/hidden-dangers/${id}`)).status).toBe(404);
    expect(
      (await otherInspector.post(`/api/hidden-dangers/${id}/recheck`, { passed: true, note: '合格' })).status,
    ).toBe(404);
    expect((await otherInspector.post('/api/hidden-dangers', general())).status).toBe(404);
    expect((await leader.get(`/api/hidden-dangers/${id}`)).status).toBe(200);
    expect((await leader.post(`/api/hidden-dangers/${id}/recheck`, { passed: true, note: '合格' })).status).toBe(403);
    expect((await ent.post(`/api/hidden-dangers/${id}/recheck`, { passed: true, note: '合格' })).status).toBe(403);
    expect(
      (await inspector.post(`/api/hidden-dangers/${id}/extension-requests`, { newDeadline: '2027-01-31', reason: 'x' }))
        .status,
    ).toBe(403);
    const list = await otherInspector.get('/api/hidden-dangers');
    expect(list.body.items.every((d: { regionCode: string }) => d.regionCode.startsWith('370305'))).toBe(true);
    const entList = await ent.get('/api/hidden-dangers');
    expect(entList.body.total).toBeGreaterThan(0);
    expect(entList.body.items.every((d: { enterpriseId: string }) => d.enterpriseId === enterpriseId)).toBe(true);
    expect((await (await t.as('ent.91370305MA3D7F5Q2H')).get(`/api/hidden-dangers/${id}`)).status).toBe(404);
  });
});

describe('extensions (原总局令第15号 第十七条)', () => {
  it('accepts a request exactly 10 days before the deadline and refuses one 9 days before', async () => {
    // Deadline 2026-12-11: filed on 2026-12-01 it is 10 days ahead.
    const onTime = await inspector.post('/api/hidden-dangers', general({ deadline: '2026-12-11' }));
    const req = await ent.post(`/api/hidden-dangers/${onTime.body.id}/extension-requests`, {
      newDeadline: '2026-12-31',
      reason: '设备到货需时',
    });
    expect(req.status, JSON.stringify(req.body)).toBe(201);
    expect(req.body.extensions[0]).toMatchObject({
      status: 'pending',
      answerDueOn: '2026-12-06',
      oldDeadline: '2026-12-11',
    });
    expect(
      (
        await ent.post(`/api/hidden-dangers/${onTime.body.id}/extension-requests`, {
          newDeadline: '2027-01-05',
          reason: '再延',
        })
      ).body.error.code,
    ).toBe('EXTENSION_PENDING');

    const late = await inspector.post('/api/hidden-dangers', general({ deadline: '2026-12-10' }));
    const refused = await ent.post(`/api/hidden-dangers/${late.body.id}/extension-requests`, {
      newDeadline: '2026-12-31',
      reason: '设备到货需时',
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'EXTENSION_TOO_LATE', message: expect.stringContaining('10日') });
    const earlier = await ent.post(`/api/hidden-dangers/${onTime.body.id}/extension-requests`, {
      newDeadline: '2026-12-05',
      reason: 'x',
    });
    expect(earlier.status).toBe(400); // the fields are checked before the state
    expect(earlier.body.error.details[0]).toMatchObject({ path: 'newDeadline', code: 'not_later' });

    // The bureau approves: the deadline moves, the rectification clock with it.
    const decided = await inspector.post(`/api/extension-requests/${req.body.extensions[0].id}/decide`, {
      approve: true,
      note: '同意延期',
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body).toMatchObject({ deadline: '2026-12-31', recheckDueOn: '2027-01-10' });
    expect(decided.body.clocks).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'extension_answer',
          dueOn: '2026-12-06',
          doneOn: '2026-12-01',
          status: 'done',
        }),
      ]),
    );
    const twice = await inspector.post(`/api/extension-requests/${req.body.extensions[0].id}/decide`, {
      approve: false,
    });
    expect(twice.body.error.code).toBe('EXTENSION_DECIDED');
  });
});

describe('completion, 复查 and the Shanghai midnight', () => {
  it('the 复查 is due 10 days after the completion report; the deadline turns overdue at 00:00 Shanghai', async () => {
    const created = await inspector.post('/api/hidden-dangers', general({ deadline: '2026-12-03' }));
    const id = created.body.id;
    // 2026-12-03 23:59:59 Shanghai: still the last day.
    t.clock.set(new Date('2026-12-03T23:59:59+08:00'));
    expect((await inspector.get(`/api/hidden-dangers/${id}`)).body.status).toBe('rectifying');
    t.clock.set(new Date('2026-12-04T00:00:00+08:00'));
    const overdue = (await inspector.get(`/api/hidden-dangers/${id}`)).body;
    expect(overdue.status).toBe('overdue');
    expect(overdue.clocks[0]).toMatchObject({ kind: 'rectification', status: 'overdue' });
    expect(
      (await inspector.get('/api/hidden-dangers?status=overdue')).body.items.map((d: { id: string }) => d.id),
    ).toContain(id);

    // Reported fixed late: the deadline came first, so the 复查 is due 10 days after it.
    const done = await ent.post(`/api/hidden-dangers/${id}/completion`, { note: '已清理', evidence: ['现场照片2张'] });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({
      status: 'awaiting_recheck',
      completedOn: '2026-12-04',
      recheckDueOn: '2026-12-13',
    });
    expect(done.body.clocks[0]).toMatchObject({ kind: 'rectification', status: 'done_late' });

    const early = await inspector.post('/api/hidden-dangers', general({ deadline: '2026-12-31' }));
    const reported = await ent.post(`/api/hidden-dangers/${early.body.id}/completion`, { note: '已整改' });
    expect(reported.body.recheckDueOn).toBe('2026-12-14');

    const passed = await inspector.post(`/api/hidden-dangers/${id}/recheck`, { passed: true, note: '复查合格' });
    expect(passed.body).toMatchObject({ status: 'closed', closedOn: '2026-12-04', recheckPassed: true });
    expect((await ent.post(`/api/hidden-dangers/${id}/completion`, { note: 'x' })).body.error.code).toBe(
      'DANGER_CLOSED',
    );
    t.clock.set(new Date(NOW));
  });

  it('a failed 复查 reopens the danger and suggests a penalty case', async () => {
    const created = await inspector.post('/api/hidden-dangers', general({ deadline: '2026-12-31' }));
    const id = created.body.id;
    expect(
      (await inspector.post(`/api/hidden-dangers/${id}/recheck`, { passed: true, note: 'x' })).body.error.code,
    ).toBe('DANGER_NOT_AWAITING_RECHECK');
    await ent.post(`/api/hidden-dangers/${id}/completion`, { note: '已整改' });
    const failed = await inspector.post(`/api/hidden-dangers/${id}/recheck`, { passed: false, note: '杂物仍未清理' });
    expect(failed.body).toMatchObject({ status: 'rectifying', recheckPassed: false, completedOn: null });
    expect(failed.body.history.find((h: { kind: string }) => h.kind === 'recheck')).toMatchObject({
      data: { passed: false, suggestPenalty: true },
    });
    expect(failed.body.documents.map((d: { kind: string }) => d.kind)).toEqual([
      'rectification_order',
      'recheck_opinion',
    ]);
  });
});

describe('重大事故隐患', () => {
  it('cannot close without a 治理方案, the 复查 and the bureau’s 销号', async () => {
    const created = await inspector.post('/api/hidden-dangers', major());
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id;
    expect(created.body).toMatchObject({
      supervised: true,
      standardItem: { code: 'HG2017-05', text: expect.stringContaining('紧急切断') },
      immediateMeasures: ['stop_equipment'],
      closeBlockers: ['plan', 'recheck'],
    });
    const blocked = await inspector.post(`/api/hidden-dangers/${id}/close`, {});
    expect(blocked.status).toBe(409);
    expect(blocked.body.error).toMatchObject({
      code: 'DANGER_CLOSE_BLOCKED',
      details: { blockers: ['plan', 'recheck'] },
    });

    await ent.post(`/api/hidden-dangers/${id}/completion`, { note: '已加装紧急切断阀' });
    const rechecked = await inspector.post(`/api/hidden-dangers/${id}/recheck`, { passed: true, note: '切断阀已投用' });
    // Passed, but a 重大 danger waits for its 销号 — and still lacks its 治理方案.
    expect(rechecked.body).toMatchObject({ status: 'awaiting_recheck', closedOn: null, closeBlockers: ['plan'] });
    expect((await inspector.post(`/api/hidden-dangers/${id}/close`, {})).body.error.details.blockers).toEqual(['plan']);

    const incomplete = await ent.post(`/api/hidden-dangers/${id}/plan`, { goals: '消除隐患' });
    expect(incomplete.status).toBe(400);
    const plan = {
      goals: '年底前实现储罐区紧急切断',
      methods: '加装气动紧急切断阀并接入SIS',
      funds: '专项资金45万元',
      organisation: '设备部负责，主要负责人督办',
      timeLimit: '2026年12月31日前完成',
      safetyMeasures: '停用期间罐区设警戒，应急预案演练一次',
    };
    expect((await ent.post(`/api/hidden-dangers/${id}/plan`, plan)).status).toBe(200);
    expect((await ent.post(`/api/hidden-dangers/${id}/close`, {})).status).toBe(403); // 销号 is the bureau's
    const closed = await inspector.post(`/api/hidden-dangers/${id}/close`, { note: '同意销号' });
    expect(closed.body).toMatchObject({ status: 'closed', supervised: false, closeBlockers: [] });
    expect(closed.body.history.map((h: { kind: string }) => h.kind)).toEqual([
      'report',
      'document',
      'document',
      'completion',
      'recheck',
      'document',
      'plan',
      'close',
    ]);
    expect(closed.body.documents.map((d: { kind: string }) => d.kind)).toEqual([
      'rectification_order',
      'on_site_decision',
      'recheck_opinion',
    ]);
    // History is append-only.
    await expect(
      sql`UPDATE hidden_danger_events SET note = 'x' WHERE danger_id = ${id}`.execute(t.db.kysely),
    ).rejects.toThrow(/append-only/);
  });

  it('a 一般 danger takes no 治理方案 and no 销号', async () => {
    const created = await inspector.post('/api/hidden-dangers', general());
    expect(
      (
        await ent.post(`/api/hidden-dangers/${created.body.id}/plan`, {
          goals: 'a',
          methods: 'b',
          funds: 'c',
          organisation: 'd',
          timeLimit: 'e',
          safetyMeasures: 'f',
        })
      ).body.error.code,
    ).toBe('DANGER_NOT_MAJOR');
  });
});

describe('statistics', () => {
  it('counts by child region with 整改率 and 复查率; the city rolls up its counties', async () => {
    const county = await inspector.get('/api/hidden-dangers/stats?from=2026-12-01&to=2026-12-31');
    expect(county.status, JSON.stringify(county.body)).toBe(200);
    expect(county.body.total.found).toBeGreaterThan(5);
    expect(county.body.total.major).toBeGreaterThanOrEqual(1);
    expect(county.body.total.closed).toBeGreaterThanOrEqual(3);
    // Every bureau order of this file counts: 责令限期整改指令书 and 现场处理措施决定书.
    const orders = await sql<{ n: number }>`SELECT count(*)::int AS n FROM issued_documents
      WHERE subject_region_code LIKE '370303%' AND kind IN ('rectification_order', 'on_site_decision')
        AND issued_at >= '2026-12-01T00:00:00+08:00'`.execute(t.db.kysely);
    expect(county.body.total.ordersIssued).toBe(orders.rows[0]?.n);
    expect(county.body.total.ordersIssued).toBeGreaterThan(0);
    expect(county.body.total.rectificationRate).toBe(
      Math.round((1000 * county.body.total.closed) / county.body.total.found) / 10,
    );
    const city = await leader.get('/api/hidden-dangers/stats?from=2026-12-01&to=2026-12-31');
    const zhangdian = city.body.rows.find((r: { regionCode: string }) => r.regionCode === '370303');
    expect(zhangdian).toMatchObject({ label: '张店区', found: county.body.total.found });
    expect((await ent.get('/api/hidden-dangers/stats')).status).toBe(403);
    // The same table as an .xlsx, 合计 last.
    const file = await downloadRaw(t, leader, '/api/hidden-dangers/stats.xlsx?from=2026-12-01&to=2026-12-31');
    expect(file.status).toBe(200);
    const [sheet] = await readWorkbook(file.body);
    const rows = Array.from(sheet?.rows ?? [], (r) =>
      Array.from(r ?? [], (c) => (c === null || c === undefined ? '' : String(c))),
    );
    expect(rows[1]?.[1]).toContain('事故隐患排查治理情况统计表');
    const totalRow = rows.find((r) => r[1] === '合计') ?? [];
    // 地区, then 检查次数, 检查企业, 下达指令书, then 排查隐患 合计.
    expect(Number(totalRow[4])).toBe(city.body.total.ordersIssued);
    expect(Number(totalRow[5])).toBe(city.body.total.found);
    expect(rows.find((r) => r[1] === '张店区')).toBeDefined();
    expect((await otherInspector.get('/api/hidden-dangers/stats?regionCode=370303')).status).toBe(403);
  });
});

describe('alerts', () => {
  it('the clock sends the deadline alert once the day has passed, to the bureau and the enterprise', async () => {
    const created = await inspector.post('/api/hidden-dangers', general({ deadline: '2026-12-02' }));
    const heard: LiveEvent[] = [];
    const cityBureau = { orgKind: 'bureau', prefix: '3703', regionCode: '370300' } as Actor;
    const enterprise = { orgKind: 'enterprise', orgId: 'x', creditCode: DEMO_CODE } as Actor;
    const offCity = t.ctx.bus.subscribe(cityBureau, (e) => heard.push({ ...e, regionCode: 'city' }));
    const offEnt = t.ctx.bus.subscribe(enterprise, (e) => heard.push({ ...e, regionCode: 'enterprise' }));
    const engine = new ClockEngine(t.ctx, { instanceId: 'T', clocks: [DANGER_ALERT_CLOCK as Clock] });
    const runAt = async (at: string) => {
      t.clock.set(new Date(at));
      while ((await engine.poll()) > 0) await engine.idle();
    };
    // 3 days before the last day (2026-11-29 09:00) has already passed: the 'soon' alert goes at once.
    await runAt(NOW);
    const mine = () => heard.filter((e) => e.type === 'danger.alert' && e.data.id === created.body.id);
    expect(
      mine()
        .map((e) => [e.data.stage, e.regionCode])
        .sort(),
    ).toEqual([
      ['soon', 'city'],
      ['soon', 'enterprise'],
    ]);
    await runAt('2026-12-02T23:59:59+08:00'); // the last day: nothing passed yet
    expect(mine()).toHaveLength(2);
    await runAt('2026-12-03T00:00:00+08:00');
    expect(mine().filter((e) => e.data.stage === 'passed')).toHaveLength(2);
    await runAt('2026-12-04T00:00:00+08:00'); // once only
    expect(mine()).toHaveLength(4);
    offCity();
    offEnt();
    t.clock.set(new Date(NOW));
  });

  it('a met deadline sends nothing', async () => {
    const created = await inspector.post('/api/hidden-dangers', general({ deadline: '2026-12-02' }));
    await ent.post(`/api/hidden-dangers/${created.body.id}/completion`, { note: '已整改' });
    const jobs = await sql<{ key: string }>`SELECT key FROM clock_jobs WHERE name = 'dangers.alert'
      AND key LIKE ${`${created.body.id}:rectification%`}`.execute(t.db.kysely);
    expect(jobs.rows).toEqual([]);
  });
});

/** An enterprise of 临淄区 (370305): the demo's, or registered for the test. */
async function otherEnterprise(): Promise<{ id: string }> {
  const code = '91370305MA3D7F5Q2H';
  const own = (await (await t.as(`ent.${code}`)).get('/api/enterprises')).body.items?.find(
    (e: { creditCode: string }) => e.creditCode === code,
  );
  if (own) return own;
  return (await otherInspector.post('/api/enterprises', buildEnterprise({ regionCode: '370305', creditCode: code })))
    .body;
}

describe('执法文书', () => {
  it('numbers each bureau’s documents per type and year with no gap and no duplicate under 20 concurrent orders', async () => {
    const before = await sql<{ seq: number }>`SELECT coalesce(max(seq), 0)::int AS seq FROM issued_documents
      WHERE region_code = '370303' AND kind = 'rectification_order' AND year = 2026`.execute(t.db.kysely);
    const start = before.rows[0]?.seq ?? 0;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        inspector.post('/api/hidden-dangers', general({ description: `并发隐患${i}` })),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    const numbers = results.map((r) => r.body.documents[0].number as string);
    const seqs = numbers.map((n) => Number(/〔2026〕(\d+)号/.exec(n)?.[1])).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => start + i + 1));
    // Another type has its own count; another bureau its own abbreviation and count.
    const other = await (await t.as('inspector.370305')).post(
      '/api/hidden-dangers',
      general({
        enterpriseId: (await otherEnterprise()).id,
      }),
    );
    expect(other.body.documents[0].number).toMatch(/^（淄临）应急责改〔2026〕1号$/);
  });

  it('writes the 责令限期整改指令书 as a .docx that LibreOffice opens', async () => {
    const created = await inspector.post('/api/hidden-dangers', general({ measures: '清理杂物，保持通道畅通' }));
    const doc = created.body.documents[0];
    const file = await downloadRaw(t, ent, `/api/hidden-dangers/${created.body.id}/documents/${doc.id}.docx`);
    expect(file.status).toBe(200);
    expect(file.headers['content-disposition']).toContain('.docx');
    const text = await docxText(file.body);
    for (const part of [
      '责令限期整改指令书',
      doc.number,
      '经查，你单位存在下列问题',
      '2026年12月31日前整改完毕',
      '六十日内',
      '六个月内',
    ]) {
      expect(text).toContain(part);
    }
    if (sofficePath()) {
      const pdf = await convertDocument(file.body, 'docx', 'pdf');
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    }
    expect((await otherInspector.get(`/api/hidden-dangers/${created.body.id}/documents/${doc.id}.docx`)).status).toBe(
      404,
    );
  }, 120_000);
});

describe('the statistics rollup', () => {
  it('always equals the dangers it sums, after every kind of write of this file', async () => {
    const counts = sql`count(*)::int AS found,
      count(*) FILTER (WHERE level = 'general')::int AS general,
      count(*) FILTER (WHERE level = 'major')::int AS major,
      count(*) FILTER (WHERE closed_on IS NOT NULL)::int AS closed,
      count(*) FILTER (WHERE closed_on IS NOT NULL
        AND (deadline IS NULL OR coalesce(completed_on, closed_on) <= deadline))::int AS closed_on_time,
      count(*) FILTER (WHERE closed_on IS NULL AND completed_on IS NOT NULL)::int AS awaiting_recheck,
      count(*) FILTER (WHERE rechecked_on IS NOT NULL)::int AS rechecked,
      count(*) FILTER (WHERE completed_on IS NOT NULL OR rechecked_on IS NOT NULL)::int AS completed,
      count(*) FILTER (WHERE supervised)::int AS supervised`;
    const direct = await sql`SELECT region_code, found_on::text AS day, ${counts}
      FROM hidden_dangers GROUP BY 1, 2 ORDER BY 1, 2`.execute(t.db.kysely);
    const rolled = await sql`SELECT region_code, found_on::text AS day, found, general, major, closed, closed_on_time,
      awaiting_recheck, rechecked, completed, supervised
      FROM hidden_danger_daily WHERE found > 0 ORDER BY 1, 2`.execute(t.db.kysely);
    expect(direct.rows.length).toBeGreaterThan(0);
    expect(rolled.rows).toEqual(direct.rows);
  });
});
