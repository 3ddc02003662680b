/**
 * 核销 over the API on both engines: a county statistician requests, the bureau the grade names approves (issue 3
 * bar 4: the record leaves the summary and every breakdown, stays readable and listed, audited on the accident),
 * rejection and withdrawal change nothing, a follow-up after write-off keeps it written off, a re-grade sends the
 * request higher, the configured table is used, one pending request per accident (also concurrently), every denial
 * (403 role / bureau, 404 outside the jurisdiction) and bad input (400).
 */
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseApprovalTable } from '../../../domain/writeoff.js';
import { loadConfig } from '../../config.js';
import { buildAccident, type Client, type TestApp, testApp, testClock } from '../../testing/harness.js';

const NOW = '2026-11-25T10:00:00+08:00';
const BY = ['region', 'industry', 'type', 'grade', 'domain', 'month'] as const;
const FIGURES = ['accidents', 'deaths', 'injuries', 'seriousInjuries', 'directLossYuan'] as const;
type Figures = Record<(typeof FIGURES)[number], number>;

let t: TestApp;
let countyStats: Client; // stats.370303 — 归口统计, the requester
let countyDuty: Client; // duty.370303
let cityStats: Client; // stats.370300
let provinceStats: Client; // stats.370000 — approves 一般
let nationStats: Client; // stats.000000 — approves 较大 and above
let provinceAdmin: Client; // admin.370000
let unitSeq = 0;

const REQUEST = {
  reasonCode: 'criminal_case',
  reason: '经公安机关侦查，系故意伤害案件',
  evidence: '淄公刑认字〔2026〕第118号',
};

async function file(overrides: Record<string, unknown> = {}, by: Client = countyDuty) {
  unitSeq += 1;
  const res = await by.post(
    '/api/accidents',
    buildAccident({ unitName: `核销测试有限公司${unitSeq}号厂`, ...overrides }, t.clock.now()),
  );
  if (res.status !== 201) throw new Error(`file: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function request(accidentId: string, by: Client = countyStats, body: object = REQUEST) {
  return by.post(`/api/accidents/${accidentId}/writeoff-requests`, body);
}

async function requested(accidentId: string) {
  const res = await request(accidentId);
  if (res.status !== 201) throw new Error(`request: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** The province's summary and the total of every breakdown, by dimension. */
async function statistics() {
  const summary = (await provinceStats.get('/api/stats/summary?regionCode=370000')).body;
  const totals: Record<string, Figures> = {};
  for (const by of BY) {
    const b = (await provinceStats.get(`/api/stats/breakdown?regionCode=370000&by=${by}`)).body;
    totals[by] = b.total.current;
  }
  const zibo = (await provinceStats.get('/api/stats/breakdown?regionCode=370000&by=region')).body.rows.find(
    (r: { key: string }) => r.key === '370300',
  ).current as Figures;
  const overview = (await provinceStats.get('/api/accidents/summary?days=30')).body.totals;
  return { summary, totals, zibo, overview };
}

function minus(a: Figures, b: Figures): Figures {
  return Object.fromEntries(FIGURES.map((f) => [f, a[f] - b[f]])) as Figures;
}

beforeAll(async () => {
  t = await testApp({ clock: testClock(NOW), sessionIdleMinutes: 365 * 24 * 60, sessionMaxHours: 365 * 24 });
  [countyStats, countyDuty, cityStats, provinceStats, nationStats, provinceAdmin] = await Promise.all([
    t.as('stats.370303'),
    t.as('duty.370303'),
    t.as('stats.370300'),
    t.as('stats.370000'),
    t.as('stats.000000'),
    t.as('admin.370000'),
  ]);
  // Some accidents that stay in the statistics.
  for (let i = 0; i < 3; i++) await file({ deaths: i });
});
afterAll(() => t.close());

describe('request and approval (bar 4)', () => {
  it('a 一般事故 written off by the province leaves every statistic and stays readable, listed and audited', async () => {
    const a = await file({ deaths: 1, seriousInjuries: 1, minorInjuries: 2, directLossYuan: 350_000 });
    const before = await statistics();

    const r = await requested(a.id);
    expect(r).toMatchObject({
      accidentId: a.id,
      regionCode: '370303',
      status: 'pending',
      statusLabel: '待审批',
      reasonCode: 'criminal_case',
      reasonLabel: '刑事案件/治安案件',
      evidence: REQUEST.evidence,
      grade: 'general',
      approverLevel: 'province',
      approverRegionCode: '370000',
      approverName: '山东省',
      canWithdraw: true,
      canDecide: false,
      decidedBy: null,
    });
    expect(r.requestedBy.org).toContain('张店区');
    // Pending changes nothing.
    expect((await statistics()).summary.current).toEqual(before.summary.current);

    const queue = (await provinceStats.get('/api/writeoff-requests?toDecide=true&status=pending')).body;
    const mine = queue.items.find((x: { id: string }) => x.id === r.id);
    expect(mine).toMatchObject({ canDecide: true, accident: { reportNo: a.reportNo, grade: 'general' } });

    const approved = await provinceStats.post(`/api/writeoff-requests/${r.id}/approve`, { note: '同意核销' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', decisionNote: '同意核销', canDecide: false });
    expect(approved.body.decidedBy.name).toBeTruthy();
    expect(approved.body.accident.writtenOffAt).toBe(new Date(NOW).toISOString());

    // Out of the summary, its 较大 block untouched, and out of every breakdown's total and the city's row.
    const after = await statistics();
    const gone: Figures = { accidents: 1, deaths: 1, injuries: 3, seriousInjuries: 1, directLossYuan: 350_000 };
    expect(minus(before.summary.current, after.summary.current)).toEqual(gone);
    expect(after.summary.larger.current).toEqual(before.summary.larger.current);
    for (const by of BY) expect(minus(before.totals[by] as Figures, after.totals[by] as Figures), by).toEqual(gone);
    expect(minus(before.zibo, after.zibo)).toEqual(gone);
    // The dashboard's overview counts it no more either.
    expect(before.overview.reports - after.overview.reports).toBe(1);
    expect(before.overview.deaths - after.overview.deaths).toBe(1);

    // Still readable and listed, with its write-off.
    const view = await countyDuty.get(`/api/accidents/${a.id}`);
    expect(view.status).toBe(200);
    expect(view.body.writtenOffAt).toBe(new Date(NOW).toISOString());
    expect(view.body.deaths).toBe(1);
    const list = await countyDuty.get(`/api/accidents?q=${encodeURIComponent(a.unitName)}`);
    expect(list.body.items.map((x: { id: string }) => x.id)).toEqual([a.id]);
    expect(list.body.items[0].writtenOffAt).toBe(new Date(NOW).toISOString());
    const history = await countyDuty.get(`/api/accidents/${a.id}/writeoff-requests`);
    expect(history.body.items).toHaveLength(1);
    expect(history.body.items[0]).toMatchObject({ status: 'approved', canWithdraw: false });

    // Audited: the request's trail and the accident's own row with before/after.
    const trail = (await provinceAdmin.get(`/api/audit?entityType=accident&entityId=${a.id}`)).body.items;
    const row = trail.find((x: { action: string }) => x.action === 'accident.written_off');
    expect(row.before).toEqual({ writtenOffAt: null });
    expect(row.after).toMatchObject({ writtenOffAt: new Date(NOW).toISOString(), writeoffRequestId: r.id });
    const requestTrail = (await provinceAdmin.get(`/api/audit?entityType=writeoff_request&entityId=${r.id}`)).body
      .items;
    expect(requestTrail.map((x: { action: string }) => x.action).sort()).toEqual([
      'writeoff.approve',
      'writeoff.request',
    ]);

    // Written off once: no second request.
    const again = await request(a.id);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_WRITTEN_OFF');

    // A later 续报 is accepted; the record stays written off and out of the statistics.
    t.clock.advance(60 * 60_000);
    const followup = await countyDuty.post(`/api/accidents/${a.id}/followups`, { minorInjuries: 5, note: '补充' });
    expect(followup.status).toBe(201);
    expect(followup.body.writtenOffAt).toBe(new Date(NOW).toISOString());
    expect(followup.body.minorInjuries).toBe(5);
    t.clock.set(NOW);
    expect((await statistics()).summary.current).toEqual(after.summary.current);
  });

  it('a rejection changes nothing, and the county may ask again', async () => {
    const a = await file({ deaths: 2 });
    const before = await statistics();
    const r = await requested(a.id);
    const res = await provinceStats.post(`/api/writeoff-requests/${r.id}/reject`, { note: '证明材料不足' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'rejected', statusLabel: '未予核销', decisionNote: '证明材料不足' });
    expect(res.body.accident.writtenOffAt).toBeNull();
    const after = await statistics();
    expect(after.summary).toEqual(before.summary);
    expect(after.totals).toEqual(before.totals);
    expect((await countyDuty.get(`/api/accidents/${a.id}`)).body.writtenOffAt).toBeNull();
    // Decided: no second decision.
    const twice = await provinceStats.post(`/api/writeoff-requests/${r.id}/approve`, {});
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('WRITEOFF_DECIDED');
    // A new request with better evidence.
    const second = await request(a.id, countyStats, {
      ...REQUEST,
      evidence: '淄公刑认字〔2026〕第119号及现场勘查笔录',
    });
    expect(second.status).toBe(201);
    const history = (await countyStats.get(`/api/accidents/${a.id}/writeoff-requests`)).body.items;
    expect(history.map((x: { status: string }) => x.status)).toEqual(['rejected', 'pending']);
  });

  it('a 较大事故 goes to the ministry: the province may not approve it', async () => {
    const a = await file({ deaths: 3 });
    expect(a.grade).toBe('larger');
    const r = await requested(a.id);
    expect(r).toMatchObject({ approverLevel: 'national', approverRegionCode: '000000', approverName: '全国' });
    const province = await provinceStats.post(`/api/writeoff-requests/${r.id}/approve`, {});
    expect(province.status).toBe(403);
    expect(province.body.error.code).toBe('WRITEOFF_NOT_APPROVER');
    // Not in the province's queue; in the ministry's.
    const pq = (await provinceStats.get('/api/writeoff-requests?toDecide=true')).body.items;
    expect(pq.some((x: { id: string }) => x.id === r.id)).toBe(false);
    const nq = (await nationStats.get('/api/writeoff-requests?toDecide=true&status=pending')).body.items;
    expect(nq.find((x: { id: string }) => x.id === r.id).canDecide).toBe(true);
    const res = await nationStats.post(`/api/writeoff-requests/${r.id}/approve`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('approved');
  });

  it('a follow-up that raises the grade sends the request higher: withdraw and ask again', async () => {
    const a = await file({ deaths: 1 });
    const r = await requested(a.id);
    expect(r.approverLevel).toBe('province');
    t.clock.advance(30 * 60_000);
    expect((await countyDuty.post(`/api/accidents/${a.id}/followups`, { deaths: 3 })).status).toBe(201);
    const res = await provinceStats.post(`/api/writeoff-requests/${r.id}/approve`, {});
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('WRITEOFF_REGRADED');
    expect((await countyDuty.get(`/api/accidents/${a.id}`)).body.writtenOffAt).toBeNull();
    // Only the requesting bureau withdraws.
    expect((await cityStats.post(`/api/writeoff-requests/${r.id}/withdraw`)).status).toBe(403);
    const withdrawn = await countyStats.post(`/api/writeoff-requests/${r.id}/withdraw`, { note: '等级变化，重新申请' });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.status).toBe('withdrawn');
    expect((await provinceStats.post(`/api/writeoff-requests/${r.id}/approve`, {})).status).toBe(409);
    const again = await requested(a.id);
    expect(again).toMatchObject({ grade: 'larger', approverLevel: 'national' });
    t.clock.set(NOW);
  });

  it('the configured table decides the approver (ANJIAN_WRITEOFF_APPROVAL)', async () => {
    const saved = t.ctx.config.writeoffApproval;
    t.ctx.config.writeoffApproval = parseApprovalTable('general:city');
    try {
      const a = await file();
      const r = await requested(a.id);
      expect(r).toMatchObject({ approverLevel: 'city', approverRegionCode: '370300' });
      expect((await provinceStats.post(`/api/writeoff-requests/${r.id}/approve`, {})).status).toBe(403);
      expect((await cityStats.post(`/api/writeoff-requests/${r.id}/approve`, {})).status).toBe(200);
    } finally {
      t.ctx.config.writeoffApproval = saved;
    }
    expect(() => loadConfig({ ANJIAN_WRITEOFF_APPROVAL: 'general:county' })).toThrow(/ANJIAN_WRITEOFF_APPROVAL/);
    expect(() => loadConfig({ ANJIAN_WRITEOFF_APPROVAL: 'general:national,larger:province' })).toThrow(
      /may not be approved below/,
    );
    expect(loadConfig({}).writeoffApproval.general).toBe('province');
  });
});

describe('one pending request per accident', () => {
  it('a retry with the same Idempotency-Key gets the request it made, not a 409', async () => {
    const a = await file();
    const key = { 'idempotency-key': `writeoff-${a.id}` };
    const first = await countyStats.post(`/api/accidents/${a.id}/writeoff-requests`, REQUEST, key);
    const again = await countyStats.post(`/api/accidents/${a.id}/writeoff-requests`, REQUEST, key);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    const other = await countyStats.post(
      `/api/accidents/${a.id}/writeoff-requests`,
      { ...REQUEST, reason: '另一理由' },
      key,
    );
    expect(other.status).toBe(422);
  });

  it('a second request while one is pending is a 409, also when both arrive at once', async () => {
    const a = await file();
    await requested(a.id);
    const second = await request(a.id);
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('WRITEOFF_PENDING');

    const b = await file();
    const both = await Promise.all([request(b.id), request(b.id)]);
    expect(both.map((x) => x.status).sort()).toEqual([201, 409]);
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM writeoff_requests WHERE accident_id = ${b.id}`.execute(t.db.kysely);
    expect(rows[0]?.n).toBe(1);
  });
});

describe('access', () => {
  it('roles: only statisticians and administrators request and decide (403), enterprises neither', async () => {
    const a = await file({ unitCreditCode: '91370303MA3C4B2X1Y' });
    const denied = await request(a.id, countyDuty);
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('FORBIDDEN');
    const ent = await t.as('ent.91370303MA3C4B2X1Y');
    expect((await request(a.id, ent)).status).toBe(403);
    expect((await ent.get('/api/writeoff-requests')).status).toBe(403);
    const r = await requested(a.id);
    for (const who of ['leader.370000', 'duty.370000', 'inspector.370000']) {
      const res = await (await t.as(who)).post(`/api/writeoff-requests/${r.id}/approve`, {});
      expect(res.status, who).toBe(403);
      expect(res.body.error.code, who).toBe('FORBIDDEN');
    }
    // The enterprise reads the history of a report about its unit (it reads the accident).
    const history = await ent.get(`/api/accidents/${a.id}/writeoff-requests`);
    expect(history.status).toBe(200);
    expect(history.body.items[0]).toMatchObject({ status: 'pending', canDecide: false, canWithdraw: false });
    // Administrators of the bureaus act too.
    expect((await provinceAdmin.post(`/api/writeoff-requests/${r.id}/approve`, {})).status).toBe(200);
  });

  it('bureaus: only the county (归口统计) requests (403 above it), outside the jurisdiction is 404', async () => {
    const a = await file();
    const city = await request(a.id, cityStats);
    expect(city.status).toBe(403);
    expect(city.body.error.code).toBe('WRITEOFF_NOT_REQUESTER');
    expect((await request(a.id, provinceStats)).status).toBe(403);
    // A town office is below the 归口 bureau.
    const townAccident = await file({ regionCode: '370303001' });
    const town = await request(townAccident.id, await t.as('stats.370303001'));
    expect(town.status).toBe(403);
    expect(town.body.error.code).toBe('WRITEOFF_NOT_REQUESTER');
    // The county requests for its towns' accidents.
    expect((await request(townAccident.id)).status).toBe(201);

    const neighbour = await t.as('stats.370302');
    expect((await request(a.id, neighbour)).status).toBe(404);
    expect((await neighbour.get(`/api/accidents/${a.id}/writeoff-requests`)).status).toBe(404);
    const r = await requested(a.id);
    expect((await neighbour.post(`/api/writeoff-requests/${r.id}/withdraw`)).status).toBe(404);
    expect((await neighbour.get(`/api/writeoff-requests/${r.id}`)).status).toBe(404);
    const jinan = await t.as('stats.370100');
    expect((await jinan.post(`/api/writeoff-requests/${r.id}/approve`, {})).status).toBe(404);
    expect((await jinan.get('/api/writeoff-requests?regionCode=370300')).status).toBe(404);
    // Inside the jurisdiction but not the approving bureau.
    const cityApprove = await cityStats.post(`/api/writeoff-requests/${r.id}/approve`, {});
    expect(cityApprove.status).toBe(403);
    expect(cityApprove.body.error.code).toBe('WRITEOFF_NOT_APPROVER');
    // The lists: the county sees its own, the neighbour none of them, the city its subtree.
    const own = (await countyStats.get('/api/writeoff-requests')).body;
    expect(own.items.some((x: { id: string }) => x.id === r.id)).toBe(true);
    expect(own.items.every((x: { regionCode: string }) => x.regionCode.startsWith('370303'))).toBe(true);
    expect((await neighbour.get('/api/writeoff-requests')).body.total).toBe(0);
    const cityList = (await cityStats.get('/api/writeoff-requests?regionCode=370303&status=pending')).body;
    expect(cityList.items.length).toBeGreaterThan(0);
    expect(cityList.items.every((x: { status: string }) => x.status === 'pending')).toBe(true);
  });

  it('nobody decides a request he made himself', async () => {
    const a = await file();
    const users = await t.db.kysely
      .selectFrom('users')
      .innerJoin('organizations', 'organizations.id', 'users.org_id')
      .select(['users.id as user_id', 'users.display_name', 'organizations.id as org_id', 'organizations.name'])
      .where('users.username', '=', 'stats.370000')
      .executeTakeFirstOrThrow();
    // Where requester and approver are one bureau (东莞 with general:city): stored as such.
    const id = uuidv7();
    await t.db.kysely
      .insertInto('writeoff_requests')
      .values({
        id,
        region_code: a.regionCode,
        accident_id: a.id,
        reason_code: 'other',
        reason: '测试',
        evidence: '测试',
        grade: 'general',
        approver_level: 'province',
        approver_region_code: '370000',
        status: 'pending',
        requested_by: users.user_id,
        requested_by_name: users.display_name,
        requested_by_org_id: users.org_id,
        requested_by_org: users.name,
        requested_at: new Date(NOW),
        decided_by: null,
        decided_by_name: null,
        decided_by_org: null,
        decided_at: null,
        decision_note: null,
      })
      .execute();
    const res = await provinceStats.post(`/api/writeoff-requests/${id}/approve`, {});
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('WRITEOFF_OWN_REQUEST');
    expect((await provinceAdmin.post(`/api/writeoff-requests/${id}/approve`, {})).status).toBe(200);
  });
});

describe('input', () => {
  it('bad input is a 400 naming the field', async () => {
    const a = await file();
    const cases: [object, string][] = [
      [{ ...REQUEST, evidence: undefined }, 'evidence'],
      [{ ...REQUEST, evidence: '   ' }, 'evidence'],
      [{ ...REQUEST, reason: '' }, 'reason'],
      [{ ...REQUEST, reasonCode: 'accident' }, 'reasonCode'],
      [{ ...REQUEST, reason: 'x'.repeat(2001) }, 'reason'],
      [{ ...REQUEST, extra: 1 }, 'extra'],
    ];
    for (const [body, path] of cases) {
      const res = await request(a.id, countyStats, body);
      expect(res.status, path).toBe(400);
      expect(res.body.error.details[0].path, path).toBe(path);
    }
    expect((await countyStats.post('/api/accidents/not-a-uuid/writeoff-requests', REQUEST)).status).toBe(400);
    expect((await countyStats.post(`/api/accidents/${uuidv7()}/writeoff-requests`, REQUEST)).status).toBe(404);
    const r = await requested(a.id);
    const noNote = await provinceStats.post(`/api/writeoff-requests/${r.id}/reject`, {});
    expect(noNote.status).toBe(400);
    expect(noNote.body.error.details[0].path).toBe('note');
    for (const [q, path] of [
      ['status=done', 'status'],
      ['toDecide=yes', 'toDecide'],
      ['regionCode=37', 'regionCode'],
      ['pageSize=0', 'pageSize'],
    ]) {
      const res = await provinceStats.get(`/api/writeoff-requests?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.error.details[0].path, q).toBe(path);
    }
    expect((await provinceStats.get(`/api/writeoff-requests/${uuidv7()}`)).status).toBe(404);
  });
});
