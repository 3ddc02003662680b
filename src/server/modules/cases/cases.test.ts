/**
 * 行政处罚案件 through the API (issue 11): one case from 立案 to 归档 on the 2026 calendar with its clocks, documents and
 * statistics; 简易程序; 不予处罚; the person as a party and the public page without personal data; a clock that reaches
 * a year without a calendar; and who may see and do what.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sofficePath } from '../../documents/soffice.js';
import { convertDocument, docxText, downloadRaw } from '../../documents/test-support.js';
import { buildEnterprise, type Client, type TestApp, testApp, testClock } from '../../testing/harness.js';
import { resolveCalendarGaps } from './alerts.js';

const DEMO_CODE = '91370303MA3C4B2X1Y'; // 淄博鑫泰化工有限公司, 张店区

let t: TestApp;
let inspector: Client; // inspector.370303 (张店区)
let leader: Client; // leader.370303
let ent: Client;
let foreign: Client; // inspector.370305 (临淄区)
let enterpriseId: string;
let officers: string[];

const at = (day: string) => `${day}T10:00:00+08:00`;

const generalCase = (overrides: Record<string, unknown> = {}) => ({
  source: 'inspection',
  sourceId: '0190d6a4-0000-7000-8000-000000000001',
  party: { kind: 'unit', enterpriseId, legalRepresentative: '王建国', phone: '0533-2180000' },
  cause: '未按照规定对从业人员进行安全生产教育和培训',
  summary: '2026年8月28日现场检查发现，该单位新招聘的12名操作工未经安全生产教育和培训即上岗作业。',
  violations: [
    { code: 'aqsf-97-3', circumstance: 'serious', facts: '新招聘的12名操作工未经安全生产教育和培训即上岗作业。' },
  ],
  officers,
  ...overrides,
});

const clockOf = (c: { clocks: { name: string }[] }, name: string) =>
  c.clocks.find((k) => k.name === name) as { dueOn: string | null; status: string; doneOn: string | null } | undefined;

beforeAll(async () => {
  t = await testApp({
    clock: testClock(at('2026-09-01')),
    sessionIdleMinutes: 365 * 24 * 60,
    sessionMaxHours: 365 * 24,
  });
  [inspector, leader, ent, foreign] = await Promise.all([
    t.as('inspector.370303'),
    t.as('leader.370303'),
    t.as(`ent.${DEMO_CODE}`),
    t.as('inspector.370305'),
  ]);
  const own = await ent.get('/api/enterprises');
  enterpriseId = own.body.items.find((e: { creditCode: string }) => e.creditCode === DEMO_CODE)?.id;
  if (!enterpriseId)
    enterpriseId = (await inspector.post('/api/enterprises', buildEnterprise({ creditCode: DEMO_CODE }))).body.id;
  const team = await inspector.get('/api/inspections/officers');
  officers = team.body.items
    .filter((o: { regionCode: string }) => o.regionCode === '370303')
    .map((o: { userId: string }) => o.userId);
});
afterAll(() => t.close());

describe('one case from 立案 to 归档 (一般程序)', () => {
  let id: string;
  const move = (who: Client, body: Record<string, unknown>) => who.post(`/api/cases/${id}/transitions`, body);
  const act = (who: Client, body: Record<string, unknown>) => who.post(`/api/cases/${id}/actions`, body);

  it('立案申请, once per Idempotency-Key, with the discretion version in force', async () => {
    const key = { 'idempotency-key': 'case-1' };
    const first = await inspector.post('/api/cases', generalCase(), key);
    expect(first.status).toBe(201);
    const again = await inspector.post('/api/cases', generalCase(), key);
    expect(again.body.id).toBe(first.body.id);
    id = first.body.id;
    expect(first.body).toMatchObject({ status: 'pending_approval', procedure: 'general', openedOn: null });
    expect(first.body.discretionVersion).toMatch(/^national:/);
    expect(first.body.violations[0]).toMatchObject({
      code: 'aqsf-97-3',
      band: { minYuan: 50_001, maxYuan: 100_000 },
      penaltyClause: expect.stringContaining('第九十七条'),
    });
    expect(first.body.parties[0]).toMatchObject({ kind: 'unit', creditCode: DEMO_CODE, legalRepresentative: '王建国' });
  });

  it('only the head approves 立案; then the decision clock runs 30 days, off 国庆', async () => {
    expect((await move(inspector, { to: 'investigating', approvedOn: '2026-09-01', opinion: '同意立案' })).status).toBe(
      403,
    );
    const foreignLeader = await t.as('leader.370305');
    expect(
      (await move(foreignLeader, { to: 'investigating', approvedOn: '2026-09-01', opinion: '同意立案' })).status,
    ).toBe(404);
    const res = await move(leader, { to: 'investigating', approvedOn: '2026-09-01', opinion: '同意立案' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: 'investigating', openedOn: '2026-09-01' });
    expect(res.body.number).toMatch(/^（淄张）应急立〔2026〕\d+号$/);
    // 15号令 第三十二条: 30 days → 10-01, in 国庆 → 10-08.
    expect(clockOf(res.body, 'decision')).toMatchObject({ dueOn: '2026-10-08', status: 'pending' });
  });

  it('a move the state does not allow is 409; 审理 without evidence is 422', async () => {
    expect(
      (await move(inspector, { to: 'served', servedOn: '2026-09-01', method: 'direct', recipient: '王' })).status,
    ).toBe(409);
    const early = await move(inspector, { to: 'reviewing', proposedFineYuan: 60_000, proposedKinds: ['fine'] });
    expect(early.status).toBe(422);
    expect(early.body.error.details[0].code).toBe('no_evidence');
  });

  it('询问笔录 by two certified officers, numbered', async () => {
    t.clock.set(at('2026-09-02'));
    const one = await act(inspector, {
      kind: 'record',
      record: 'interview',
      officers: [officers[0]],
      heldOn: '2026-09-02',
      place: '公司会议室',
      content: '问：新员工是否经过培训？答：没有。',
    });
    expect(one.status).toBe(400);
    const res = await act(inspector, {
      kind: 'record',
      record: 'interview',
      officers,
      heldOn: '2026-09-02',
      place: '公司会议室',
      subject: '王建国（法定代表人）',
      content: '问：新员工是否经过培训？\n答：没有，因为生产任务紧。',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.documents.map((d: { kind: string }) => d.kind)).toEqual(['filing_approval', 'interview_record']);
  });

  it('审理: outside the band needs a reason; a heavy penalty needs 法制审核 and gives the hearing right', async () => {
    const outside = await move(inspector, { to: 'reviewing', proposedFineYuan: 120_000, proposedKinds: ['fine'] });
    expect(outside.status).toBe(400);
    expect(outside.body.error.details[0]).toMatchObject({ path: 'outsideBandReason', code: 'required' });
    const noFine = await move(inspector, { to: 'reviewing', proposedFineYuan: 60_000, proposedKinds: ['warning'] });
    expect(noFine.body.error.details[0].code).toBe('fine_missing');
    const res = await move(inspector, {
      to: 'reviewing',
      proposedFineYuan: 60_000,
      proposedKinds: ['fine'],
      correctionDeadline: '2026-09-30',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      status: 'reviewing',
      band: { minYuan: 50_001, maxYuan: 100_000 },
      outsideBand: false,
      hearingRight: true, // ≥ 5万 for a unit
      legalReviewRequired: true,
    });
  });

  it('告知 after 法制审核 by someone not on the case; the hearing notice goes with it', async () => {
    const none = await move(inspector, { to: 'notified', noticeServedOn: '2026-09-02' });
    expect(none.status).toBe(422);
    const res = await move(inspector, {
      to: 'notified',
      noticeServedOn: '2026-09-02',
      legalReview: {
        reviewer: '法制科 赵敏',
        opinion: '事实清楚，证据确凿，适用依据正确，裁量适当。',
        on: '2026-09-02',
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.documents.map((d: { kind: string }) => d.kind)).toContain('hearing_notice');
    // 陈述 3 days; 听证 5 working days (行政处罚法 第六十四条, 第八十五条): 9-03, 9-04, 9-07, 9-08, 9-09.
    // 3 days → 9-05, a Saturday → 9-07.
    expect(clockOf(res.body, 'statement')).toMatchObject({ dueOn: '2026-09-07', status: 'running' });
    expect(clockOf(res.body, 'hearing_request')).toMatchObject({ dueOn: '2026-09-09', status: 'running' });
  });

  it('决定 waits for the periods, never heavier than proposed, with 集体讨论', async () => {
    t.clock.set(at('2026-09-09'));
    const early = await move(inspector, {
      to: 'decided',
      decidedOn: '2026-09-09',
      fineYuan: 60_000,
      kinds: ['fine'],
    });
    expect(early.status).toBe(422);
    expect(early.body.error.details[0].code).toBe('periods_running');
    t.clock.set(at('2026-09-10'));
    const heavier = await move(inspector, {
      to: 'decided',
      decidedOn: '2026-09-10',
      fineYuan: 70_000,
      kinds: ['fine'],
    });
    expect(heavier.body.error.details[0].code).toBe('heavier');
    const noDiscussion = await move(inspector, {
      to: 'decided',
      decidedOn: '2026-09-10',
      fineYuan: 55_000,
      kinds: ['fine'],
    });
    expect(noDiscussion.status).toBe(422);
    const res = await move(inspector, {
      to: 'decided',
      decidedOn: '2026-09-10',
      fineYuan: 55_000,
      kinds: ['fine'],
      collectiveDiscussion: { on: '2026-09-10', conclusion: '同意处罚款五万五千元。' },
      statement: '当事人未提出陈述、申辩，未要求听证。',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: 'decided', fineYuan: 55_000, filingRequired: true });
    expect(clockOf(res.body, 'decision')).toMatchObject({ status: 'done', doneOn: '2026-09-10' });
    // 送达 7 working days: 9-11, 9-14 … 9-18, then Sunday 9-20 (调休 working day).
    expect(clockOf(res.body, 'service')).toMatchObject({ dueOn: '2026-09-20', status: 'pending' });
    // 备案 10 days (county ≥ 5万): 9-20, a working Sunday.
    expect(clockOf(res.body, 'filing')).toMatchObject({ dueOn: '2026-09-20', status: 'pending' });
  });

  it('送达, then the payment and appeal clocks; 加处罚款 day by day, never above the fine', async () => {
    t.clock.set(at('2026-09-11'));
    const res = await move(inspector, { to: 'served', servedOn: '2026-09-11', method: 'direct', recipient: '王建国' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // 15 days → 9-26 (Sat), 9-27 in 中秋 → 9-28.
    expect(clockOf(res.body, 'payment')).toMatchObject({ dueOn: '2026-09-28', status: 'pending' });
    expect(clockOf(res.body, 'review')).toMatchObject({ dueOn: '2026-11-10' });
    // 6 months → 2027-03-11: no 2027 calendar is loaded yet, so no last day is guessed.
    expect(clockOf(res.body, 'litigation')).toMatchObject({ dueOn: null, status: 'calendar_missing' });
    const fee = async (on: string) => (await inspector.get(`/api/cases/${id}/late-fee?on=${on}`)).body;
    expect(await fee('2026-09-28')).toMatchObject({ daysLate: 0, lateFeeYuan: 0, dueOn: '2026-09-28' });
    expect(await fee('2026-09-29')).toMatchObject({ daysLate: 1, lateFeeYuan: 1650 });
    expect(await fee('2026-10-31')).toMatchObject({ daysLate: 33, lateFeeYuan: 54_450 });
    expect(await fee('2026-11-01')).toMatchObject({ daysLate: 34, lateFeeYuan: 55_000, cappedOn: '2026-11-01' });
    expect(await fee('2026-12-31')).toMatchObject({ lateFeeYuan: 55_000 });
    expect((await inspector.get(`/api/cases/${id}/late-fee?on=2026-02-30`)).status).toBe(400);
  });

  it('备案 and the correction verified: 按日连续处罚 counts the days between', async () => {
    expect((await act(inspector, { kind: 'filed', filedOn: '2026-09-12' })).body.error.details[0].code).toBe('future');
    const filed = await act(inspector, { kind: 'filed', filedOn: '2026-09-11' });
    expect(clockOf(filed.body, 'filing')).toMatchObject({ status: 'done', doneOn: '2026-09-11' });
    expect((await act(inspector, { kind: 'filed', filedOn: '2026-09-11' })).status).toBe(409);
    t.clock.set(at('2026-10-05'));
    const verified = await act(inspector, { kind: 'correction_verified', verifiedOn: '2026-10-03' });
    // Deadline 9-30: 10-01 and 10-02 (the day of the verification is not counted).
    expect(verified.body.dailyPenalty).toEqual({ days: 2, perDayYuan: 55_000, totalYuan: 110_000 });
  });

  it('催告 only after the payment day; the court not before 10 working days and the appeal periods', async () => {
    t.clock.set(at('2026-10-12'));
    const early = await move(inspector, { to: 'enforcing', reminderServedOn: '2026-09-28' });
    expect(early.status).toBe(400);
    const res = await move(inspector, { to: 'enforcing', reminderServedOn: '2026-10-09' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.documents.map((d: { kind: string }) => d.kind)).toContain('reminder');
    const court = await move(inspector, { to: 'court', appliedOn: '2026-10-12', court: '淄博市张店区人民法院' });
    // The court may be asked only after the 6-month litigation period (2027-03-11): without the 2027 calendar, 409.
    expect(court.status).toBe(409);
    expect(court.body.error.code).toBe('CALENDAR_YEAR_MISSING');
    const list = await inspector.get('/api/cases/court-list');
    const item = list.body.items.find((i: { id: string }) => i.id === id);
    // 10-09 + 10 working days (10-10 is a 调休 Saturday): 10-10, 10-12 … 10-16, 10-19 … 10-22 → opens 10-23.
    expect(item).toMatchObject({
      paymentDueOn: '2026-09-28',
      reminderServedOn: '2026-10-09',
      courtOpensOn: '2026-10-23',
    });
    expect(item.lateFeeYuan).toBe(23_100); // 14 days × 1,650
  });

  it('paid with its 加处罚款 to the fen, then 结案 by the head and 归档', async () => {
    const short = await move(inspector, { to: 'closing', outcome: 'executed', paidOn: '2026-10-12', paidYuan: 55_000 });
    expect(short.status).toBe(400);
    expect(short.body.error.details[0].message).toContain('78100.00');
    const res = await move(inspector, { to: 'closing', outcome: 'executed', paidOn: '2026-10-12', paidYuan: 78_100 });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(clockOf(res.body, 'payment')).toMatchObject({ status: 'done_late', doneOn: '2026-10-12' });
    expect((await move(inspector, { to: 'closed', approvedOn: '2026-10-12', opinion: '同意结案' })).status).toBe(403);
    const closed = await move(leader, { to: 'closed', approvedOn: '2026-10-12', opinion: '同意结案' });
    expect(closed.body.status).toBe('closed');
    const archived = await move(inspector, {
      to: 'archived',
      archivedOn: '2026-10-12',
      fileNumber: '张应急罚档〔2026〕1号',
    });
    expect(archived.body.status).toBe('archived');
    expect(archived.body.documents.map((d: { kind: string }) => d.kind)).toEqual([
      'filing_approval',
      'interview_record',
      'penalty_notice',
      'hearing_notice',
      'penalty_decision',
      'service_receipt',
      'reminder',
      'closing_approval',
    ]);
    expect(archived.body.history.map((h: { kind: string }) => h.kind)).toContain('executed');
    expect((await move(inspector, { to: 'closing', outcome: 'executed' })).status).toBe(409);
  });

  it('every document downloads as .docx with its number; the decision states the amount in words and the remedies', async () => {
    const c = (await inspector.get(`/api/cases/${id}`)).body;
    for (const d of c.documents) {
      const file = await downloadRaw(t, inspector, `/api/cases/${id}/documents/${d.id}.docx`);
      expect(file.status).toBe(200);
      expect(file.body.subarray(0, 2).toString()).toBe('PK');
      expect(await docxText(file.body)).toContain(d.number);
    }
    const decision = c.documents.find((d: { kind: string }) => d.kind === 'penalty_decision');
    const text = await docxText(
      (await downloadRaw(t, inspector, `/api/cases/${id}/documents/${decision.id}.docx`)).body,
    );
    expect(text).toContain('伍万伍仟元整');
    expect(text).toMatch(/以上事实有询问笔录（（淄张）应急询〔2026〕\d+号）等证据证实/);
    expect(text).toContain('六十日内');
    expect(text).toContain('第九十七条');
    expect(text).toContain('百分之三加处罚款');
    expect((await downloadRaw(t, ent, `/api/cases/${id}/documents/${decision.id}.docx`)).status).toBe(200);
    expect((await downloadRaw(t, foreign, `/api/cases/${id}/documents/${decision.id}.docx`)).status).toBe(404);
  });

  it.skipIf(!sofficePath())(
    'the decision opens in LibreOffice, and comes as PDF',
    async () => {
      const c = (await inspector.get(`/api/cases/${id}`)).body;
      const decision = c.documents.find((d: { kind: string }) => d.kind === 'penalty_decision');
      const docx = (await downloadRaw(t, inspector, `/api/cases/${id}/documents/${decision.id}.docx`)).body;
      const txt = (await convertDocument(docx, 'docx', 'txt:Text')).toString('utf8');
      expect(txt).toContain('行政处罚决定书');
      const pdf = await downloadRaw(t, inspector, `/api/cases/${id}/documents/${decision.id}.pdf`);
      expect(pdf.status).toBe(200);
      expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
    },
    120_000,
  );

  it('the history is append-only', async () => {
    await expect(
      sql`UPDATE penalty_case_events SET note = 'x' WHERE case_id = ${id}`.execute(t.db.kysely),
    ).rejects.toThrow();
    await expect(sql`DELETE FROM penalty_case_events WHERE case_id = ${id}`.execute(t.db.kysely)).rejects.toThrow();
  });

  it('the statistics count each event on its day and add up', async () => {
    const res = await inspector.get('/api/cases/stats?from=2026-09-01&to=2026-10-31');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const row = res.body.rows.find((r: { regionCode: string }) => r.regionCode === '370303');
    expect(row).toMatchObject({
      label: '本级',
      opened: 1,
      closed: 1,
      decided: 1,
      finedYuan: 55_000,
      collectedYuan: 78_100,
      daily: 1,
    });
    expect(row.byKind.fine).toBe(1);
    const city = await (await t.as('stats.370300')).get('/api/cases/stats?from=2026-09-01&to=2026-10-31');
    const zhangdian = city.body.rows.find((r: { regionCode: string }) => r.regionCode === '370303');
    expect(zhangdian.label).toBe('张店区');
    expect(city.body.total.finedYuan).toBe(
      city.body.rows.reduce((s: number, r: { finedYuan: number }) => s + r.finedYuan, 0),
    );
    expect((await ent.get('/api/cases/stats?from=2026-09-01&to=2026-10-31')).status).toBe(403);
    expect((await inspector.get('/api/cases/stats?from=2026-10-31&to=2026-09-01')).status).toBe(400);
    const xlsx = await downloadRaw(t, inspector, '/api/cases/stats.xlsx?from=2026-09-01&to=2026-10-31');
    expect(xlsx.status).toBe(200);
    expect(xlsx.body.subarray(0, 2).toString()).toBe('PK');
  });
});

describe('who sees what', () => {
  it('the enterprise reads its own cases, never writes; another county does not see them', async () => {
    const mine = await ent.get('/api/cases');
    expect(mine.status).toBe(200);
    expect(mine.body.items.length).toBeGreaterThan(0);
    const name = (await ent.get(`/api/enterprises/${enterpriseId}`)).body.name;
    for (const c of mine.body.items) expect(c.partyName).toBe(name);
    expect((await ent.post('/api/cases', generalCase())).status).toBe(403);
    const theirs = await foreign.get('/api/cases');
    expect(theirs.body.items.every((c: { regionCode: string }) => c.regionCode.startsWith('370305'))).toBe(true);
    expect((await foreign.get('/api/cases?regionCode=370303')).status).toBe(403);
    expect((await t.anonymous().get('/api/cases')).status).toBe(401);
  });

  it('free text finds a case by a two-character term of its party or cause, a wildcard only as itself', async () => {
    const name: string = (await ent.get(`/api/enterprises/${enterpriseId}`)).body.name;
    const term = name.slice(0, 2);
    const found = await inspector.get(`/api/cases?q=${encodeURIComponent(term)}`);
    expect(found.status).toBe(200);
    expect(found.body.items.length).toBeGreaterThan(0);
    for (const c of found.body.items) expect(`${c.partyName} ${c.cause}`).toContain(term);
    expect(found.body.totalExact).toBe(true);
    expect((await inspector.get(`/api/cases?q=${encodeURIComponent('%')}`)).body.items).toEqual([]);
    expect((await foreign.get(`/api/cases?q=${encodeURIComponent(term)}`)).body.items).toEqual([]);
  });

  it('a party outside the jurisdiction is refused as unknown (404)', async () => {
    const res = await foreign.post('/api/cases', generalCase({ officers: undefined }));
    expect(res.status).toBe(400);
    const other = await foreign.get('/api/inspections/officers');
    const team = other.body.items
      .filter((o: { regionCode: string }) => o.regionCode === '370305')
      .map((o: { userId: string }) => o.userId);
    expect((await foreign.post('/api/cases', generalCase({ officers: team }))).status).toBe(404);
  });

  it('hostile input is a 400 with the field, never a 500', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [generalCase({ violations: [{ code: 'nope', circumstance: 'general', facts: 'x' }] }), 'violations.0.code'],
      [generalCase({ violations: [{ code: 'aqsf-94', circumstance: 'general', facts: 'x' }] }), 'violations.0.code'],
      [generalCase({ party: { kind: 'person', name: '张三', idNumber: '123' } }), 'party.idNumber'],
      [generalCase({ source: 'inspection', sourceId: undefined }), 'sourceId'],
      [generalCase({ procedure: 'summary' }), 'decision'],
    ];
    for (const [body, path] of cases) {
      const res = await inspector.post('/api/cases', body);
      expect(res.status, path).toBe(400);
      expect(res.body.error.details[0].path).toBe(path);
    }
  });
});

describe('简易程序, 不予处罚, a person as the party', () => {
  it('on the spot: at most 3,000 yuan for a unit, filed within 5 days', async () => {
    const body = generalCase({
      procedure: 'summary',
      violations: [{ code: 'aqsf-99-1', circumstance: 'minor', facts: '罐区未设置安全警示标志。' }],
      decision: { decidedOn: '2026-10-12', fineYuan: 3001 },
    });
    expect((await inspector.post('/api/cases', body)).body.error.details[0].code).toBe('summary_limit');
    const res = await inspector.post('/api/cases', {
      ...body,
      decision: { decidedOn: '2026-10-12', fineYuan: 2000, warning: true },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ status: 'served', kinds: ['warning', 'fine'], fineYuan: 2000 });
    expect(res.body.number).toMatch(/应急当罚〔2026〕\d+号$/);
    expect(clockOf(res.body, 'filing')).toMatchObject({ dueOn: '2026-10-19' }); // 10-12 + 5 = Saturday → Monday
  });

  it('不予处罚 from 审理 with its reason', async () => {
    const c = (await inspector.post('/api/cases', generalCase())).body;
    await leader.post(`/api/cases/${c.id}/transitions`, {
      to: 'investigating',
      approvedOn: '2026-10-12',
      opinion: '同意',
    });
    await inspector.post(`/api/cases/${c.id}/actions`, {
      kind: 'record',
      record: 'examination',
      officers,
      heldOn: '2026-10-12',
      place: '车间',
      content: '现场勘验，培训记录齐全。',
    });
    await inspector.post(`/api/cases/${c.id}/transitions`, {
      to: 'reviewing',
      proposedFineYuan: 0,
      proposedKinds: ['warning'],
      outsideBandReason: '初次违法',
    });
    const res = await inspector.post(`/api/cases/${c.id}/transitions`, {
      to: 'closing',
      outcome: 'no_penalty',
      reason: '初次违法且危害后果轻微并及时改正（行政处罚法第三十三条第一款）。',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: 'closing', outcome: 'no_penalty' });
    expect(res.body.documents.map((d: { kind: string }) => d.kind)).toContain('no_penalty_decision');
    expect(clockOf(res.body, 'decision')).toMatchObject({ status: 'done' });
    expect(clockOf(res.body, 'service')).toBeUndefined();
  });

  it('a person: the bureau reads the ID number, the enterprise and the public page never do', async () => {
    const body = generalCase({
      party: { kind: 'person', name: '张建华', idNumber: '370303198001011234', enterpriseId, position: '主要负责人' },
      violations: [{ code: 'aqsf-94', circumstance: 'minor', facts: '未组织制定本单位安全生产规章制度。' }],
    });
    const c = (await inspector.post('/api/cases', body)).body;
    expect(c.parties[0].idNumber).toBe('370303198001011234');
    const go = (who: Client, b: Record<string, unknown>) => who.post(`/api/cases/${c.id}/transitions`, b);
    await go(leader, { to: 'investigating', approvedOn: '2026-10-12', opinion: '同意' });
    await inspector.post(`/api/cases/${c.id}/actions`, {
      kind: 'record',
      record: 'interview',
      officers,
      heldOn: '2026-10-12',
      place: '公司会议室',
      subject: '张建华',
      content: '问：是否组织制定安全生产规章制度？答：没有。',
    });
    await go(inspector, { to: 'reviewing', proposedFineYuan: 20_000, proposedKinds: ['fine'] });
    await go(inspector, {
      to: 'notified',
      noticeServedOn: '2026-10-12',
      legalReview: { reviewer: '法制科 赵敏', opinion: '同意。', on: '2026-10-12' },
    });
    const decided = await go(inspector, {
      to: 'decided',
      decidedOn: '2026-10-12',
      fineYuan: 20_000,
      kinds: ['fine'],
      waived: true,
      collectiveDiscussion: { on: '2026-10-12', conclusion: '同意。' },
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    // The enterprise is not the party of a person's case.
    expect((await ent.get(`/api/cases/${c.id}`)).status).toBe(404);
    const page = await t.anonymous().get('/api/public/penalty-decisions?regionCode=370303');
    expect(page.status).toBe(200);
    const text = JSON.stringify(page.body);
    expect(text).not.toContain('370303198001011234');
    expect(text).not.toContain('张建华');
    expect(text).not.toContain('0533-2180000');
    expect(text).not.toContain('王建国');
    const mine = page.body.items.find((d: { id: string }) => d.id === c.id);
    expect(mine).toMatchObject({ partyName: '张某', creditCode: null, penalty: '罚款20000元' });
    expect(mine.basis[0]).toContain('第九十四条');
  });
});

describe('the accident band (令第14号) over HTTP', () => {
  it.each([
    [{ deaths: 0, seriousInjuries: 2, directLossYuan: 2_999_999 }, 1, 300_000, 500_000],
    [{ deaths: 1, seriousInjuries: 0, directLossYuan: 0 }, 2, 500_000, 700_000],
    [{ deaths: 3, seriousInjuries: 0, directLossYuan: 0 }, 4, 1_000_000, 1_200_000],
    [{ deaths: 0, seriousInjuries: 150, directLossYuan: 0 }, 12, 15_000_000, 20_000_000],
  ])('%o → sub-band %i', async (figures, subBand, min, max) => {
    const res = await inspector.post('/api/penalty-bands/accident', { figures });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ subBand, unitFine: { minYuan: min, maxYuan: max } });
    expect(res.body.basis[0]).toContain('生产安全事故罚款处罚规定');
  });

  it('2–5× with a 第十八条 circumstance; the 第四条 fallback once the province enters its wage', async () => {
    const admin = await t.as('admin.370000');
    expect(
      (
        await admin.put('/api/penalty-settings/average-wage', {
          provinceCode: '370000',
          year: 2025,
          averageWageYuan: 100_000,
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await inspector.put('/api/penalty-settings/average-wage', {
          provinceCode: '370000',
          year: 2025,
          averageWageYuan: 1,
        })
      ).status,
    ).toBe(403);
    const res = await inspector.post('/api/penalty-bands/accident', {
      figures: { deaths: 0, seriousInjuries: 0, directLossYuan: 0 },
      aggravating: ['obstruction'],
    });
    expect(res.body.unitFine).toEqual({ minYuan: 600_000, maxYuan: 2_500_000 });
    const principal = res.body.people.find((p: { role: string }) => p.role === 'principal');
    expect(principal.fine).toEqual({ minYuan: 200_000, maxYuan: 400_000 }); // 40 % of 5–10 × 100,000
    expect((await inspector.post('/api/penalty-bands/accident', {})).status).toBe(400);
    expect(
      (await ent.post('/api/penalty-bands/accident', { figures: { deaths: 0, seriousInjuries: 0, directLossYuan: 0 } }))
        .status,
    ).toBe(403);
  });
});

describe('a clock that reaches a year without an official calendar', () => {
  it('shows calendar_missing, never a Monday–Friday guess, and is computed once the year is loaded', async () => {
    t.clock.set(at('2026-12-20'));
    const c = (await inspector.post('/api/cases', generalCase())).body;
    const res = await leader.post(`/api/cases/${c.id}/transitions`, {
      to: 'investigating',
      approvedOn: '2026-12-20',
      opinion: '同意',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(clockOf(res.body, 'decision')).toMatchObject({ dueOn: null, status: 'calendar_missing' });
    const loaded = await (await t.as('admin.000000')).put('/api/calendar/2027', {
      source: '国务院办公厅关于2027年部分节假日安排的通知（测试）',
      periods: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03', workdays: [] }],
    });
    expect(loaded.status, JSON.stringify(loaded.body)).toBe(200);
    expect(await resolveCalendarGaps(t.ctx)).toBeGreaterThan(0);
    const after = (await inspector.get(`/api/cases/${c.id}`)).body;
    // 12-20 + 30 = 2027-01-19 (a Tuesday).
    expect(clockOf(after, 'decision')).toMatchObject({ dueOn: '2027-01-19', status: 'pending' });
  });
});
