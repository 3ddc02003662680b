/**
 * Accounts over the API (both engines): one's own password (current one required, other sessions end, the new one
 * signs in), and an administrator's user management inside the jurisdiction — create, change, disable (sessions end
 * at once), reset; the denials: another role, another jurisdiction, locking oneself out; bad input; every change
 * audited without a password in it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../db/seed/demo.js';
import { type TestApp, testApp, testClock } from '../../testing/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ clock: testClock('2026-12-05T10:00:00+08:00') });
});
afterAll(() => t.close());

const NEW_PASSWORD = 'Zibo2026duty';

describe('own password', () => {
  it('needs the current password; ends the other sessions; the new one signs in, the old one no longer', async () => {
    const here = await t.as('stats.370304');
    const elsewhere = await t.as('stats.370304');
    const wrong = await here.put('/api/auth/password', { currentPassword: 'nope', newPassword: NEW_PASSWORD });
    expect([wrong.status, wrong.body.error.fields?.[0]?.path ?? wrong.body.error.details?.[0]?.path]).toEqual([
      400,
      'currentPassword',
    ]);
    const weak = await here.put('/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'short1' });
    expect(weak.status).toBe(400);
    const ok = await here.put('/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: NEW_PASSWORD });
    expect(ok.status).toBe(200);
    expect((await here.get('/api/auth/me')).status).toBe(200);
    expect((await elsewhere.get('/api/auth/me')).status).toBe(401);
    const login = (password: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'stats.370304', password } });
    expect((await login(DEMO_PASSWORD)).statusCode).toBe(401);
    expect((await login(NEW_PASSWORD)).statusCode).toBe(200);
    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .select(['after', 'before'])
      .where('action', '=', 'user.password_change')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(NEW_PASSWORD);
  });

  it('is refused without a session (401) and with unknown fields (400)', async () => {
    const anon = await t.app.inject({ method: 'PUT', url: '/api/auth/password', payload: {} });
    expect(anon.statusCode).toBe(401);
    const c = await t.as('duty.370305');
    expect(
      (await c.put('/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: NEW_PASSWORD, x: 1 })).status,
    ).toBe(400);
  });
});

describe('user management by an administrator', () => {
  it('lists the accounts of its jurisdiction only, with a search', async () => {
    const admin = await t.as('admin.370300');
    const res = await admin.get('/api/users?pageSize=200');
    expect(res.status).toBe(200);
    expect(res.body.items.every((u: { org: { regionCode: string } }) => u.org.regionCode.startsWith('3703'))).toBe(
      true,
    );
    expect(res.body.items.some((u: { username: string }) => u.username === 'duty.370303')).toBe(true);
    const found = await admin.get('/api/users?q=duty.3703');
    expect(found.body.items.every((u: { username: string }) => u.username.includes('duty.3703'))).toBe(true);
    expect((await admin.get('/api/users?regionCode=370100')).status).toBe(404);
  });

  it('creates a bureau account in its jurisdiction, which signs in; a taken name or another region is refused', async () => {
    const admin = await t.as('admin.370300');
    const body = {
      username: 'li.duty',
      displayName: '李值班',
      role: 'duty',
      regionCode: '370303',
      password: NEW_PASSWORD,
    };
    const created = await admin.post('/api/users', body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ username: 'li.duty', role: 'duty', roleLabel: '值班员', disabled: false });
    expect(created.body.org.regionCode).toBe('370303');
    const again = await admin.post('/api/users', body);
    expect([again.status, JSON.stringify(again.body)]).toEqual([400, expect.stringContaining('username')]);
    const outside = await admin.post('/api/users', { ...body, username: 'li.jinan', regionCode: '370102' });
    expect(outside.status).toBe(400);
    const enterprise = await admin.post('/api/users', { ...body, username: 'li.ent', role: 'enterprise' });
    expect(enterprise.status).toBe(400);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'li.duty', password: NEW_PASSWORD },
    });
    expect(login.statusCode).toBe(200);
    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'user.create')
      .where('entity_id', '=', created.body.id)
      .executeTakeFirstOrThrow();
    expect(audit.region_code).toBe('370303');
    expect(JSON.stringify(audit.after)).not.toContain(NEW_PASSWORD);
  });

  it('changes a role, disables (sessions end at once) and re-enables, resets a password', async () => {
    const admin = await t.as('admin.370300');
    const victim = await t.as('inspector.370305');
    const list = await admin.get('/api/users?q=inspector.370305');
    const id = list.body.items[0].id as string;
    const changed = await admin.patch(`/api/users/${id}`, { role: 'stats', phone: '0533-1234567' });
    expect(changed.body).toMatchObject({ role: 'stats', phone: '0533-1234567' });
    expect((await admin.patch(`/api/users/${id}`, { disabled: true })).body.disabled).toBe(true);
    expect((await victim.get('/api/auth/me')).status).toBe(401);
    const login = (password: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'inspector.370305', password } });
    expect((await login(DEMO_PASSWORD)).statusCode).toBe(401);
    expect((await admin.patch(`/api/users/${id}`, { disabled: false })).body.disabled).toBe(false);
    expect((await admin.post(`/api/users/${id}/password`, { password: NEW_PASSWORD })).status).toBe(200);
    expect((await login(DEMO_PASSWORD)).statusCode).toBe(401);
    expect((await login(NEW_PASSWORD)).statusCode).toBe(200);
    const trail = await admin.get(`/api/audit?entityType=user&entityId=${id}`);
    expect(trail.body.items.map((r: { action: string }) => r.action)).toEqual(
      expect.arrayContaining(['user.update', 'user.password_reset']),
    );
  });

  it('refuses: locking oneself out, other jurisdictions (404), other roles (403), empty changes (400)', async () => {
    const admin = await t.as('admin.370300');
    const me = (await admin.get('/api/auth/me')).body.user.id as string;
    expect((await admin.patch(`/api/users/${me}`, { disabled: true })).status).toBe(400);
    expect((await admin.patch(`/api/users/${me}`, { role: 'duty' })).status).toBe(400);
    expect((await admin.patch(`/api/users/${me}`, {})).status).toBe(400);
    const jinan = (await (await t.as('admin.370100')).get('/api/users?q=duty.370102')).body.items[0].id as string;
    expect((await admin.patch(`/api/users/${jinan}`, { disabled: true })).status).toBe(404);
    expect((await admin.post(`/api/users/${jinan}/password`, { password: NEW_PASSWORD })).status).toBe(404);
    const duty = await t.as('duty.370300');
    expect((await duty.get('/api/users')).status).toBe(403);
    expect((await duty.patch(`/api/users/${jinan}`, { disabled: true })).status).toBe(403);
    const ent = await t.as('ent.91370303MA3C4B2X1Y');
    expect((await ent.get('/api/users')).status).toBe(403);
  });
});
