/**
 * Two instances on one PostgreSQL (issue 9, bar 1): a report filed on instance A reaches an SSE client of instance B
 * within 1 s, with the same jurisdiction filter; logout on A ends the session's stream on B. (PGlite is one process:
 * skipped there.)
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import type { AppContext } from '../../context.js';
import { connect, type Db } from '../../db/connection.js';
import { actorByUsername } from '../../db/seed/demo.js';
import { buildAccident, type TestApp, testApp, testClock } from '../../testing/harness.js';
import { checkDeadlines } from '../accidents/deadline-watcher.js';
import type { LiveEvent } from './bus.js';

const postgres = process.env.ANJIAN_TEST_ENGINE === 'postgres';

async function listening(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  return `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
}

async function login(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'Anjian@2026' }),
  });
  return (res.headers.getSetCookie()[0] ?? '').split(';')[0] as string;
}

/** An SSE stream's events, as they arrive. */
async function stream(base: string, cookie: string) {
  const controller = new AbortController();
  const res = await fetch(`${base}/api/events`, { headers: { cookie }, signal: controller.signal });
  const events: (LiveEvent & { receivedMs: number })[] = [];
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const ended = (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      for (let cut = buffer.indexOf('\n\n'); cut >= 0; cut = buffer.indexOf('\n\n')) {
        const data = buffer
          .slice(0, cut)
          .split('\n')
          .find((l) => l.startsWith('data: '));
        buffer = buffer.slice(cut + 2);
        if (data) events.push({ ...(JSON.parse(data.slice(6)) as LiveEvent), receivedMs: Date.now() });
      }
    }
  })();
  return { events, ended, close: () => controller.abort() };
}

describe.skipIf(!postgres)('two instances on one PostgreSQL', () => {
  let t: TestApp;
  let dbB: Db;
  let b: FastifyInstance;
  let baseA: string;
  let baseB: string;
  let ctxB: AppContext;
  beforeAll(async () => {
    t = await testApp({ clock: testClock(), sessionIdleMinutes: 365 * 24 * 60, sessionMaxHours: 365 * 24 });
    baseA = await listening(t.app);
    dbB = await connect({ databaseUrl: t.db.url, poolSize: 5 });
    ({ app: b, ctx: ctxB } = await buildApp({
      db: dbB,
      config: loadConfig({}),
      now: t.clock.now,
      webDir: '/nonexistent',
    }));
    baseB = await listening(b);
  });
  afterAll(async () => {
    await b?.close();
    await dbB?.close();
    await t?.close();
  });

  it('a report filed on A reaches a city SSE client of B within 1 s, and not a neighbouring city', async () => {
    const city = await stream(baseB, await login(baseB, 'duty.370300'));
    const jinan = await stream(baseB, await login(baseB, 'duty.370100'));
    await new Promise((r) => setTimeout(r, 200));
    const county = await login(baseA, 'duty.370303');
    const sent = Date.now();
    const res = await fetch(`${baseA}/api/accidents`, {
      method: 'POST',
      headers: { cookie: county, 'content-type': 'application/json' },
      body: JSON.stringify(buildAccident()),
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    for (let i = 0; i < 50 && !city.events.some((e) => e.data.id === id); i++)
      await new Promise((r) => setTimeout(r, 20));
    const seen = city.events.find((e) => e.type === 'accident.created' && e.data.id === id);
    expect(seen).toBeDefined();
    expect((seen?.receivedMs ?? Number.POSITIVE_INFINITY) - sent).toBeLessThan(1000);
    await new Promise((r) => setTimeout(r, 300));
    expect(jinan.events.some((e) => e.data.id === id)).toBe(false);
    city.close();
    jinan.close();
  });

  it('logout on A ends the session’s stream on B', async () => {
    const cookie = await login(baseA, 'duty.370302');
    const s = await stream(baseB, cookie);
    await new Promise((r) => setTimeout(r, 200));
    await fetch(`${baseA}/api/auth/logout`, { method: 'POST', headers: { cookie } });
    const state = await Promise.race([
      s.ended.then(() => 'ended'),
      new Promise((r) => setTimeout(() => r('open'), 2000)),
    ]);
    expect(state).toBe('ended');
    s.close();
  });

  it('each deadline alert is sent exactly once while both instances watch; with A gone, B still alerts', async () => {
    const cityActor = await actorByUsername(t.db, 'duty.370300');
    const onA: LiveEvent[] = [];
    const onB: LiveEvent[] = [];
    t.ctx.bus.subscribe(cityActor, (e) => onA.push(e));
    ctxB.bus.subscribe(cityActor, (e) => onB.push(e));
    const county = await t.as('duty.370303');
    const created = await county.post('/api/accidents', {
      ...buildAccident({}, t.clock.now()),
      receivedAt: t.clock.now().toISOString(),
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const alerts = (events: LiveEvent[], stage: string, deadline: string) =>
      events.filter((e) => e.type === stage && e.data.id === id && e.data.deadline === deadline);

    // The county's 2-hour deadline passes: both instances tick at once, several times.
    t.clock.advance(2 * 3_600_000 + 60_000);
    await Promise.all([checkDeadlines(t.ctx), checkDeadlines(ctxB), checkDeadlines(t.ctx), checkDeadlines(ctxB)]);
    await new Promise((r) => setTimeout(r, 500));
    expect(alerts(onA, 'deadline.passed', 'chain:county')).toHaveLength(1);
    expect(alerts(onB, 'deadline.passed', 'chain:county')).toHaveLength(1);

    // Instance A dies (its database connections go, nothing is released); the 24 h node later passes: B alerts.
    await t.app.close();
    t.clock.advance(24 * 3_600_000);
    await checkDeadlines(ctxB);
    await new Promise((r) => setTimeout(r, 200));
    expect(alerts(onB, 'deadline.passed', 'node:24h')).toHaveLength(0); // a complete report: the 24 h node is done
    expect(alerts(onB, 'deadline.passed', 'node:7d')).toHaveLength(0);
    t.clock.advance(7 * 24 * 3_600_000);
    await checkDeadlines(ctxB);
    await new Promise((r) => setTimeout(r, 200));
    expect(alerts(onB, 'deadline.passed', 'node:7d')).toHaveLength(1);
  });
});
