import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorByUsername } from '../../db/seed/demo.js';
import { seedDutyDemo } from '../../db/seed/duty.js';
import { downloadRaw } from '../../documents/test-support.js';
import { readWorkbook } from '../../documents/xlsx.js';
import { buildAccident, type TestApp, testApp, testClock } from '../../testing/harness.js';
import type { LiveEvent } from '../events/bus.js';

const NOW = '2026-11-25T10:00:00+08:00';
const HOUR = 3_600_000;

/** ISO instant `hours` from NOW. */
const at = (hours: number) => new Date(new Date(NOW).getTime() + hours * HOUR).toISOString();

async function userId(t: TestApp, username: string): Promise<string> {
  const row = await t.db.kysely
    .selectFrom('users')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return row.id;
}

async function auditOf(t: TestApp, entityId: string) {
  return t.db.kysely.selectFrom('audit_log').selectAll().where('entity_id', '=', entityId).orderBy('seq').execute();
}

function fieldPaths(body: { error: { details: { path: string }[] } }): string[] {
  return body.error.details.map((d) => d.path);
}

function logBody(overrides: Record<string, unknown> = {}) {
  return {
    channel: 'phone',
    receivedAt: at(-0.5),
    callerName: '李先生',
    callerPhone: '13905330000',
    callerUnit: '淄博鑫泰化工有限公司',
    content: '厂区储罐检修时一人中毒，已送医',
    ...overrides,
  };
}

describe('duty roster', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp({ clock: testClock(NOW) });
  });
  afterAll(() => t.close());

  it('creates a shift with officers of the own bureau, lists it by default and audits it', async () => {
    const duty = await t.as('duty.370303');
    const officerIds = [await userId(t, 'duty.370303'), await userId(t, 'admin.370303')];
    const res = await duty.post('/api/duty/shifts', {
      startsAt: at(-1.5),
      endsAt: at(22.5),
      leaderName: '王局长',
      officerIds,
      phone: '0533-2180001',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      regionCode: '370303',
      orgName: expect.stringContaining('张店区'),
      startsAt: at(-1.5),
      endsAt: at(22.5),
      leaderName: '王局长',
      phone: '0533-2180001',
      onDutyNow: true,
    });
    expect(res.body.officers.map((o: { id: string }) => o.id)).toEqual(officerIds);
    expect(res.body.officers[0].name).toContain('值班员');

    const list = await duty.get('/api/duty/shifts');
    expect(list.status).toBe(200);
    expect(list.body.items.map((s: { id: string }) => s.id)).toContain(res.body.id);

    const audit = await auditOf(t, res.body.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'duty.shift.create', entity_type: 'duty_shift', region_code: '370303' });
  });

  it('lists from today 00:00 to seven days on by default; from/to choose another window', async () => {
    const duty = await t.as('duty.370321');
    const yesterday = await duty.post('/api/duty/shifts', { startsAt: at(-34), endsAt: at(-11) });
    const inAWeek = await duty.post('/api/duty/shifts', { startsAt: at(6 * 24), endsAt: at(6 * 24 + 12) });
    const later = await duty.post('/api/duty/shifts', { startsAt: at(8 * 24), endsAt: at(8 * 24 + 12) });
    const ids = (await duty.get('/api/duty/shifts')).body.items.map((s: { id: string }) => s.id);
    expect(ids).toEqual([inAWeek.body.id]);
    const q = new URLSearchParams({ from: at(-48), to: at(10 * 24) });
    const all = await duty.get(`/api/duty/shifts?${q}`);
    expect(all.body.items.map((s: { id: string }) => s.id)).toEqual([
      yesterday.body.id,
      inAWeek.body.id,
      later.body.id,
    ]);
    expect(all.body.items[0].onDutyNow).toBe(false);
    // Without a shift phone, the bureau's duty phone.
    expect(all.body.items[0].phone).toMatch(/^0533-/);
  });

  it('updates its own shift with PUT and audits before/after', async () => {
    const duty = await t.as('duty.370322');
    const created = await duty.post('/api/duty/shifts', { startsAt: at(1), endsAt: at(13), leaderName: '甲' });
    const res = await duty.put(`/api/duty/shifts/${created.body.id}`, {
      startsAt: at(2),
      endsAt: at(14),
      leaderName: '乙',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: created.body.id, startsAt: at(2), leaderName: '乙', officers: [] });
    const audit = await auditOf(t, created.body.id);
    expect(audit.map((a) => a.action)).toEqual(['duty.shift.create', 'duty.shift.update']);
    expect(audit[1]?.before).toMatchObject({ leaderName: '甲' });
    expect(audit[1]?.after).toMatchObject({ leaderName: '乙' });
  });

  it('lets a higher bureau read a subordinate roster, and 404s outside the jurisdiction', async () => {
    const county = await t.as('duty.370303');
    const shift = await county.post('/api/duty/shifts', { startsAt: at(3), endsAt: at(5) });
    const city = await t.as('leader.370300');
    const sub = await city.get('/api/duty/shifts?regionCode=370303');
    expect(sub.status).toBe(200);
    expect(sub.body.items.map((s: { id: string }) => s.id)).toContain(shift.body.id);
    expect((await (await t.as('duty.370000')).get('/api/duty/shifts?regionCode=370303')).status).toBe(200);

    const neighbour = await t.as('duty.370304');
    expect((await neighbour.get('/api/duty/shifts?regionCode=370303')).status).toBe(404);
    expect((await city.get('/api/duty/shifts?regionCode=370102')).status).toBe(404);
    // Inside the jurisdiction but no bureau there.
    expect((await city.get('/api/duty/shifts?regionCode=370399')).status).toBe(404);
  });

  it('denies by role: enterprise users cannot read, leaders and statisticians cannot write', async () => {
    const ent = await t.as('ent.91370303MA3C4B2X1Y');
    expect((await ent.get('/api/duty/shifts')).status).toBe(403);
    expect((await ent.get('/api/duty/now')).status).toBe(403);
    for (const username of ['leader.370303', 'stats.370303', 'inspector.370303']) {
      const c = await t.as(username);
      expect((await c.get('/api/duty/shifts')).status).toBe(200);
      const res = await c.post('/api/duty/shifts', { startsAt: at(1), endsAt: at(2) });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    const admin = await t.as('admin.370303');
    expect((await admin.post('/api/duty/shifts', { startsAt: at(1), endsAt: at(2) })).status).toBe(201);
    expect((await t.anonymous().get('/api/duty/shifts')).status).toBe(401);
  });

  it("404s another bureau's shift on PUT, even for its superior", async () => {
    const county = await t.as('duty.370303');
    const shift = await county.post('/api/duty/shifts', { startsAt: at(1), endsAt: at(2) });
    const body = { startsAt: at(1), endsAt: at(3) };
    expect((await (await t.as('duty.370304')).put(`/api/duty/shifts/${shift.body.id}`, body)).status).toBe(404);
    expect((await (await t.as('duty.370300')).put(`/api/duty/shifts/${shift.body.id}`, body)).status).toBe(404);
  });

  it('validates shifts: order, 48 h at most, own officers, formats, unknown fields', async () => {
    const duty = await t.as('duty.370303');
    const expect400 = async (body: unknown, path: string, url = '/api/duty/shifts') => {
      const res = await duty.post(url, body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(fieldPaths(res.body)).toContain(path);
    };
    await expect400({ startsAt: at(2), endsAt: at(2) }, 'endsAt');
    await expect400({ startsAt: at(2), endsAt: at(1) }, 'endsAt');
    await expect400({ startsAt: at(0), endsAt: at(48.01) }, 'endsAt');
    expect((await duty.post('/api/duty/shifts', { startsAt: at(0), endsAt: at(48) })).status).toBe(201);
    await expect400({ startsAt: '2026-11-25 10:00', endsAt: at(1) }, 'startsAt');
    await expect400({ startsAt: at(0), endsAt: at(1), officerIds: ['nope'] }, 'officerIds.0');
    const foreign = await userId(t, 'duty.370304');
    await expect400({ startsAt: at(0), endsAt: at(1), officerIds: [foreign] }, 'officerIds.0');
    await expect400({ startsAt: at(0), endsAt: at(1), leaderName: 'x'.repeat(51) }, 'leaderName');
    const unknown = await duty.post('/api/duty/shifts', { startsAt: at(0), endsAt: at(1), shiftNo: 3 });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('shiftNo');
    const q = new URLSearchParams({ from: at(0), to: at(-1) });
    expect((await duty.get(`/api/duty/shifts?${q}`)).status).toBe(400);
    const long = new URLSearchParams({ from: at(0), to: at(100 * 24) });
    expect((await duty.get(`/api/duty/shifts?${long}`)).status).toBe(400);
    expect((await duty.get('/api/duty/shifts?regionCode=abc')).status).toBe(400);
    expect((await duty.put('/api/duty/shifts/not-a-uuid', { startsAt: at(0), endsAt: at(1) })).status).toBe(400);
    const openapi = await t.anonymous().get('/api/openapi.json');
    expect(Object.keys(openapi.body.paths)).toEqual(expect.arrayContaining(['/api/duty/shifts', '/api/duty/log/{id}']));
    const malformed = await duty.post('/api/duty/shifts', '{"startsAt":');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('MALFORMED_JSON');
  });
});

describe('on duty now', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp({ clock: testClock(NOW) });
    const seed = async (username: string, startsAt: string, endsAt: string, leaderName: string) => {
      const res = await (await t.as(username)).post('/api/duty/shifts', { startsAt, endsAt, leaderName });
      expect(res.status).toBe(201);
    };
    await seed('duty.370300', at(-2), at(22), '市局带班');
    await seed('duty.370305', at(0), at(24), '临淄带班'); // starts exactly now: on duty
    await seed('duty.370306', at(-24), at(0), '周村昨日'); // ended exactly now: off duty
    await seed('duty.370303', at(-10), at(14), '张店早');
    await seed('duty.370303', at(-1), at(3), '张店加强'); // overlapping: the later start is shown
  });
  afterAll(() => t.close());

  // biome-ignore lint/suspicious/noExplicitAny: test responses are inspected field by field
  const rowOf = (body: { items: any[] }, code: string) => body.items.find((r) => r.regionCode === code);

  it('lists the bureau and every bureau below it, one row each, ordered by region code', async () => {
    const res = await (await t.as('stats.370300')).get('/api/duty/now');
    expect(res.status).toBe(200);
    const codes = res.body.items.map((r: { regionCode: string }) => r.regionCode);
    expect(codes[0]).toBe('370300');
    expect(codes).toEqual([...codes].sort());
    expect(codes).toEqual(expect.arrayContaining(['370302', '370303', '370303001', '370323']));
    expect(codes.every((c: string) => c.startsWith('3703'))).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
    expect(rowOf(res.body, '370300')).toMatchObject({ level: 'city', leaderName: '市局带班' });
    expect(rowOf(res.body, '370303001')).toMatchObject({ level: 'town', shift: null, officers: [] });
  });

  it('starts inclusive, ends exclusive; overlapping shifts show the one that started last', async () => {
    const body = (await (await t.as('duty.370300')).get('/api/duty/now')).body;
    expect(rowOf(body, '370305')).toMatchObject({ leaderName: '临淄带班', shift: { onDutyNow: true } });
    expect(rowOf(body, '370306')).toMatchObject({ shift: null, leaderName: null });
    expect(rowOf(body, '370306').phone).toMatch(/^0533-/);
    expect(rowOf(body, '370303')).toMatchObject({ leaderName: '张店加强', level: 'county' });
  });

  it('follows the clock across a shift end', async () => {
    t.clock.set(at(3));
    try {
      const body = (await (await t.as('duty.370303')).get('/api/duty/now')).body;
      expect(body.items.map((r: { regionCode: string }) => r.regionCode)).toEqual(['370303', '370303001']);
      expect(rowOf(body, '370303')).toMatchObject({ leaderName: '张店早' });
    } finally {
      t.clock.set(NOW);
    }
  });

  it('takes a regionCode inside the jurisdiction and 404s outside it', async () => {
    const province = await t.as('leader.370000');
    const jinan = await province.get('/api/duty/now?regionCode=370100');
    expect(jinan.status).toBe(200);
    expect(jinan.body.items.map((r: { regionCode: string }) => r.regionCode)).toEqual([
      '370100',
      '370102',
      '370103',
      '370112',
    ]);
    expect((await (await t.as('duty.370303')).get('/api/duty/now?regionCode=370100')).status).toBe(404);
    expect((await (await t.as('duty.370303')).get('/api/duty/now?regionCode=370300')).status).toBe(404);
  });

  it('a unit sees whom to call: its county on duty now, and the province for 较大 and above; bureaus use /now', async () => {
    const ent = await t.as('ent.91370303MA3C4B2X1Y'); // a 张店 enterprise
    const res = await ent.get('/api/duty/contacts');
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(2);
    const [county, province] = res.body.items;
    expect(county).toMatchObject({ level: 'county', reports: 'all', onDuty: true });
    expect(county.orgName).toContain('张店');
    // the phone of the shift on duty, else the bureau's published duty phone; never the officers' names
    expect(county.phone).toBeTruthy();
    expect(province).toMatchObject({ level: 'province', reports: 'larger', onDuty: false });
    expect(province.phone).toMatch(/\d/);
    expect(JSON.stringify(res.body)).not.toContain('张店加强');
    expect((await (await t.as('duty.370303')).get('/api/duty/contacts')).status).toBe(403);
    expect((await ent.get('/api/duty/now')).status).toBe(403);
  });
});

describe('handovers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp({ clock: testClock(NOW) });
  });
  afterAll(() => t.close());

  it('records a handover on its own shift, lists it newest first and audits it', async () => {
    const duty = await t.as('duty.370303');
    const shift = await duty.post('/api/duty/shifts', { startsAt: at(-24), endsAt: at(0) });
    const first = await duty.post('/api/duty/handovers', { notes: '平稳', shiftId: shift.body.id });
    t.clock.advance(60_000);
    const second = await duty.post('/api/duty/handovers', {
      notes: '接报2起，已处置',
      pendingItems: '待回复市局',
      receivedByName: '李四',
    });
    t.clock.set(NOW);
    expect(first.status).toBe(201);
    expect(second.body).toMatchObject({
      notes: '接报2起，已处置',
      pendingItems: '待回复市局',
      receivedByName: '李四',
      shiftId: null,
      handedBy: { id: await userId(t, 'duty.370303'), name: expect.stringContaining('值班员') },
    });
    const list = await (await t.as('leader.370303')).get('/api/duty/handovers?pageSize=1');
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(2);
    expect(list.body.items.map((h: { id: string }) => h.id)).toEqual([second.body.id]);
    expect((await (await t.as('duty.370304')).get('/api/duty/handovers')).body.total).toBe(0);
    expect((await auditOf(t, first.body.id))[0]).toMatchObject({ action: 'duty.handover.create' });
  });

  it("rejects notes missing, another bureau's shift, a leader writing", async () => {
    const duty = await t.as('duty.370303');
    const empty = await duty.post('/api/duty/handovers', { notes: '  ' });
    expect(empty.status).toBe(400);
    expect(fieldPaths(empty.body)).toContain('notes');
    const other = await (await t.as('duty.370304')).post('/api/duty/shifts', { startsAt: at(0), endsAt: at(1) });
    const foreign = await duty.post('/api/duty/handovers', { notes: '平稳', shiftId: other.body.id });
    expect(foreign.status).toBe(400);
    expect(fieldPaths(foreign.body)).toEqual(['shiftId']);
    expect((await (await t.as('leader.370303')).post('/api/duty/handovers', { notes: '平稳' })).status).toBe(403);
    expect((await duty.get('/api/duty/handovers?page=0')).status).toBe(400);
  });
});

describe('duty log', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp({ clock: testClock(NOW) });
  });
  afterAll(() => t.close());

  it('logs a call, publishes it live to the bureau and its superiors, audits it', async () => {
    const heard: Record<string, LiveEvent[]> = { city: [], county: [], neighbour: [] };
    const unsubscribe = [
      t.ctx.bus.subscribe(await actorByUsername(t.db, 'duty.370300'), (e) => heard.city?.push(e)),
      t.ctx.bus.subscribe(await actorByUsername(t.db, 'duty.370303'), (e) => heard.county?.push(e)),
      t.ctx.bus.subscribe(await actorByUsername(t.db, 'duty.370304'), (e) => heard.neighbour?.push(e)),
    ];
    const duty = await t.as('duty.370303');
    const res = await duty.post('/api/duty/log', logBody({ accidentRegionCode: '370303' }));
    for (const off of unsubscribe) off();
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      channel: 'phone',
      receivedAt: at(-0.5),
      callerUnit: '淄博鑫泰化工有限公司',
      accidentRegionCode: '370303',
      accidentId: null,
      loggedBy: { id: await userId(t, 'duty.370303') },
      createdAt: at(0),
    });
    expect(heard.city?.map((e) => [e.type, e.data.id])).toEqual([['duty.log', res.body.id]]);
    expect(heard.county).toHaveLength(1);
    expect(heard.neighbour).toHaveLength(0);
    expect((await auditOf(t, res.body.id))[0]).toMatchObject({ action: 'duty.log.create', entity_type: 'duty_log' });

    const got = await (await t.as('stats.370303')).get(`/api/duty/log/${res.body.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(res.body);
  });

  it('exports the filtered log of its own bureau as an .xlsx', async () => {
    const duty = await t.as('duty.370303');
    expect((await duty.post('/api/duty/log', logBody({ callerName: '导出测试人' }))).status).toBe(201);
    const total = (await duty.get('/api/duty/log?pageSize=200')).body.total as number;
    const res = await downloadRaw(t, duty, '/api/duty/log/export.xlsx');
    expect(res.status).toBe(200);
    expect(res.headers['x-export-rows']).toBe(String(total));
    const [sheet] = await readWorkbook(res.body);
    expect(JSON.stringify(sheet?.rows)).toContain('导出测试人');
    expect((await (await t.as('ent.91370303MA3C4B2X1Y')).get('/api/duty/log/export.xlsx')).status).toBe(403);
  });

  it('lists newest first with channel, time, text and converted filters', async () => {
    const duty = await t.as('duty.370305');
    const fax = await duty.post(
      '/api/duty/log',
      logBody({ channel: 'fax', receivedAt: at(-3), content: '消防大队传真' }),
    );
    const msg = await duty.post('/api/duty/log', logBody({ channel: 'message', receivedAt: at(-1), content: '预警' }));
    const call = await duty.post('/api/duty/log', logBody({ receivedAt: at(-2), callerName: '赵_百分%' }));
    const ids = (url: string) => duty.get(url).then((r) => r.body.items.map((i: { id: string }) => i.id));
    const all = await duty.get('/api/duty/log');
    expect(all.body.total).toBe(3);
    expect(await ids('/api/duty/log')).toEqual([msg.body.id, call.body.id, fax.body.id]);
    expect(await ids('/api/duty/log?channel=fax')).toEqual([fax.body.id]);
    expect(await ids(`/api/duty/log?${new URLSearchParams({ from: at(-2.5), to: at(-1) })}`)).toEqual([call.body.id]);
    expect(await ids(`/api/duty/log?q=${encodeURIComponent('传真')}`)).toEqual([fax.body.id]);
    expect(await ids(`/api/duty/log?q=${encodeURIComponent('_百分%')}`)).toEqual([call.body.id]);
    expect(await ids(`/api/duty/log?q=${encodeURIComponent('%')}`)).toEqual([call.body.id]);
    expect(await ids('/api/duty/log?converted=true')).toEqual([]);
    expect((await duty.get('/api/duty/log?converted=false')).body.total).toBe(3);
    const page2 = await duty.get('/api/duty/log?page=2&pageSize=2');
    expect(page2.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page2.body.items.map((i: { id: string }) => i.id)).toEqual([fax.body.id]);
  });

  it("404s another bureau's entry, even for its superior; keeps lists per bureau", async () => {
    const entry = await (await t.as('duty.370303')).post('/api/duty/log', logBody());
    expect((await (await t.as('duty.370304')).get(`/api/duty/log/${entry.body.id}`)).status).toBe(404);
    expect((await (await t.as('duty.370300')).get(`/api/duty/log/${entry.body.id}`)).status).toBe(404);
    expect((await (await t.as('duty.370304')).get('/api/duty/log')).body.total).toBe(0);
    expect((await (await t.as('ent.91370303MA3C4B2X1Y')).get('/api/duty/log')).status).toBe(403);
    expect((await (await t.as('leader.370303')).post('/api/duty/log', logBody())).status).toBe(403);
  });

  it('rejects bad input with the field and writes nothing', async () => {
    const duty = await t.as('duty.370306');
    const cases: [Record<string, unknown>, string][] = [
      [logBody({ receivedAt: at(0.01) }), 'receivedAt'],
      [logBody({ receivedAt: '2026-11-25T09:00:00' }), 'receivedAt'],
      [logBody({ channel: 'pigeon' }), 'channel'],
      [logBody({ content: '' }), 'content'],
      [logBody({ content: 'x'.repeat(1_000_000) }), 'content'],
      [logBody({ accidentRegionCode: '370399' }), 'accidentRegionCode'],
      [logBody({ accidentRegionCode: '3703' }), 'accidentRegionCode'],
      [logBody({ callerPhone: 12345 }), 'callerPhone'],
    ];
    for (const [body, path] of cases) {
      const res = await duty.post('/api/duty/log', body);
      expect(res.status, path).toBe(400);
      expect(fieldPaths(res.body), path).toContain(path);
    }
    const unknown = await duty.post('/api/duty/log', logBody({ extra: true }));
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('extra');
    const { content: _omit, ...noContent } = logBody();
    expect((await duty.post('/api/duty/log', noContent)).status).toBe(400);
    expect((await duty.get('/api/duty/log?converted=yes')).status).toBe(400);
    expect((await duty.get('/api/duty/log?channel=pigeon')).status).toBe(400);
    expect((await duty.get('/api/duty/log?pageSize=1000')).status).toBe(400);
    expect((await duty.get('/api/duty/log/123')).status).toBe(400);
    expect((await duty.get('/api/duty/log')).body.total).toBe(0);
    expect((await duty.post('/api/duty/log', logBody({ receivedAt: at(0) }))).status).toBe(201);
  });
});

describe('turning a duty-log entry into a quick report', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp({ clock: testClock('2026-11-25T09:10:00+08:00') });
  });
  afterAll(() => t.close());

  it('starts the clock at the call, links the entry, and refuses a second conversion', async () => {
    const duty = await t.as('duty.370303');
    const call = await duty.post('/api/duty/log', logBody({ receivedAt: '2026-11-25T09:10:00+08:00' }));
    expect(call.status).toBe(201);

    t.clock.set('2026-11-25T09:40:00+08:00');
    const report = buildAccident({ occurredAt: '2026-11-25T09:00:00+08:00', dutyLogId: call.body.id }, t.clock.now());
    const created = await duty.post('/api/accidents', report);
    expect(created.status).toBe(201);
    const view = await duty.get(`/api/accidents/${created.body.id}`);
    expect(view.body.receivedAt).toBe(new Date('2026-11-25T09:10:00+08:00').toISOString());
    expect(view.body.flags).not.toContain('unit_late');

    const entry = await duty.get(`/api/duty/log/${call.body.id}`);
    expect(entry.body).toMatchObject({ accidentId: created.body.id, accidentRegionCode: '370303' });
    const converted = await duty.get('/api/duty/log?converted=true');
    expect(converted.body.items.map((i: { id: string }) => i.id)).toEqual([call.body.id]);

    const again = await duty.post('/api/accidents', { ...report, unitName: '另一单位', confirmNotDuplicate: true });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_CONVERTED');
  });
});

describe('demo duty data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp({ clock: testClock(NOW) });
    await seedDutyDemo(t.db, t.clock.now());
  });
  afterAll(() => t.close());

  it('staffs every bureau now and fills the Zibo duty logs', async () => {
    const now = await (await t.as('duty.000000')).get('/api/duty/now');
    expect(now.status).toBe(200);
    expect(now.body.items.length).toBeGreaterThan(10);
    for (const row of now.body.items) {
      expect(row.shift, row.regionCode).not.toBeNull();
      expect(row.officers.length, row.regionCode).toBeGreaterThan(0);
    }
    const duty = await t.as('duty.370303');
    expect((await duty.get('/api/duty/log')).body.total).toBe(3);
    expect((await duty.get('/api/duty/handovers')).body.total).toBe(1);
    expect((await duty.get('/api/duty/shifts')).body.items).toHaveLength(8);
  });
});
