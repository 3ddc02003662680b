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

  it('parallel guesses cannot get past the limit: at most 5 passwords are checked', async () => {
    const anon = t.anonymous();
    const guesses = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        anon.post('/api/auth/login', { username: 'admin.370305', password: i === 11 ? 'Anjian@2026' : `bad${i}` }),
      ),
    );
    const statuses = guesses.map((g) => g.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 423).length).toBeGreaterThanOrEqual(6);
    const after = await anon.post('/api/auth/login', { username: 'admin.370305', password: 'Anjian@2026' });
    if (!statuses.includes(200)) expect(after.status).toBe(423);
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
