/** GET /api/audit: the audit trail of the actor's jurisdiction, filtered and paged with a total. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadRaw } from '../../documents/test-support.js';
import { readWorkbook } from '../../documents/xlsx.js';
import { buildAccident, type Client, type TestApp, testApp, testClock } from '../../testing/harness.js';
import { sealAuditLog } from './sealer.js';
import { verifyAudit } from './verify.js';

const NOW = '2026-11-25T10:00:00+08:00';
const HOUR = 3_600_000;

interface Row {
  id: string;
  at: string;
  action: string;
  entityType: string;
  entityId: string;
  regionCode: string;
  actorName: string;
  clientAddr: string | null;
  before: unknown;
  after: unknown;
}

describe('audit list', () => {
  let t: TestApp;
  let countyDuty: Client;
  let otherDuty: Client;
  let cityAdmin: Client;
  let accidentId: string;
  let otherId: string;

  beforeAll(async () => {
    t = await testApp({ clock: testClock(NOW), sessionIdleMinutes: 365 * 24 * 60, sessionMaxHours: 365 * 24 });
    countyDuty = await t.as('duty.370303');
    otherDuty = await t.as('duty.370305');
    const created = await countyDuty.post('/api/accidents', buildAccident({}, t.clock.now()));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    accidentId = created.body.id;
    t.clock.advance(HOUR);
    expect(
      (await countyDuty.post(`/api/accidents/${accidentId}/followups`, { deaths: 1, note: '一人死亡' })).status,
    ).toBe(201);
    expect((await countyDuty.post(`/api/accidents/${accidentId}/forward`, {})).status).toBe(200);
    const other = await otherDuty.post('/api/accidents', buildAccident({ regionCode: '370305' }, t.clock.now()));
    expect(other.status).toBe(201);
    otherId = other.body.id;
    cityAdmin = await t.as('admin.370300');
  });
  afterAll(() => t.close());

  it("lists one report's rows, newest first, with before/after", async () => {
    const res = await cityAdmin.get(`/api/audit?entityType=accident&entityId=${accidentId}`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(3);
    const rows: Row[] = res.body.items;
    expect(rows.map((r) => r.action)).toEqual(['accident.forward', 'accident.followup', 'accident.create']);
    expect(rows[1]).toMatchObject({
      entityType: 'accident',
      entityId: accidentId,
      regionCode: '370303',
      before: { deaths: 0 },
      after: { deaths: 1, note: '一人死亡' },
    });
    expect(rows[1]?.actorName).toContain('duty.370303');
    expect(rows[2]?.at).toBe(new Date(NOW).toISOString());
  });

  it('filters by operator: a part of the name or the user name; LIKE wildcards are literal', async () => {
    const county = await cityAdmin.get('/api/audit?action=accident&actor=duty.370303');
    expect(county.body.total).toBe(3);
    expect(county.body.items.every((r: Row) => r.actorName.includes('duty.370303'))).toBe(true);
    const linzi = await cityAdmin.get(`/api/audit?action=accident&actor=${encodeURIComponent('370305')}`);
    expect(linzi.body.items.map((r: Row) => r.entityId)).toEqual([otherId]);
    expect((await cityAdmin.get('/api/audit?actor=%25')).body.total).toBe(0);
    expect((await cityAdmin.get('/api/audit?actor=duty_370303')).body.total).toBe(0);
  });

  it('filters by action (a code or a group), entity type and time; pages with a total', async () => {
    const creates = await cityAdmin.get('/api/audit?action=accident.create');
    expect(creates.body.items.map((r: Row) => r.entityId).sort()).toEqual([accidentId, otherId].sort());
    const group = await cityAdmin.get('/api/audit?action=accident');
    expect(group.body.total).toBe(4);
    expect(group.body.items.every((r: Row) => r.action.startsWith('accident.'))).toBe(true);
    const logins = await cityAdmin.get('/api/audit?entityType=user&action=auth.login');
    expect(logins.body.total).toBeGreaterThanOrEqual(3);

    const q = new URLSearchParams({ from: new Date(new Date(NOW).getTime() + HOUR / 2).toISOString() });
    const late = await cityAdmin.get(`/api/audit?action=accident&${q}`);
    expect(late.body.items.map((r: Row) => r.action).sort()).toEqual(
      ['accident.create', 'accident.followup', 'accident.forward'].sort(),
    );
    const early = await cityAdmin.get(`/api/audit?action=accident&to=${encodeURIComponent(NOW)}`);
    expect(early.body.total).toBe(0);

    const page1 = await cityAdmin.get('/api/audit?action=accident&pageSize=3');
    const page2 = await cityAdmin.get('/api/audit?action=accident&pageSize=3&page=2');
    expect(page1.body).toMatchObject({ total: 4, page: 1, pageSize: 3 });
    expect(page1.body.items).toHaveLength(3);
    expect(page2.body.items).toHaveLength(1);
    expect(page2.body.items[0].id).not.toBe(page1.body.items[2].id);
  });

  it('applies the jurisdiction: a county leader does not see another county', async () => {
    const leader = await t.as('leader.370305');
    const own = await leader.get('/api/audit?action=accident');
    expect(own.body.items.map((r: Row) => r.entityId)).toEqual([otherId]);
    const foreign = await leader.get(`/api/audit?entityId=${accidentId}`);
    expect(foreign.status).toBe(200);
    expect(foreign.body).toMatchObject({ items: [], total: 0 });
  });

  it('is for admin and leader only; bad filters are a 400', async () => {
    expect((await countyDuty.get('/api/audit')).status).toBe(403);
    expect((await (await t.as('ent.91370303MA3C4B2X1Y')).get('/api/audit')).status).toBe(403);
    const bad = await cityAdmin.get('/api/audit?pageSize=500');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('pageSize');
    expect((await cityAdmin.get('/api/audit?from=yesterday')).status).toBe(400);
    expect((await cityAdmin.get("/api/audit?action=x'%20or%201=1")).status).toBe(400);
    expect((await cityAdmin.get('/api/audit?entityId=a%00b')).status).toBe(400);
    expect((await cityAdmin.get('/api/audit?from=0000-01-01T00:00:00Z')).status).toBe(400);
  });

  it("shows duty records to their own bureau only: a superior does not read a subordinate's through the trail", async () => {
    const call = { channel: 'phone', receivedAt: t.clock.now().toISOString(), content: '来电：某化工厂储罐泄漏' };
    const countyLog = await countyDuty.post('/api/duty/log', call);
    expect(countyLog.status).toBe(201);
    const cityDuty = await t.as('duty.370300');
    const cityLog = await cityDuty.post('/api/duty/log', call);
    expect(cityLog.status).toBe(201);
    // The duty API hides the county's entry from the city; the audit trail must too.
    expect((await cityDuty.get(`/api/duty/log/${countyLog.body.id}`)).status).toBe(404);
    const hidden = await cityAdmin.get(`/api/audit?entityId=${countyLog.body.id}`);
    expect(hidden.body).toMatchObject({ items: [], total: 0 });
    const cityDutyRows = await cityAdmin.get('/api/audit?action=duty');
    expect(cityDutyRows.body.items.map((r: Row) => r.entityId)).toEqual([cityLog.body.id]);

    const own = await (await t.as('leader.370303')).get('/api/audit?action=duty');
    expect(own.body.items.map((r: Row) => [r.action, r.entityId])).toEqual([['duty.log.create', countyLog.body.id]]);
    // Everything else in the subtree stays visible to the superior.
    expect((await cityAdmin.get(`/api/audit?entityId=${accidentId}`)).body.total).toBe(3);
  });

  it('records the client address of every write and of a failed sign-in; the hash covers it', async () => {
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '10.20.30.40',
      payload: { username: 'duty.370303', password: 'wrong-password' },
    });
    expect(login.statusCode).toBe(401);
    const failed = await cityAdmin.get('/api/audit?action=auth.login_failed');
    expect(failed.body.items[0]).toMatchObject({ entityType: 'user', clientAddr: '10.20.30.40' });
    // Writes through the harness come from inject's default address.
    const created = await cityAdmin.get(`/api/audit?entityId=${accidentId}&action=accident.create`);
    expect(created.body.items[0].clientAddr).toBe('127.0.0.1');
    await sealAuditLog(t.db, t.clock.now());
    const report = await verifyAudit(t.db);
    expect(report.ok, JSON.stringify(report.broken)).toBe(true);
    expect(report.unsealed).toBe(0);
  });

  it('exports the rows as filtered, in the words of the screen, with the client address', async () => {
    const res = await downloadRaw(t, cityAdmin, `/api/audit/export.xlsx?entityId=${accidentId}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toContain('.xlsx');
    expect(res.headers['x-export-rows']).toBe('3');
    expect(res.headers['x-export-truncated']).toBe('false');
    const [sheet] = await readWorkbook(res.body);
    // Rows and cells are 1-based (sparse arrays).
    const rows = Array.from(sheet?.rows ?? [], (r) => Array.from(r ?? [], (c) => String(c ?? '')));
    const header = rows.find((r) => r.includes('操作人')) ?? [];
    expect(header).toEqual(expect.arrayContaining(['操作时间', '操作', '变更内容', '客户端地址']));
    const followup = rows.find((r) => r.includes('续报')) ?? [];
    expect(followup.join('|')).toContain('死亡人数：0 → 1');
    expect(followup).toContain('127.0.0.1');
    expect(followup.join('|')).not.toContain('deaths');
    // Same permission and jurisdiction as the list.
    expect((await countyDuty.get('/api/audit/export.xlsx')).status).toBe(403);
    const foreign = await downloadRaw(t, await t.as('leader.370305'), `/api/audit/export.xlsx?entityId=${accidentId}`);
    expect(foreign.headers['x-export-rows']).toBe('0');
  });
});
