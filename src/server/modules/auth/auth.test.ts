import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp, testClock } from '../../testing/harness.js';

describe('auth', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp({ clock: testClock('2026-11-25T10:00:00+08:00') });
  });
  afterAll(() => t.close());

  it('signs in a demo user and returns the session user', async () => {
    const c = await t.as('duty.370303');
    const me = await c.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ username: 'duty.370303', role: 'duty', regionCode: '370303' });
  });

  it('rejects a wrong password with 401 and no session', async () => {
    const res = await t.anonymous().post('/api/auth/login', { username: 'duty.370303', password: 'nope' });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('INVALID_CREDENTIALS');
  });

  it('locks the account after 5 failures within 15 minutes, for 15 minutes', async () => {
    const anon = t.anonymous();
    for (let i = 0; i < 5; i++) {
      expect((await anon.post('/api/auth/login', { username: 'stats.370304', password: 'bad' })).status).toBe(401);
    }
    const locked = await anon.post('/api/auth/login', { username: 'stats.370304', password: 'Anjian@2026' });
    expect(locked.status).toBe(423);
    expect(locked.body.error.code).toBe('ACCOUNT_LOCKED');
    t.clock.advance(15 * 60_000 + 1000);
    expect((await anon.post('/api/auth/login', { username: 'stats.370304', password: 'Anjian@2026' })).status).toBe(
      200,
    );
  });

  const login = (username: string, password: string) => t.anonymous().post('/api/auth/login', { username, password });

  it('10 parallel correct sign-ins of one user all succeed (a check is counted only when it fails)', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => login('duty.370321', 'Anjian@2026')));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
  });

  it('10 parallel wrong passwords: at most 5 are checked, the account locks, then even the right one is refused', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => login('admin.370305', `bad${i}`)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 423)).toHaveLength(5);
    expect((await login('admin.370305', 'Anjian@2026')).status).toBe(423);
  });

  it('an unknown name locks exactly like a real one, with the same answers', async () => {
    const real = await Promise.all(Array.from({ length: 10 }, () => login('stats.370305', 'wrong')));
    const unknown = await Promise.all(Array.from({ length: 10 }, () => login('nobody.370305', 'wrong')));
    const shape = (rs: typeof real) => rs.map((r) => [r.status, r.body.error.code]).sort();
    expect(shape(unknown)).toEqual(shape(real));
    const [lockedReal, lockedUnknown] = [await login('stats.370305', 'x'), await login('nobody.370305', 'x')];
    expect(lockedUnknown.status).toBe(423);
    expect(lockedUnknown.body.error.message).toBe(lockedReal.body.error.message);
    expect(lockedUnknown.body.error.details[0].message).toMatch(/^账号锁定至 /);
    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'region_code'])
      .where('entity_type', '=', 'login_name')
      .where('entity_id', '=', 'nobody.370305')
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['auth.locked', ...Array(4).fill('auth.login_failed')]);
    expect(audit.every((a) => a.region_code === '000000')).toBe(true);
  });

  it('a success clears the count: four failures, a success, four more do not lock', async () => {
    for (let i = 0; i < 4; i++) expect((await login('leader.370305', 'bad')).status).toBe(401);
    expect((await login('leader.370305', 'Anjian@2026')).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await login('leader.370305', 'bad')).status).toBe(401);
    expect((await login('leader.370305', 'Anjian@2026')).status).toBe(200);
  });

  it('failures older than the window no longer count', async () => {
    for (let i = 0; i < 4; i++) await login('inspector.370305', 'bad');
    t.clock.advance(15 * 60_000 + 1000);
    for (let i = 0; i < 4; i++) expect((await login('inspector.370305', 'bad')).status).toBe(401);
    expect((await login('inspector.370305', 'Anjian@2026')).status).toBe(200);
  });

  it('records failed sign-ins in the audit trail', async () => {
    await t.anonymous().post('/api/auth/login', { username: 'inspector.370306', password: 'bad' });
    const rows = await t.db.kysely
      .selectFrom('audit_log')
      .innerJoin('users', (j) => j.on(sql`users.id::text`, '=', sql.ref('audit_log.entity_id')))
      .select('action')
      .where('users.username', '=', 'inspector.370306')
      .execute();
    expect(rows.map((r) => r.action)).toContain('auth.login_failed');
  });

  it('four failures do not lock', async () => {
    const anon = t.anonymous();
    for (let i = 0; i < 4; i++) await anon.post('/api/auth/login', { username: 'leader.370304', password: 'bad' });
    expect((await anon.post('/api/auth/login', { username: 'leader.370304', password: 'Anjian@2026' })).status).toBe(
      200,
    );
  });

  it('expires an idle session after 30 minutes', async () => {
    const c = await t.as('duty.370305');
    t.clock.advance(29 * 60_000);
    expect((await c.get('/api/auth/me')).status).toBe(200);
    t.clock.advance(31 * 60_000);
    expect((await c.get('/api/auth/me')).status).toBe(401);
  });

  it('ends a session 12 hours after sign-in however active it is (SESSION_MAX_HOURS)', async () => {
    const c = await t.as('duty.370302');
    // Used every 25 minutes (never idle for 30): 28 × 25 min = 11 h 40 min still works, 12 h 5 min does not.
    for (let i = 0; i < 28; i++) {
      t.clock.advance(25 * 60_000);
      expect((await c.get('/api/auth/me')).status).toBe(200);
    }
    t.clock.advance(25 * 60_000);
    expect((await c.get('/api/auth/me')).status).toBe(401);
  });

  it('logout ends the session', async () => {
    const c = await t.as('duty.370306');
    expect((await c.post('/api/auth/logout')).status).toBe(200);
    expect((await c.get('/api/auth/me')).status).toBe(401);
  });

  it('logout after the session expired still clears the cookie, with 200 and no audit row', async () => {
    const c = await t.as('leader.370306');
    t.clock.advance(31 * 60_000);
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: c.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    expect(String(res.headers['set-cookie'])).toMatch(/^anjian_sid=;.*Expires=Thu, 01 Jan 1970/);
    const logouts = await t.db.kysely
      .selectFrom('audit_log')
      .innerJoin('users', (j) => j.on(sql`users.id::text`, '=', sql.ref('audit_log.entity_id')))
      .select('action')
      .where('users.username', '=', 'leader.370306')
      .where('action', '=', 'auth.logout')
      .execute();
    expect(logouts).toEqual([]);
    expect((await t.anonymous().post('/api/auth/logout')).status).toBe(200);
  });

  it('a username with a NUL byte is a 400, not a database error', async () => {
    const res = await t.anonymous().post('/api/auth/login', { username: 'duty\u0000.370303', password: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('username');
  });

  it('serves health without a session', async () => {
    const res = await t.anonymous().get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', db: t.db.engine });
  });
});
