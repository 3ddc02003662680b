/**
 * 应急预案与备案 through the API (issue 12 §1, bar 1): the filing, check, drill and evaluation clocks on the 2026
 * calendar — a plan published just before 国庆, the bureau's 5 working days and the deemed filing by the clock, half-yearly
 * and yearly drills, the 3-year evaluation —; the answers (登记表 with its number, the one notice of what is missing);
 * revisions and re-filing; hostile input; idempotency; audit rows; the overdue lists and the statistics.
 */
import { createHash } from 'node:crypto';
import JSZip from 'jszip';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../auth/actor.js';
import type { Clock } from '../../clock/define.js';
import { ClockEngine } from '../../clock/engine.js';
import { docxText, downloadRaw } from '../../documents/test-support.js';
import { readWorkbook } from '../../documents/xlsx.js';
import { buildEnterprise, type Client, type TestApp, testApp, testClock } from '../../testing/harness.js';
import type { LiveEvent } from '../events/bus.js';
import { PLAN_ALERT_CLOCK, PLAN_DEEM_CLOCK } from './alerts.js';
import { resolveCalendarGaps } from './service.js';

const DEMO_CODE = '91370303MA3C4B2X1Y'; // 淄博鑫泰化工有限公司, 张店区 (危险化学品)

let t: TestApp;
let inspector: Client; // inspector.370303 (张店区)
let duty: Client; // duty.370303: reads, does not decide
let ent: Client;
let foreign: Client; // inspector.370305 (临淄区)
let chemId: string; // the demo enterprise: 第二十一条 and 第二十六条 classes
let plainId: string; // a small machinery maker: none of them

const at = (day: string, time = '10:00:00') => `${day}T${time}+08:00`;
const setDay = (day: string, time?: string) => t.clock.set(new Date(at(day, time)));

const plan = (overrides: Record<string, unknown> = {}) => ({
  enterpriseId: chemId,
  kind: 'comprehensive',
  title: '生产安全事故综合应急预案',
  risks: ['火灾', '爆炸', '中毒窒息'],
  publishedOn: '2026-09-28',
  signer: '王建国',
  reviewKind: 'review',
  reviewedOn: '2026-09-20',
  reviewSummary: '评审专家组一致同意通过评审，按意见修改后发布。',
  ...overrides,
});

const clockOf = (p: { clocks: { name: string }[] }, name: string) =>
  p.clocks.find((c) => c.name === name) as unknown as {
    dueOn: string | null;
    status: string;
    nominalOn: string | null;
  };

beforeAll(async () => {
  t = await testApp({
    clock: testClock(at('2026-09-28')),
    sessionIdleMinutes: 365 * 24 * 60,
    sessionMaxHours: 365 * 24,
  });
  [inspector, duty, ent, foreign] = await Promise.all([
    t.as('inspector.370303'),
    t.as('duty.370303'),
    t.as(`ent.${DEMO_CODE}`),
    t.as('inspector.370305'),
  ]);
  const own = await ent.get('/api/enterprises');
  chemId =
    own.body.items.find((e: { creditCode: string }) => e.creditCode === DEMO_CODE)?.id ??
    (await inspector.post('/api/enterprises', buildEnterprise({ creditCode: DEMO_CODE }))).body.id;
  plainId = (
    await inspector.post(
      '/api/enterprises',
      buildEnterprise({
        industryCode: 'C34',
        sectors: ['industry_trade'],
        scale: 'small',
        name: '张店机械制造有限公司',
      }),
    )
  ).body.id;
});
afterAll(() => t.close());

describe('a plan published just before 国庆: filing, the check, the answers', () => {
  let id: string;
  let filingId: string;

  it('登记 once per Idempotency-Key; filing due 20 working days later, skipping 国庆 and counting 10-10 (调休)', async () => {
    const key = { 'idempotency-key': 'plan-1' };
    const first = await ent.post('/api/emergency-plans', plan(), key);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const again = await ent.post('/api/emergency-plans', plan(), key);
    expect(again.body.id).toBe(first.body.id);
    expect((await ent.post('/api/emergency-plans', plan({ title: '另一份' }), key)).status).toBe(422);
    id = first.body.id;
    expect(first.body.duties).toMatchObject({
      classes: ['dangerous_goods'],
      filingRequired: true,
      reviewRequired: true,
      highRisk: true,
      evaluationRequired: true,
    });
    expect(first.body.filing).toMatchObject({ revision: 1, dueOn: '2026-10-30', status: 'pending', number: null });
    expect(clockOf(first.body, 'filing')).toMatchObject({ dueOn: '2026-10-30', status: 'pending' });
    // A high-risk unit drills every half year: 2027-03-28, a year without its calendar yet (never guessed).
    expect(first.body).toMatchObject({ nextDrillDueOn: null, nextDrillNominalOn: '2027-03-28' });
    expect(clockOf(first.body, 'drill').status).toBe('calendar_gap');
  });

  it('its last day is on time; the next day it is on the overdue list of the bureau, not of another county', async () => {
    setDay('2026-10-30');
    expect((await inspector.get(`/api/emergency-plans/${id}`)).body.filing.status).toBe('pending');
    setDay('2026-10-31');
    const view = await inspector.get(`/api/emergency-plans/${id}`);
    expect(view.body.filing.status).toBe('overdue');
    expect(clockOf(view.body, 'filing').status).toBe('overdue');
    const list = await inspector.get('/api/emergency-plans?overdue=filing&pageSize=200');
    expect(list.body.items.map((p: { id: string }) => p.id)).toContain(id);
    expect((await inspector.get('/api/emergency-plans?status=overdue&pageSize=200')).body.items.length).toBeGreaterThan(
      0,
    );
    const city = await t.as('stats.370300');
    expect(
      (await city.get('/api/emergency-plans?overdue=any&pageSize=200')).body.items.map((p: { id: string }) => p.id),
    ).toContain(id);
    expect((await foreign.get('/api/emergency-plans?overdue=filing&pageSize=200')).body.items).toEqual([]);
    expect((await foreign.get(`/api/emergency-plans/${id}`)).status).toBe(404);
  });

  it('filed late on 11-02: the bureau answers within 5 working days (by 11-09)', async () => {
    setDay('2026-11-02');
    const res = await ent.post(`/api/emergency-plans/${id}/filings`, { materials: ['application', 'plan_document'] });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.filing).toMatchObject({ status: 'submitted', checkDueOn: '2026-11-09' });
    filingId = res.body.filings.at(-1).id;
    expect((await ent.post(`/api/emergency-plans/${id}/filings`, { materials: ['application'] })).status).toBe(409);
  });

  it('incomplete: one notice listing everything missing, as a numbered .docx; then filed again and registered', async () => {
    expect((await duty.post(`/api/plan-filings/${filingId}/decide`, { complete: true })).status).toBe(403);
    expect((await ent.post(`/api/plan-filings/${filingId}/decide`, { complete: true })).status).toBe(403);
    expect((await foreign.post(`/api/plan-filings/${filingId}/decide`, { complete: true })).status).toBe(404);
    const missing = ['应急预案评审意见', '风险评估结果和应急资源调查清单'];
    const res = await inspector.post(`/api/plan-filings/${filingId}/decide`, { complete: false, missing });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.filing).toMatchObject({ status: 'incomplete', missing });
    const decision = res.body.filings.at(-1).decision;
    expect(decision.number).toMatch(/^（淄张）应急预补〔2026〕\d+号$/);
    const doc = await downloadRaw(t, inspector, `/api/plan-filings/${filingId}/document.docx`);
    expect(doc.status).toBe(200);
    const text = await docxText(doc.body);
    for (const m of missing) expect(text).toContain(m);
    expect((await inspector.post(`/api/plan-filings/${filingId}/decide`, { complete: true })).status).toBe(409);

    setDay('2026-11-04');
    const again = await ent.post(`/api/emergency-plans/${id}/filings`, {
      materials: ['application', 'review_opinion', 'plan_document', 'risk_and_resources'],
    });
    expect(again.body.filing.checkDueOn).toBe('2026-11-11');
    const second = again.body.filings.at(-1).id;
    const done = await inspector.post(`/api/plan-filings/${second}/decide`, { complete: true });
    expect(done.body.filing).toMatchObject({ status: 'filed', dueOn: '2026-10-30', checkDueOn: null });
    expect(done.body.filing.number).toMatch(/^（淄张）应急预备〔2026〕\d+号$/);
    expect(done.body.filing.filedAt).toBe(new Date(at('2026-11-04')).toISOString());
    // Received 11-04 for a filing due 10-30: filed late, in the plan, its clock and the list (review 12 #8).
    expect(done.body.filing).toMatchObject({
      late: true,
      bureauRegionCode: '370303',
      bureauName: '山东省淄博市张店区',
    });
    expect(clockOf(done.body, 'filing').status).toBe('done_late');
    const listed = await inspector.get('/api/emergency-plans?pageSize=200');
    expect(listed.body.items.find((p: { id: string }) => p.id === id)).toMatchObject({ filingLate: true });
    const record = await downloadRaw(t, ent, `/api/plan-filings/${second}/document.docx`);
    expect(await docxText(record.body)).toContain(done.body.filing.number);
    expect((await ent.post(`/api/emergency-plans/${id}/filings`, { materials: ['application'] })).status).toBe(409);
  });

  it('every write left its audit row', async () => {
    const rows = await sql<{ action: string }>`SELECT action FROM audit_log
      WHERE entity_id = ${id} OR entity_id IN (SELECT id::text FROM plan_filings WHERE plan_id = ${id})
      ORDER BY seq`.execute(t.db.kysely);
    expect(rows.rows.map((r) => r.action)).toEqual([
      'emergency_plan.create',
      'emergency_plan.file',
      'emergency_plan.filing_incomplete',
      'emergency_plan.file',
      'emergency_plan.filing_complete',
    ]);
  });
});

describe('deemed filed when the 5 working days pass unanswered (第二十八条)', () => {
  it('the clock answers at 24:00 of the 5th working day, once, shown as such', async () => {
    setDay('2026-09-29');
    const created = await ent.post(
      '/api/emergency-plans',
      plan({ kind: 'special', title: '危险化学品泄漏专项应急预案' }),
    );
    const id = created.body.id;
    setDay('2026-09-29', '15:00:00');
    const filed = await ent.post(`/api/emergency-plans/${id}/filings`, {
      materials: ['application', 'review_opinion', 'plan_document', 'risk_and_resources'],
    });
    // 9-30, 10-08, 10-09, 10-10 (调休), 10-12.
    expect(filed.body.filing.checkDueOn).toBe('2026-10-12');
    const engine = new ClockEngine(t.ctx, { instanceId: 'T', clocks: [PLAN_DEEM_CLOCK as Clock] });
    const runAt = async (day: string, time: string) => {
      setDay(day, time);
      while ((await engine.poll()) > 0) await engine.idle();
    };
    await runAt('2026-10-12', '23:59:59');
    expect((await inspector.get(`/api/emergency-plans/${id}`)).body.filing.status).toBe('submitted');
    await runAt('2026-10-13', '00:00:00');
    const view = await inspector.get(`/api/emergency-plans/${id}`);
    expect(view.body.filing).toMatchObject({ status: 'deemed', number: null, checkDueOn: null });
    expect(view.body.filings.at(-1).decision).toMatchObject({
      outcome: 'deemed',
      decidedByName: '系统',
      decidedOn: '2026-10-12',
    });
    await runAt('2026-10-14', '00:00:00');
    const audit = await sql<{ action: string; actor_id: string | null }>`SELECT action, actor_id FROM audit_log
      WHERE action = 'emergency_plan.filing_deemed' AND entity_id = ${view.body.filings.at(-1).id}`.execute(
      t.db.kysely,
    );
    expect(audit.rows).toEqual([{ action: 'emergency_plan.filing_deemed', actor_id: null }]);
    // A late answer is refused: it was filed by law already.
    expect(
      (await inspector.post(`/api/plan-filings/${view.body.filings.at(-1).id}/decide`, { complete: true })).status,
    ).toBe(409);
  });
});

describe('drills and the evaluation', () => {
  it('an ordinary unit: 综合 yearly, 现场处置 every half year; a high-risk unit every half year for every plan', async () => {
    setDay('2026-11-10');
    const yearly = await inspector.post(
      '/api/emergency-plans',
      plan({
        enterpriseId: plainId,
        publishedOn: '2025-10-01',
        reviewKind: 'demonstration',
        reviewedOn: undefined,
        reviewSummary: undefined,
      }),
    );
    expect(yearly.status, JSON.stringify(yearly.body)).toBe(201);
    expect(yearly.body.duties).toMatchObject({ filingRequired: false, highRisk: false, evaluationRequired: false });
    expect(yearly.body.filing.status).toBe('not_required');
    // 2026-10-01 is 国庆: the last day moves to 10-08, and it has passed.
    expect(yearly.body).toMatchObject({ nextDrillDueOn: '2026-10-08', evaluationDueOn: null });
    expect(clockOf(yearly.body, 'drill').status).toBe('overdue');
    const onsite = await inspector.post(
      '/api/emergency-plans',
      plan({
        enterpriseId: plainId,
        kind: 'onsite',
        title: '车间火灾现场处置方案',
        publishedOn: '2026-06-05',
        reviewKind: 'demonstration',
        reviewedOn: undefined,
        reviewSummary: undefined,
      }),
    );
    expect(onsite.body.nextDrillDueOn).toBe('2026-12-07'); // 12-05 is a Saturday
    const high = await ent.post(
      '/api/emergency-plans',
      plan({ publishedOn: '2026-05-20', reviewedOn: '2026-05-10', title: '高危单位综合预案' }),
    );
    expect(high.body.nextDrillDueOn).toBe('2026-11-20'); // half a year for a comprehensive plan of a high-risk unit

    const drill = await inspector.post(
      `/api/emergency-plans/${yearly.body.id}/drills`,
      {
        drilledOn: '2026-11-09',
        form: 'tabletop',
        participants: 12,
        scenario: '车间起火，组织疏散与初期扑救',
        evaluation: {
          evaluatedOn: '2026-11-10',
          summary: '流程基本顺畅',
          problems: [{ description: '疏散路线标识不清', revisionNeeded: true }],
        },
      },
      { 'idempotency-key': 'drill-1' },
    );
    expect(drill.status, JSON.stringify(drill.body)).toBe(201);
    expect(drill.body.drills).toHaveLength(1);
    expect(drill.body.drills[0].evaluation.problems[0]).toEqual({
      description: '疏散路线标识不清',
      revisionNeeded: true,
    });
    // From the drill: a year on is 2027-11-09, a year without its calendar yet.
    expect(drill.body).toMatchObject({ nextDrillDueOn: null, nextDrillNominalOn: '2027-11-09' });
    // The list shows the same due days as the plan: null plus the nominal day (review 12 #4).
    const row = (await inspector.get('/api/emergency-plans?pageSize=200')).body.items.find(
      (p: { id: string }) => p.id === yearly.body.id,
    );
    expect(row).toMatchObject({
      nextDrillDueOn: null,
      nextDrillNominalOn: '2027-11-09',
      evaluationDueOn: drill.body.evaluationDueOn,
      evaluationNominalOn: drill.body.evaluationNominalOn,
    });
    // The onsite plan's half-yearly duty is not met by a drill of the comprehensive plan.
    expect((await inspector.get(`/api/emergency-plans/${onsite.body.id}`)).body.nextDrillDueOn).toBe('2026-12-07');
    const replay = await inspector.post(
      `/api/emergency-plans/${yearly.body.id}/drills`,
      {},
      { 'idempotency-key': 'drill-1' },
    );
    expect(replay.status).toBe(400);
    expect(
      (
        await inspector.post(
          `/api/emergency-plans/${yearly.body.id}/drills`,
          {
            drilledOn: '2026-11-09',
            form: 'tabletop',
            participants: 12,
            scenario: '车间起火，组织疏散与初期扑救',
            evaluation: {
              evaluatedOn: '2026-11-10',
              summary: '流程基本顺畅',
              problems: [{ description: '疏散路线标识不清', revisionNeeded: true }],
            },
          },
          { 'idempotency-key': 'drill-1' },
        )
      ).body.drills,
    ).toHaveLength(1);
  });

  it('the 3-year evaluation (第三十五条): due 3 years after publication, moved off 国庆; an evaluation restarts it', async () => {
    const old = await ent.post(
      '/api/emergency-plans',
      plan({ publishedOn: '2023-10-01', reviewedOn: '2023-09-20', title: '2023版综合预案' }),
    );
    expect(old.body.evaluationDueOn).toBe('2026-10-08');
    expect(clockOf(old.body, 'evaluation').status).toBe('overdue');
    const evaluated = await ent.post(`/api/emergency-plans/${old.body.id}/evaluations`, {
      evaluatedOn: '2026-11-09',
      conclusion: '预案基本适用，应急资源有变化，建议修订',
      revisionNeeded: true,
    });
    expect(evaluated.status).toBe(201);
    expect(evaluated.body).toMatchObject({ evaluationDueOn: null, evaluationNominalOn: '2029-11-09' });
    expect(evaluated.body.evaluations[0]).toMatchObject({ revisionNeeded: true });
  });
});

describe('revisions (第三十六条, 第三十七条)', () => {
  it('a revision is a new version; one changing the procedures is filed again, one changing contacts is not', async () => {
    setDay('2026-11-10');
    const created = await ent.post('/api/emergency-plans', plan({ publishedOn: '2026-11-02', title: '修订测试预案' }));
    const id = created.body.id;
    const filed = await ent.post(`/api/emergency-plans/${id}/filings`, {
      materials: ['application', 'review_opinion', 'plan_document', 'risk_and_resources'],
    });
    await inspector.post(`/api/plan-filings/${filed.body.filings[0].id}/decide`, { complete: true });
    const drill = await ent.post(`/api/emergency-plans/${id}/drills`, {
      drilledOn: '2026-11-06',
      form: 'live',
      participants: 40,
      scenario: '储罐区泄漏',
      reportedOn: '2026-11-09',
      evaluation: {
        evaluatedOn: '2026-11-09',
        summary: '处置程序需调整',
        problems: [{ description: '堵漏程序不合理', revisionNeeded: true }],
      },
    });
    const drillId = drill.body.drills[0].id;

    const minorBody = {
      trigger: 'resources_changed',
      changes: ['contacts', 'resources'],
      publishedOn: '2026-11-09',
      signer: '王建国',
      reviewKind: 'review',
      reviewedOn: '2026-11-08',
      reviewSummary: '同意修订',
    };
    const minor = await ent.post(`/api/emergency-plans/${id}/revisions`, minorBody, { 'idempotency-key': 'rev-1' });
    // Sent twice (a double click): one revision.
    const twice = await ent.post(`/api/emergency-plans/${id}/revisions`, minorBody, { 'idempotency-key': 'rev-1' });
    expect(twice.body.revision).toBe(2);
    expect(minor.status, JSON.stringify(minor.body)).toBe(201);
    expect(minor.body).toMatchObject({ revision: 2, publishedOn: '2026-11-09' });
    expect(minor.body.filing).toMatchObject({ revision: 1, status: 'filed' });
    expect(minor.body.revisions.map((r: { requiresFiling: boolean }) => r.requiresFiling)).toEqual([true, false]);

    expect(
      (
        await ent.post(`/api/emergency-plans/${id}/revisions`, {
          trigger: 'drill_problem',
          changes: ['procedures'],
          publishedOn: '2026-11-10',
          signer: '王建国',
          reviewKind: 'review',
          reviewedOn: '2026-11-10',
          reviewSummary: '同意修订',
        })
      ).body.error.details[0].path,
    ).toBe('sourceDrillId');
    const major = await ent.post(`/api/emergency-plans/${id}/revisions`, {
      trigger: 'drill_problem',
      sourceDrillId: drillId,
      changes: ['procedures'],
      publishedOn: '2026-11-10',
      signer: '王建国',
      reviewKind: 'review',
      reviewedOn: '2026-11-10',
      reviewSummary: '同意修订',
    });
    expect(major.body.revision).toBe(3);
    // 20 working days from 11-10: 12-08.
    expect(major.body.filing).toMatchObject({ revision: 3, status: 'pending', dueOn: '2026-12-08', number: null });
    expect(major.body.revisions[2]).toMatchObject({
      trigger: 'drill_problem',
      sourceDrillId: drillId,
      requiresFiling: true,
    });
    // The first version is still there, unchanged.
    expect(major.body.revisions[0]).toMatchObject({ revision: 1, publishedOn: '2026-11-02', title: '修订测试预案' });
  });
});

describe('attachments, kept by their content', () => {
  it('a PDF and a .docx are stored once by SHA-256 and read back; other files are refused', async () => {
    setDay('2026-11-10');
    const id = (await ent.post('/api/emergency-plans', plan({ publishedOn: '2026-11-09', title: '附件测试预案' }))).body
      .id;
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const up = await ent.upload(
      `/api/emergency-plans/${id}/attachments`,
      { kind: 'plan_document' },
      { name: '预案文本.pdf', data: pdf },
    );
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    expect(up.body).toMatchObject({
      kind: 'plan_document',
      fileName: '预案文本.pdf',
      contentType: 'application/pdf',
      sha256: createHash('sha256').update(pdf).digest('hex'),
      revision: 1,
    });
    const zip = new JSZip();
    zip.file('word/document.xml', '<w:document/>');
    const docx = await zip.generateAsync({ type: 'nodebuffer' });
    const word = await ent.upload(
      `/api/emergency-plans/${id}/attachments`,
      { kind: 'risk_assessment' },
      { name: 'a.docx', data: docx },
    );
    expect(word.body.contentType).toContain('wordprocessingml');
    const back = await downloadRaw(t, inspector, `/api/emergency-plans/${id}/attachments/${up.body.id}`);
    expect(back.status).toBe(200);
    expect(back.body.equals(pdf)).toBe(true);
    expect(
      (await inspector.get(`/api/emergency-plans/${id}`)).body.attachments.map((a: { kind: string }) => a.kind),
    ).toEqual(['plan_document', 'risk_assessment']);
    const text = await ent.upload(
      `/api/emergency-plans/${id}/attachments`,
      { kind: 'other' },
      { name: 'a.pdf', data: Buffer.from('hello') },
    );
    expect(text.status).toBe(400);
    expect(text.body.error.details[0]).toMatchObject({ path: 'file', code: 'unsupported_type' });
    const other = new JSZip();
    other.file('a.txt', 'x');
    const plainZip = await other.generateAsync({ type: 'nodebuffer' });
    expect(
      (
        await ent.upload(
          `/api/emergency-plans/${id}/attachments`,
          { kind: 'other' },
          { name: 'a.docx', data: plainZip },
        )
      ).status,
    ).toBe(400);
    const badKind = await ent.upload(
      `/api/emergency-plans/${id}/attachments`,
      { kind: 'x' },
      { name: 'a.pdf', data: pdf },
    );
    expect(badKind.body.error.details[0].path).toBe('kind');
    expect((await ent.upload(`/api/emergency-plans/${id}/attachments`, { kind: 'other' })).status).toBe(400);
    expect(
      (await foreign.upload(`/api/emergency-plans/${id}/attachments`, { kind: 'other' }, { name: 'a.pdf', data: pdf }))
        .status,
    ).toBe(404);
    expect((await foreign.get(`/api/emergency-plans/${id}/attachments/${up.body.id}`)).status).toBe(404);
    const stored = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM stored_files WHERE sha256 = ${up.body.sha256}`.execute(t.db.kysely);
    expect(stored.rows[0]?.n).toBe(1);
  });
});

describe('hostile and wrong input: 400 with the field, never 500', () => {
  it.each([
    ['a date that is no date', { publishedOn: '2026-02-30' }, 'publishedOn'],
    ['an unknown kind', { kind: 'cosmic' }, 'kind'],
    ['an unknown field', { extra: 1 }, ''],
    ['no risks', { risks: [] }, 'risks'],
    ['a NUL in the title', { title: 'a\u0000b' }, 'title'],
    ['a review after publication', { reviewedOn: '2026-10-01' }, 'reviewedOn'],
    ['a future publication', { publishedOn: '2027-01-05' }, 'publishedOn'],
    ['论证 for a 第二十一条 unit', { reviewKind: 'demonstration' }, 'reviewKind'],
    ['评审 without its 纪要', { reviewSummary: undefined }, 'reviewSummary'],
    ['a government plan naming an enterprise', { ownerKind: 'government' }, 'enterpriseId'],
  ])('%s', async (_name, over, path) => {
    setDay('2026-11-10');
    const res = await ent.post('/api/emergency-plans', plan(over));
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    if (path) expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
  });

  it('decisions, drills and filings refuse bad bodies; an unknown or foreign plan is a 404', async () => {
    const id = (await ent.post('/api/emergency-plans', plan({ publishedOn: '2026-11-09' }))).body.id;
    expect((await ent.post(`/api/emergency-plans/${id}/filings`, { materials: [] })).status).toBe(400);
    expect((await ent.post(`/api/emergency-plans/${id}/filings`, { materials: ['x'] })).status).toBe(400);
    const f = (await ent.post(`/api/emergency-plans/${id}/filings`, { materials: ['application'] })).body.filings[0].id;
    const bad = await inspector.post(`/api/plan-filings/${f}/decide`, { complete: false });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('missing');
    expect((await inspector.post(`/api/plan-filings/${f}/decide`, { complete: true, missing: ['x'] })).status).toBe(
      400,
    );
    expect((await inspector.post(`/api/plan-filings/${f}/decide`, { complete: 'yes' })).status).toBe(400);
    const drill = (body: Record<string, unknown>) =>
      ent.post(`/api/emergency-plans/${id}/drills`, {
        drilledOn: '2026-11-10',
        form: 'live',
        participants: 5,
        scenario: '演练',
        ...body,
      });
    expect((await drill({ participants: -1 })).status).toBe(400);
    expect((await drill({ drilledOn: '2026-11-01' })).body.error.details[0].path).toBe('drilledOn'); // before publication
    expect((await drill({ drilledOn: '2026-11-11' })).body.error.details[0].path).toBe('drilledOn'); // future
    expect((await drill({ evaluation: { evaluatedOn: '2026-11-09', summary: 's' } })).status).toBe(400);
    expect((await inspector.get('/api/emergency-plans/not-a-uuid')).status).toBe(400);
    expect((await inspector.get('/api/emergency-plans/0190d6a4-0000-7000-8000-000000000001')).status).toBe(404);
    expect((await inspector.get('/api/emergency-plans?overdue=soon')).status).toBe(400);
    expect((await inspector.get('/api/emergency-plans?regionCode=370112')).status).toBe(403);
    expect((await inspector.get('/api/emergency-plans/stats?from=2026-12-01&to=2026-01-01')).status).toBe(400);
  });
});

describe('statistics by region and period (.xlsx too)', () => {
  it('filing duties, filed and on time, answers, drills and overdue, by county', async () => {
    setDay('2026-11-10');
    const res = await t
      .as('stats.370300')
      .then((c) => c.get('/api/emergency-plans/stats?from=2026-10-01&to=2026-12-31'));
    expect(res.status).toBe(200);
    const zhangdian = res.body.rows.find((r: { regionCode: string }) => r.regionCode === '370303');
    expect(zhangdian.label).toBe('张店区');
    expect(zhangdian.filingDue).toBeGreaterThanOrEqual(3);
    expect(zhangdian.filed).toBeGreaterThanOrEqual(2);
    expect(zhangdian.deemed).toBe(1);
    expect(zhangdian.decidedIncomplete).toBe(1);
    expect(zhangdian.drills).toBe(2);
    expect(zhangdian.drillsEvaluated).toBe(2);
    expect(zhangdian.filingRate).toBeCloseTo(zhangdian.filed / zhangdian.filingDue, 3);
    expect(res.body.total.plans).toBe(zhangdian.plans);
    const xlsx = await downloadRaw(t, inspector, '/api/emergency-plans/stats.xlsx?from=2026-10-01&to=2026-12-31');
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    // 备案率 is a fraction shown as a percentage (review 12 #3).
    const [sheet] = await readWorkbook(xlsx.body);
    const header = sheet?.rows.findIndex((r) => r?.includes('备案率')) ?? -1;
    const col = sheet?.rows[header]?.indexOf('备案率') ?? -1;
    expect(col).toBeGreaterThan(0);
    const cell = Object.entries(sheet?.numFmts ?? {}).filter(([a]) => a.startsWith(String.fromCharCode(64 + col)));
    expect(cell.length).toBeGreaterThan(0);
    for (const [, fmt] of cell) expect(fmt).toBe('0.0%');
    expect((await ent.get('/api/emergency-plans/stats?from=2026-10-01&to=2026-12-31')).status).toBe(403);
  });
});

describe('alerts on the clock engine', () => {
  it('the filing alert at 09:00 three days before its last day and when passed (24:00), to the bureau and the enterprise, once', async () => {
    setDay('2026-11-10');
    const created = await ent.post('/api/emergency-plans', plan({ publishedOn: '2026-11-02', title: '提醒测试预案' }));
    expect(created.body.filing.dueOn).toBe('2026-11-30');
    const heard: LiveEvent[] = [];
    const bureau = { orgKind: 'bureau', prefix: '3703', regionCode: '370300' } as Actor;
    const enterprise = { orgKind: 'enterprise', orgId: 'x', creditCode: DEMO_CODE } as Actor;
    const offBureau = t.ctx.bus.subscribe(bureau, (e) => heard.push({ ...e, regionCode: 'bureau' }));
    const offEnt = t.ctx.bus.subscribe(enterprise, (e) => heard.push({ ...e, regionCode: 'enterprise' }));
    const engine = new ClockEngine(t.ctx, { instanceId: 'A', clocks: [PLAN_ALERT_CLOCK as Clock] });
    const runAt = async (day: string, time: string) => {
      setDay(day, time);
      while ((await engine.poll()) > 0) await engine.idle();
    };
    const mine = () =>
      heard
        .filter((e) => e.type === 'emergency_plan.alert' && e.data.id === created.body.id && e.data.clock === 'filing')
        .map((e) => `${e.data.stage}:${e.regionCode}`)
        .sort();
    await runAt('2026-11-27', '08:59:59');
    expect(mine()).toEqual([]);
    await runAt('2026-11-27', '09:00:00');
    expect(mine()).toEqual(['soon:bureau', 'soon:enterprise']);
    await runAt('2026-11-30', '23:59:59'); // the last day: still on time
    expect(mine()).toHaveLength(2);
    await runAt('2026-12-01', '00:00:00');
    expect(mine()).toEqual(['passed:bureau', 'passed:enterprise', 'soon:bureau', 'soon:enterprise']);
    await runAt('2026-12-02', '00:00:00');
    expect(mine()).toHaveLength(4);
    offBureau();
    offEnt();
  });

  it('a met clock sends nothing: filed before the alert, its jobs are dropped', async () => {
    setDay('2026-11-10');
    const created = await ent.post('/api/emergency-plans', plan({ publishedOn: '2026-11-03', title: '按时备案预案' }));
    const filed = await ent.post(`/api/emergency-plans/${created.body.id}/filings`, { materials: ['application'] });
    const jobs = await sql<{ key: string }>`SELECT key FROM clock_jobs
      WHERE name = 'emergency-plans.alert' AND key LIKE ${`${created.body.id}:filing:%`}`.execute(t.db.kysely);
    expect(jobs.rows).toEqual([]);
    const check = await sql<{ key: string }>`SELECT key FROM clock_jobs
      WHERE name = 'emergency-plans.alert' AND key LIKE ${`${created.body.id}:check:%`}`.execute(t.db.kysely);
    // The check's passing is the deeming (emergency-plans.deem), which says so itself.
    expect(check.rows.map((r) => r.key)).toEqual([`${created.body.id}:check:soon`]);
    const deem = await sql<{ n: number }>`SELECT count(*)::int AS n FROM clock_jobs
      WHERE name = 'emergency-plans.deem' AND key = ${filed.body.filings[0].id}`.execute(t.db.kysely);
    expect(deem.rows[0]?.n).toBe(1);
  });
});

describe('review 12: bureau, late and carried-over filings, reported drills, dates, file names, overdue order', () => {
  const full = { materials: ['application', 'review_opinion', 'plan_document', 'risk_and_resources'] };
  const revision = (publishedOn: string, changes: string[]) => ({
    trigger: 'risk_changed',
    changes,
    publishedOn,
    signer: '王建国',
    reviewKind: 'review',
    reviewedOn: publishedOn,
    reviewSummary: '同意修订',
  });

  it("#6 a filing is made to a bureau (the county by default) and only it answers; the city's own is numbered by it", async () => {
    setDay('2026-12-01');
    const city = await t.as('admin.370300');
    const id = (await ent.post('/api/emergency-plans', plan({ publishedOn: '2026-11-30', title: '分级属地测试' }))).body
      .id;
    const filed = await ent.post(`/api/emergency-plans/${id}/filings`, full);
    expect(filed.body.filings.at(-1)).toMatchObject({ bureauRegionCode: '370303', bureauName: '山东省淄博市张店区' });
    const fid = filed.body.filings.at(-1).id;
    const refused = await city.post(`/api/plan-filings/${fid}/decide`, { complete: true });
    expect(refused.status).toBe(403);
    expect(refused.body.error.details[0]).toMatchObject({ path: 'bureauRegionCode', code: 'other_bureau' });
    expect((await inspector.post(`/api/plan-filings/${fid}/decide`, { complete: true })).status).toBe(200);

    const other = (await ent.post('/api/emergency-plans', plan({ publishedOn: '2026-11-30', title: '向市局备案' })))
      .body.id;
    const bad = await ent.post(`/api/emergency-plans/${other}/filings`, { ...full, bureauRegionCode: '370305' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('bureauRegionCode');
    const toCity = await ent.post(`/api/emergency-plans/${other}/filings`, { ...full, bureauRegionCode: '370300' });
    expect(toCity.status, JSON.stringify(toCity.body)).toBe(201);
    const cid = toCity.body.filings.at(-1).id;
    expect((await inspector.post(`/api/plan-filings/${cid}/decide`, { complete: true })).status).toBe(403);
    const answered = await city.post(`/api/plan-filings/${cid}/decide`, { complete: true });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    expect(answered.body.filing.number).toMatch(/号$/);
    expect(answered.body.filing.number).not.toMatch(/淄张/);
  });

  it('#7 a revision needing re-filing keeps the unfiled earlier version overdue until the new one is filed', async () => {
    setDay('2026-12-01');
    const id = (await ent.post('/api/emergency-plans', plan({ publishedOn: '2026-09-28', title: '逾期后修订' }))).body
      .id;
    const before = await inspector.get(`/api/emergency-plans/${id}`);
    expect(before.body.filing).toMatchObject({ revision: 1, status: 'overdue', dueOn: '2026-10-30' });
    const revised = await ent.post(`/api/emergency-plans/${id}/revisions`, revision('2026-11-30', ['procedures']));
    expect(revised.status, JSON.stringify(revised.body)).toBe(201);
    // The duty of version 1 (第二十六条) is not discharged by 第三十七条's new one: still overdue since 10-30.
    expect(revised.body.filing).toMatchObject({ revision: 2, status: 'overdue', dueOn: '2026-10-30' });
    const list = await inspector.get('/api/emergency-plans?overdue=filing&pageSize=200');
    expect(list.body.items.map((p: { id: string }) => p.id)).toContain(id);
    const filed = await ent.post(`/api/emergency-plans/${id}/filings`, full);
    const done = await inspector.post(`/api/plan-filings/${filed.body.filings.at(-1).id}/decide`, { complete: true });
    expect(done.body.filing).toMatchObject({ revision: 2, status: 'filed', late: true });
    expect(
      (await inspector.get('/api/emergency-plans?overdue=filing&pageSize=200')).body.items.map(
        (p: { id: string }) => p.id,
      ),
    ).not.toContain(id);
  });

  it("#20 a high-risk unit's drill never reported does not meet the half-yearly duty, and shows 未报告", async () => {
    setDay('2026-12-01');
    const id = (
      await ent.post(
        '/api/emergency-plans',
        plan({ publishedOn: '2026-06-01', reviewedOn: '2026-05-20', title: '报告演练测试' }),
      )
    ).body.id;
    const drill = { form: 'live', participants: 20, scenario: '储罐区泄漏' };
    const unreported = await ent.post(`/api/emergency-plans/${id}/drills`, { ...drill, drilledOn: '2026-11-25' });
    expect(unreported.status, JSON.stringify(unreported.body)).toBe(201);
    const high = unreported.body.drillDuties.find((d: { duty: string }) => d.duty === 'high_risk');
    expect(high.unreportedOn).toBe('2026-11-25');
    expect(high.lastDrilledOn).not.toBe('2026-11-25');
    const reported = await ent.post(`/api/emergency-plans/${id}/drills`, {
      ...drill,
      drilledOn: '2026-11-26',
      reportedOn: '2026-11-27',
    });
    expect(reported.body.drillDuties.find((d: { duty: string }) => d.duty === 'high_risk')).toMatchObject({
      lastDrilledOn: '2026-11-26',
      unreportedOn: null,
    });
  });

  it('#13 an evaluation dated before the publication of the version it is recorded against is refused', async () => {
    setDay('2026-12-05');
    const id = (
      await ent.post(
        '/api/emergency-plans',
        plan({ publishedOn: '2026-06-01', reviewedOn: '2026-05-20', title: '评估日期测试' }),
      )
    ).body.id;
    await ent.post(`/api/emergency-plans/${id}/revisions`, revision('2026-12-04', ['contacts']));
    const early = await ent.post(`/api/emergency-plans/${id}/evaluations`, {
      evaluatedOn: '2026-12-01',
      conclusion: '适用',
      revisionNeeded: false,
    });
    expect(early.status).toBe(400);
    expect(early.body.error.details[0]).toMatchObject({ path: 'evaluatedOn', code: 'too_early' });
  });

  it("#22 an attachment's file name longer than 200 characters is refused on the field", async () => {
    setDay('2026-12-05');
    const id = (await ent.post('/api/emergency-plans', plan({ publishedOn: '2026-12-01', title: '文件名测试' }))).body
      .id;
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const long = await ent.upload(
      `/api/emergency-plans/${id}/attachments`,
      { kind: 'other' },
      { name: `${'预'.repeat(197)}.pdf`, data: pdf },
    );
    expect(long.status).toBe(400);
    expect(long.body.error.details[0]).toMatchObject({ path: 'file', code: 'name_too_long' });
    const ok = await ent.upload(
      `/api/emergency-plans/${id}/attachments`,
      { kind: 'other' },
      { name: `${'预'.repeat(196)}.pdf`, data: pdf },
    );
    expect(ok.status).toBe(201);
  });

  it('#5 each overdue list is ordered by its own due day, longest overdue first', async () => {
    setDay('2026-12-05');
    for (const [kind, field] of [
      ['drill', 'nextDrillDueOn'],
      ['filing', 'filingDueOn'],
      ['evaluation', 'evaluationDueOn'],
    ] as const) {
      const items = (await inspector.get(`/api/emergency-plans?overdue=${kind}&pageSize=200`)).body.items as Record<
        string,
        string
      >[];
      const days = items.map((p) => p[field]);
      expect(days.every((d) => typeof d === 'string')).toBe(true);
      expect(days).toEqual([...days].sort());
    }
  });
});

describe('a year without its official calendar (never a Monday–Friday guess)', () => {
  it('a clock reaching 2027 waits for its notice; once loaded, it is computed (resolve-calendar-gaps)', async () => {
    setDay('2026-12-28');
    const created = await ent.post(
      '/api/emergency-plans',
      plan({ kind: 'onsite', title: '跨年测试现场处置方案', publishedOn: '2026-11-02', reviewedOn: '2026-10-30' }),
    );
    expect(created.body).toMatchObject({ nextDrillDueOn: null, nextDrillNominalOn: '2027-05-02' });
    expect(clockOf(created.body, 'drill').status).toBe('calendar_gap');
    // The bureau's 5 working days would end in 2027: refused, not guessed.
    const early = await ent.post(`/api/emergency-plans/${created.body.id}/filings`, { materials: ['application'] });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('CALENDAR_YEAR_MISSING');

    const loaded = await (await t.as('admin.000000')).put('/api/calendar/2027', {
      source: '国务院办公厅关于2027年部分节假日安排的通知（测试）',
      periods: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03', workdays: [] }],
    });
    expect(loaded.status, JSON.stringify(loaded.body)).toBe(200);
    expect(await resolveCalendarGaps(t.ctx)).toBeGreaterThan(0);
    const after = (await inspector.get(`/api/emergency-plans/${created.body.id}`)).body;
    // 2027-05-02 is a Sunday (and this test notice names no 劳动节): the next working day.
    expect(after).toMatchObject({ nextDrillDueOn: '2027-05-03', nextDrillNominalOn: '2027-05-02' });
    const filed = await ent.post(`/api/emergency-plans/${created.body.id}/filings`, { materials: ['application'] });
    // 12-29, 12-30, 12-31, (元旦 1-01–1-03), 1-04, 1-05.
    expect(filed.body.filing.checkDueOn).toBe('2027-01-05');
  });
});
