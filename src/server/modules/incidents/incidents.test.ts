/**
 * 应急处置 (issue 12 §3, §4) over HTTP on a real database: a 较大 quick report opens its incident; levels change with a
 * reason and move the lead; the log is append-only and a follow-up's figures enter it; tasks move forward only and
 * commit their resource; an invited department user reaches its incident alone, every view audited; closing withdraws
 * the tasks and issues the 处置情况报告, which LibreOffice opens; the statistics by level with the response times.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeActor } from '../../auth/actor.js';
import { actorByUsername } from '../../db/seed/demo.js';
import { sofficePath } from '../../documents/soffice.js';
import { convertDocument, docxText, downloadRaw } from '../../documents/test-support.js';
import { buildAccident, type Client, type TestApp, testApp, testClock } from '../../testing/harness.js';
import { reaches } from '../events/bus.js';
import { openMissing } from './service.js';
import { insertResource } from './testing.js';

const T0 = '2026-12-01T10:00:00+08:00';
let t: TestApp;
let countyDuty: Client;
let cityDuty: Client;
let fire: Client;
let fireId: string;
const teams: Record<'near' | 'far' | 'other', string> = { near: '', far: '', other: '' };

async function report(c: Client, overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await c.post('/api/accidents', buildAccident({ confirmNotDuplicate: true, ...overrides }, t.clock.now()));
  if (res.status !== 201) throw new Error(`report: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

async function incidentOf(c: Client, accidentId: string) {
  const list = await c.get('/api/incidents?pageSize=200');
  const item = list.body.items.find((i: { accidentId: string }) => i.accidentId === accidentId);
  return item ? (await c.get(`/api/incidents/${item.id}`)).body : undefined;
}

/** A 较大 report (3 deaths) and its incident, opened by the platform. */
async function largerIncident() {
  const accidentId = await report(countyDuty, { deaths: 3 });
  return incidentOf(cityDuty, accidentId);
}

beforeAll(async () => {
  t = await testApp({ clock: testClock(T0), sessionIdleMinutes: 365 * 24 * 60, sessionMaxHours: 365 * 24 });
  countyDuty = await t.as('duty.370303');
  cityDuty = await t.as('duty.370300');
  fire = await t.as('fire.370300');
  fireId = (
    await t.db.kysely.selectFrom('users').select('id').where('username', '=', 'fire.370300').executeTakeFirstOrThrow()
  ).id;
  // 张店区's seat is 118.018, 36.806: the near team 2 km away, the far one about 30 km.
  teams.near = await insertResource(t.db, { name: '淄博市危化救援大队', lng: 118.03, lat: 36.82 });
  teams.far = await insertResource(t.db, { name: '齐鲁石化专职消防队', lng: 118.31, lat: 36.83, regionCode: '370305' });
  teams.other = await insertResource(t.db, {
    name: '淄博市矿山救护队',
    lng: 117.97,
    lat: 36.64,
    specialties: ['mine'],
  });
});
afterAll(() => t.close());

describe('opening', () => {
  it('a 较大 quick report opens its incident: Ⅲ级, led by the city, the accident at its county seat', async () => {
    const i = await largerIncident();
    expect(i).toBeDefined();
    expect(i.status).toBe('open');
    expect(i.level).toBe('III');
    expect(i.autoOpened).toBe(true);
    expect(i.leadRegionCode).toBe('370300');
    expect(i.leadOrgName).toBe('淄博市应急管理局');
    expect(i.location).toMatchObject({ source: 'county_seat', lng: 118.018 });
    expect(i.log[0]).toMatchObject({ seq: 1, kind: 'opened', authorLevel: 'system' });
    expect(i.levels).toHaveLength(1);
    expect(i.accident.grade).toBe('larger');
  });

  it('a 一般 report opens none; a bureau opens it by hand, once', async () => {
    const accidentId = await report(countyDuty);
    expect(await incidentOf(countyDuty, accidentId)).toBeUndefined();
    const opened = await countyDuty.post('/api/incidents', { accidentId });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    expect(opened.body).toMatchObject({ level: 'IV', leadRegionCode: '370303', autoOpened: false });
    const again = await countyDuty.post('/api/incidents', { accidentId, level: 'III' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('INCIDENT_EXISTS');
    // Another county's bureau does not see the accident.
    expect((await (await t.as('duty.370304')).post('/api/incidents', { accidentId })).status).toBe(404);
  });

  it('a 较大 report whose opening was lost after its filing committed is opened by the clock, once', async () => {
    const accidentId = await report(countyDuty);
    // As if the step after the commit never ran: the report is 较大 and has no incident.
    await sql`UPDATE accidents SET grade = 'larger' WHERE id = ${accidentId}`.execute(t.db.kysely);
    expect(await incidentOf(cityDuty, accidentId)).toBeUndefined();
    expect(await openMissing(t.ctx)).toBeGreaterThanOrEqual(1);
    expect(await incidentOf(cityDuty, accidentId)).toMatchObject({ level: 'III', autoOpened: true });
    expect(await openMissing(t.ctx)).toBe(0);
  });

  it('a follow-up that raises the grade to 较大 opens the incident; its figures enter the log', async () => {
    const accidentId = await report(countyDuty, { deaths: 1 });
    expect(await incidentOf(cityDuty, accidentId)).toBeUndefined();
    t.clock.advance(60_000);
    expect((await countyDuty.post(`/api/accidents/${accidentId}/followups`, { deaths: 3, note: '续报' })).status).toBe(
      201,
    );
    const i = await incidentOf(cityDuty, accidentId);
    expect(i.level).toBe('III');
    t.clock.advance(60_000);
    await countyDuty.post(`/api/accidents/${accidentId}/followups`, { deaths: 4, missing: 1, note: '续报' });
    const after = (await cityDuty.get(`/api/incidents/${i.id}`)).body;
    const figures = after.log.filter((e: { kind: string }) => e.kind === 'figures');
    expect(figures).toHaveLength(1);
    expect(figures[0].text).toContain('死亡 3→4');
    expect(figures[0].text).toContain('失踪 0→1');
    expect(after.accident.figures).toMatchObject({ deaths: 4, missing: 1 });
  });
});

describe('a follow-up raising the grade of an open incident', () => {
  it('logs the new grade and the level it calls for; the view prompts the lead, the level stays', async () => {
    const accidentId = await report(countyDuty, { deaths: 1 });
    const opened = await countyDuty.post('/api/incidents', { accidentId });
    expect(opened.body).toMatchObject({ level: 'IV', gradeLevel: 'IV', levelBelowGrade: false });
    t.clock.advance(60_000);
    const f = await countyDuty.post(`/api/accidents/${accidentId}/followups`, { deaths: 3, note: '续报' });
    expect(f.status, JSON.stringify(f.body)).toBe(201);
    const i = (await cityDuty.get(`/api/incidents/${opened.body.id}`)).body;
    expect(i).toMatchObject({ level: 'IV', leadRegionCode: '370303', gradeLevel: 'III', levelBelowGrade: true });
    const entry = i.log.at(-1);
    expect(entry.kind).toBe('figures');
    expect(entry.text).toContain('死亡 1→3');
    expect(entry.text).toContain('事故等级由一般事故升为较大事故');
    expect(entry.text).toContain('Ⅲ级响应');
    expect(entry.data).toMatchObject({
      gradeFrom: 'general',
      gradeTo: 'larger',
      gradeLevel: 'III',
      levelBelowGrade: true,
    });
    // The lead decides, with a reason: then the prompt goes.
    const raised = await countyDuty.post(`/api/incidents/${i.id}/level`, { level: 'III', reason: '续报升为较大事故' });
    expect(raised.status, JSON.stringify(raised.body)).toBe(200);
    expect(raised.body.levelBelowGrade).toBe(false);
  });
});

describe('level', () => {
  it('is changed by the lead (or above) with a reason, and the lead follows the level', async () => {
    const i = await largerIncident();
    const county = await countyDuty.post(`/api/incidents/${i.id}/level`, { level: 'II', reason: '事态扩大' });
    expect(county.status).toBe(403);
    expect(county.body.error.code).toBe('INCIDENT_NOT_LEAD');
    const same = await cityDuty.post(`/api/incidents/${i.id}/level`, { level: 'III', reason: '无' });
    expect(same.status).toBe(400);
    expect(same.body.error.details[0].path).toBe('level');
    expect((await cityDuty.post(`/api/incidents/${i.id}/level`, { level: 'II' })).status).toBe(400);
    const raised = await cityDuty.post(`/api/incidents/${i.id}/level`, {
      level: 'II',
      reason: '事态扩大，请求省厅支援',
    });
    expect(raised.status, JSON.stringify(raised.body)).toBe(200);
    expect(raised.body).toMatchObject({ level: 'II', leadRegionCode: '370000', leadOrgName: '山东省应急管理厅' });
    expect(raised.body.levels.map((l: { level: string }) => l.level)).toEqual(['III', 'II']);
    expect(raised.body.log.at(-1).text).toContain('提升');
    // The city no longer leads: lowering is the province's.
    expect((await cityDuty.post(`/api/incidents/${i.id}/level`, { level: 'III', reason: '控制' })).status).toBe(403);
    const province = await t.as('duty.370000');
    expect((await province.post(`/api/incidents/${i.id}/level`, { level: 'III', reason: '险情得到控制' })).status).toBe(
      200,
    );
  });
});

describe('the log', () => {
  it('is append-only: entries by every level with who wrote them; the table refuses UPDATE and DELETE', async () => {
    const i = await largerIncident();
    const c = await countyDuty.post(`/api/incidents/${i.id}/log`, { kind: 'situation', text: '现场已封控，3人被困' });
    expect(c.status).toBe(201);
    const d = await cityDuty.post(`/api/incidents/${i.id}/log`, { kind: 'order', text: '市危化救援大队立即出动' });
    const entries = d.body.log.slice(-2);
    expect(entries[0]).toMatchObject({ kind: 'situation', authorLevel: 'county', authorOrg: '淄博市张店区应急管理局' });
    expect(entries[1]).toMatchObject({ kind: 'order', authorLevel: 'city', authorOrg: '淄博市应急管理局' });
    expect(entries[1].seq).toBe(entries[0].seq + 1);
    await expect(
      sql`UPDATE incident_log SET text = 'x' WHERE incident_id = ${i.id}`.execute(t.db.kysely),
    ).rejects.toThrow();
    await expect(sql`DELETE FROM incident_log WHERE incident_id = ${i.id}`.execute(t.db.kysely)).rejects.toThrow();
    const bad = await cityDuty.post(`/api/incidents/${i.id}/log`, { kind: 'rumour', text: '' });
    expect(bad.status).toBe(400);
  });
});

describe('tasks', () => {
  it('the nearest resources in order of distance; a dispatched team is busy elsewhere; states move forward only', async () => {
    const a = await largerIncident();
    const b = await largerIncident();
    const near = await cityDuty.get(`/api/incidents/${a.id}/nearest?kind=team`);
    expect(near.status).toBe(200);
    const names = near.body.items.map((r: { name: string }) => r.name);
    expect(names.indexOf('淄博市危化救援大队')).toBeLessThan(names.indexOf('齐鲁石化专职消防队'));
    const nearTeam = near.body.items.find((r: { id: string }) => r.id === teams.near);
    expect(nearTeam.distanceKm).toBeGreaterThan(1);
    expect(nearTeam.distanceKm).toBeLessThan(3);
    // Coordinates to 6 decimals (about 0.1 m), without floating-point noise.
    for (const r of near.body.items) expect(Math.round(r.lat * 1e6) / 1e6).toBe(r.lat);
    expect(nearTeam).toMatchObject({ readiness: 'ready', dispatchable: true });
    expect(
      (await cityDuty.get(`/api/incidents/${a.id}/nearest?specialty=mine`)).body.items.map((r: { id: string }) => r.id),
    ).toContain(teams.other);

    const sent = await cityDuty.post(`/api/incidents/${a.id}/tasks`, {
      resourceId: teams.near,
      assignment: '危化品泄漏处置',
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const task = sent.body.tasks[0];
    expect(task).toMatchObject({ state: 'dispatched', resourceName: '淄博市危化救援大队' });
    expect(sent.body.firstDispatchAt).not.toBeNull();

    const elsewhere = await cityDuty.post(`/api/incidents/${b.id}/tasks`, {
      resourceId: teams.near,
      assignment: '支援',
    });
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.body.error).toMatchObject({
      code: 'RESOURCE_COMMITTED',
      message: '该救援力量正在执行其他事件的处置任务',
      details: [{ code: 'committed_elsewhere' }],
    });
    const again = await cityDuty.post(`/api/incidents/${a.id}/tasks`, { resourceId: teams.near, assignment: '再派' });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({
      code: 'RESOURCE_COMMITTED',
      message: '该救援力量已调派到本事件',
      details: [{ code: 'committed_here' }],
    });
    const beforeReport = await cityDuty.post(`/api/incidents/${b.id}/tasks`, {
      resourceId: teams.far,
      assignment: '支援',
      at: new Date(new Date(b.reportedAt).getTime() - 60_000).toISOString(),
    });
    expect(beforeReport.status).toBe(400);
    expect(beforeReport.body.error.details[0]).toMatchObject({ path: 'at', code: 'too_early' });
    const busy = (await cityDuty.get(`/api/incidents/${b.id}/nearest?kind=team`)).body.items.find(
      (r: { id: string }) => r.id === teams.near,
    );
    expect(busy).toMatchObject({ busy: true, busyIncidentId: a.id, committedHere: false });
    // The resource's own view says so as well.
    expect((await cityDuty.get(`/api/rescue-resources/${teams.near}`)).body).toMatchObject({
      busy: true,
      busyIncidentId: a.id,
    });
    // The resources module's own search says so too.
    const point = `lng=${nearTeam.lng}&lat=${nearTeam.lat}&kind=team`;
    const listed = (await cityDuty.get(`/api/rescue-resources/nearest?${point}`)).body.items;
    expect(listed.find((r: { id: string }) => r.id === teams.near)).toMatchObject({ busy: true, busyIncidentId: a.id });
    expect(listed.filter((r: { busy: boolean }) => !r.busy).length).toBeGreaterThan(0);

    t.clock.advance(5 * 60_000);
    const move = (state: string, extra: Record<string, unknown> = {}) =>
      cityDuty.post(`/api/incidents/${a.id}/tasks/${task.id}/state`, { state, ...extra });
    expect((await move('en_route')).status).toBe(200);
    t.clock.advance(20 * 60_000);
    const early = await move('on_site', { at: new Date(new Date(T0).getTime() - 3600_000).toISOString() });
    expect(early.status).toBe(400);
    const arrived = await move('on_site');
    expect(arrived.status).toBe(200);
    expect(arrived.body.responseTimes.dispatchToOnSiteMin).toBe(25);
    const back = await move('en_route');
    expect(back.status).toBe(409);
    expect(back.body.error.code).toBe('TASK_MOVE_REFUSED');
    expect((await move('withdrawn')).status).toBe(200);
    expect((await move('withdrawn')).status).toBe(409);
    // Withdrawn: free for the other incident.
    expect(
      (await cityDuty.post(`/api/incidents/${b.id}/tasks`, { resourceId: teams.near, assignment: '支援' })).status,
    ).toBe(201);
    const events = (await cityDuty.get(`/api/incidents/${a.id}`)).body.tasks[0].events;
    expect(events.map((e: { state: string }) => e.state)).toEqual(['dispatched', 'en_route', 'on_site', 'withdrawn']);
    await expect(
      sql`DELETE FROM incident_task_events WHERE task_id = ${task.id}`.execute(t.db.kysely),
    ).rejects.toThrow();
    // The county's duty room dispatches too (any bureau of the jurisdiction).
    expect(
      (await countyDuty.post(`/api/incidents/${a.id}/tasks`, { resourceId: teams.far, assignment: '警戒' })).status,
    ).toBe(201);
  });
});

describe('readiness', () => {
  it('the nearest list shows readiness and the duty phone; a team not available is refused', async () => {
    const i = await largerIncident();
    const down = await insertResource(t.db, {
      name: '张店区检修中救援队',
      lng: 118.02,
      lat: 36.807,
      readiness: 'unavailable',
      dutyPhone: '0533-2180119',
    });
    const item = (await cityDuty.get(`/api/incidents/${i.id}/nearest?kind=team`)).body.items.find(
      (r: { id: string }) => r.id === down,
    );
    expect(item).toMatchObject({
      readiness: 'unavailable',
      availability: null,
      dutyPhone: '0533-2180119',
      dispatchable: false,
      busy: false,
    });
    const sent = await cityDuty.post(`/api/incidents/${i.id}/tasks`, { resourceId: down, assignment: '支援' });
    expect(sent.status).toBe(409);
    expect(sent.body.error.code).toBe('RESOURCE_UNAVAILABLE');
    expect(sent.body.error.details[0]).toMatchObject({ path: 'resourceId', code: 'unavailable' });
    await sql`UPDATE rescue_resources SET readiness = 'limited' WHERE id = ${down}`.execute(t.db.kysely);
    expect((await cityDuty.post(`/api/incidents/${i.id}/tasks`, { resourceId: down, assignment: '支援' })).status).toBe(
      201,
    );
  });
});

describe('an invited department user', () => {
  it('reaches its incident alone, reads or comments as invited, every view audited', async () => {
    const mine = await largerIncident();
    const other = await largerIncident();
    expect((await fire.get(`/api/incidents/${mine.id}`)).status).toBe(404);
    expect((await fire.get('/api/incidents')).body.items).toEqual([]);
    expect((await fire.get('/api/accidents')).status).toBe(403);

    const candidates = (await cityDuty.get(`/api/incidents/${mine.id}/invitable-users`)).body.items;
    expect(candidates.map((u: { username: string }) => u.username)).toContain('fire.370300');
    const invite = (access: string) =>
      cityDuty.post(`/api/incidents/${mine.id}/invitations`, {
        userId: fireId,
        department: 'fire',
        departmentName: '淄博市消防救援支队',
        access,
      });
    expect(
      (
        await countyDuty.post(`/api/incidents/${mine.id}/invitations`, {
          userId: fireId,
          department: 'fire',
          departmentName: 'x',
          access: 'read',
        })
      ).body.error.code,
    ).toBe('INCIDENT_NOT_LEAD');
    expect((await invite('read')).status).toBe(201);
    const seen = await fire.get(`/api/incidents/${mine.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.invitedAs).toEqual({ departmentName: '淄博市消防救援支队', access: 'read' });
    expect(seen.body.invitations).toEqual([]);
    expect(seen.body.may).toMatchObject({ log: false, command: false });
    expect((await fire.get('/api/incidents')).body.items.map((i: { id: string }) => i.id)).toEqual([mine.id]);
    expect((await fire.get(`/api/incidents/${other.id}`)).status).toBe(404);
    const readOnly = await fire.post(`/api/incidents/${mine.id}/log`, { kind: 'situation', text: '消防力量已到场' });
    expect(readOnly.status).toBe(403);
    expect(readOnly.body.error.code).toBe('INCIDENT_READ_ONLY');
    expect(
      (await fire.post(`/api/incidents/${mine.id}/tasks`, { resourceId: teams.far, assignment: 'x' })).status,
    ).toBe(403);

    expect((await invite('comment')).status).toBe(201);
    const wrote = await fire.post(`/api/incidents/${mine.id}/log`, {
      kind: 'situation',
      text: '消防力量已到场，开始灭火',
    });
    expect(wrote.status).toBe(201);
    expect(wrote.body.log.at(-1)).toMatchObject({ authorLevel: 'department', authorOrg: '淄博市消防救援支队' });
    expect((await fire.get(`/api/incidents/${mine.id}?view=wall`)).status).toBe(200);
    // A team busy at an incident the user is not invited to: busy, but not where.
    const elsewhere = await insertResource(t.db, { name: '张店区化工园区专职队', lng: 118.019, lat: 36.805 });
    expect(
      (await cityDuty.post(`/api/incidents/${other.id}/tasks`, { resourceId: elsewhere, assignment: '警戒' })).status,
    ).toBe(201);
    const nearby = await fire.get(`/api/incidents/${mine.id}/nearest?kind=team`);
    expect(nearby.status).toBe(200);
    const busyThere = nearby.body.items.find((r: { id: string }) => r.id === elsewhere);
    expect(busyThere).toMatchObject({ busy: true, busyIncidentId: null, committedHere: false });
    const asBureau = (await cityDuty.get(`/api/incidents/${mine.id}/nearest?kind=team`)).body.items;
    expect(asBureau.find((r: { id: string }) => r.id === elsewhere).busyIncidentId).toBe(other.id);

    // One view per read: the page, the nearest list, the screen; the log write's echo is not a view.
    const lead = (await cityDuty.get(`/api/incidents/${mine.id}`)).body;
    expect(lead.views.map((v: { what: string }) => v.what).sort()).toEqual(['detail', 'nearest', 'wall']);
    expect(lead.invitations.filter((v: { revokedAt: string | null }) => !v.revokedAt)).toHaveLength(1);
    const audits = await t.db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', mine.id)
      .where('action', '=', 'incident.view')
      .execute();
    expect(audits).toHaveLength(3);

    // Live events: the invited user hears of its incident only.
    const actor = makeActor({
      user_id: fireId,
      username: 'fire.370300',
      display_name: '消防',
      role: 'department',
      org_id: lead.id,
      org_name: '淄博市应急管理局',
      org_kind: 'bureau',
      region_code: '370300',
      credit_code: null,
    });
    const base = { type: 'incident.changed' as const, regionCode: '370303', at: T0, data: { id: mine.id } };
    expect(reaches(actor, { ...base, invitedUserIds: [fireId] })).toBe(true);
    expect(reaches(actor, { ...base, invitedUserIds: [] })).toBe(false);
    expect(reaches(actor, { type: 'accident.created', regionCode: '370303', at: T0, data: {} })).toBe(false);
    expect(reaches(await actorByUsername(t.db, 'duty.370300'), base)).toBe(true);

    const active = lead.invitations.find((v: { revokedAt: string | null }) => !v.revokedAt);
    expect((await cityDuty.post(`/api/incidents/${mine.id}/invitations/${active.id}/revoke`)).status).toBe(200);
    expect((await fire.get(`/api/incidents/${mine.id}`)).status).toBe(404);
  });
});

describe('closing', () => {
  it('withdraws the tasks, issues the 处置情况报告 (LibreOffice opens it) and freezes the incident', async () => {
    const i = await largerIncident();
    await cityDuty.post(`/api/incidents/${i.id}/tasks`, { resourceId: teams.other, assignment: '搜救被困人员' });
    await cityDuty.post(`/api/incidents/${i.id}/log`, { kind: 'decision', text: '转入善后处置' });
    expect((await countyDuty.post(`/api/incidents/${i.id}/close`, { summary: '完毕' })).status).toBe(403);
    const closed = await cityDuty.post(`/api/incidents/${i.id}/close`, {
      summary: '被困人员全部救出，险情排除，响应终止。',
    });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body.status).toBe('closed');
    expect(closed.body.tasks[0].state).toBe('withdrawn');
    expect(closed.body.report.number).toMatch(/^（淄）应急处置〔2026〕\d+号$/);
    expect((await cityDuty.post(`/api/incidents/${i.id}/log`, { kind: 'note', text: 'x' })).body.error.code).toBe(
      'INCIDENT_CLOSED',
    );
    // The resource is free again.
    const b = await largerIncident();
    expect(
      (await cityDuty.post(`/api/incidents/${b.id}/tasks`, { resourceId: teams.other, assignment: '搜救' })).status,
    ).toBe(201);

    const file = await downloadRaw(t, cityDuty, `/api/incidents/${i.id}/report.docx`);
    expect(file.status).toBe(200);
    const text = await docxText(file.body);
    expect(text).toContain('应急处置情况报告');
    expect(text).toContain('淄博市矿山救护队');
    expect(text).toContain('转入善后处置');
    expect(text).toContain('死亡3人');
    expect(text).toContain(closed.body.report.number);
    if (sofficePath()) {
      const pdf = await convertDocument(file.body, 'docx', 'pdf');
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    }
  }, 90_000);
});

describe('a provincial lead', () => {
  it('a 重大 report is led by the province, which closes it under its own number', async () => {
    const accidentId = await report(countyDuty, { deaths: 10 });
    const province = await t.as('duty.370000');
    const i = await incidentOf(province, accidentId);
    expect(i).toMatchObject({ level: 'II', leadRegionCode: '370000', leadOrgName: '山东省应急管理厅' });
    expect((await cityDuty.post(`/api/incidents/${i.id}/close`, { summary: '完毕' })).body.error.code).toBe(
      'INCIDENT_NOT_LEAD',
    );
    const closed = await province.post(`/api/incidents/${i.id}/close`, { summary: '险情排除，响应终止。' });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body.report.number).toMatch(/^（鲁）应急处置〔2026〕\d+号$/);
  });
});

describe('statistics', () => {
  it('incidents by level with their response times, on screen and as .xlsx', async () => {
    const stats = await cityDuty.get('/api/incidents/stats?from=2026-12-01&to=2026-12-31');
    expect(stats.status).toBe(200);
    const iii = stats.body.totals.find((r: { level: string }) => r.level === 'III');
    expect(iii.incidents).toBeGreaterThanOrEqual(5);
    expect(iii.dispatched).toBeGreaterThanOrEqual(1);
    expect(iii.onSite).toBeGreaterThanOrEqual(1);
    expect(typeof iii.avgReportToDispatchMin).toBe('number');
    expect(stats.body.rows.some((r: { regionName: string }) => r.regionName === '张店区')).toBe(true);
    const none = await cityDuty.get('/api/incidents/stats?from=2025-01-01&to=2025-12-31');
    expect(none.body.totals).toEqual([]);
    const xlsx = await downloadRaw(t, cityDuty, '/api/incidents/stats.xlsx?from=2026-12-01&to=2026-12-31');
    expect(xlsx.status).toBe(200);
    expect(xlsx.body.subarray(0, 2).toString()).toBe('PK');
    expect((await cityDuty.get('/api/incidents/stats?from=2026-12-01&to=2026-12-31&regionCode=370100')).status).toBe(
      403,
    );
  });
});
