import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorByUsername } from '../../db/seed/demo.js';
import { buildAccident, type TestApp, testApp, testClock } from '../../testing/harness.js';
import { checkDeadlines } from '../accidents/deadline-watcher.js';
import type { LiveEvent } from './bus.js';
import { MAX_STREAMS_PER_SESSION } from './routes.js';

const HOUR = 3_600_000;

/** Opens the real SSE stream over HTTP and collects parsed events. */
async function openStream(baseUrl: string, cookie: string) {
  const controller = new AbortController();
  const res = await fetch(`${baseUrl}/api/events`, { headers: { cookie }, signal: controller.signal });
  const events: LiveEvent[] = [];
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const pump = (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let cut = buffer.indexOf('\n\n');
      while (cut >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const data = block.split('\n').find((l) => l.startsWith('data: '));
        if (data) events.push(JSON.parse(data.slice(6)) as LiveEvent);
        cut = buffer.indexOf('\n\n');
      }
    }
  })();
  return {
    status: res.status,
    events,
    async waitFor(pred: (e: LiveEvent) => boolean, ms = 3000) {
      const start = Date.now();
      while (Date.now() - start < ms) {
        const hit = events.find(pred);
        if (hit) return hit;
        await new Promise((r) => setTimeout(r, 20));
      }
      return undefined;
    },
    /** Resolves when the server ends the stream. */
    ended: pump,
    close() {
      controller.abort();
      return pump;
    },
  };
}

describe('live push and deadline alerts', () => {
  let t: TestApp;
  let baseUrl: string;
  beforeAll(async () => {
    t = await testApp({ clock: testClock('2026-11-25T10:00:00+08:00') });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const addr = t.app.server.address();
    baseUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  });
  afterAll(() => t.close());

  it('pushes a new report to every level of the chain, and not to other regions', async () => {
    const city = await openStream(baseUrl, (await t.as('duty.370300')).cookie);
    const province = await openStream(baseUrl, (await t.as('leader.370000')).cookie);
    const jinan = await openStream(baseUrl, (await t.as('duty.370100')).cookie);
    expect(city.status).toBe(200);
    const county = await t.as('duty.370303');
    const created = await county.post('/api/accidents', buildAccident({}, t.clock.now()));
    expect(created.status).toBe(201);
    const seen = await city.waitFor((e) => e.type === 'accident.created' && e.data.id === created.body.id);
    expect(seen?.regionCode).toBe('370303');
    // Who else may hear of it stays on the server.
    expect(Object.keys(seen ?? {}).sort()).toEqual(['actorId', 'at', 'data', 'regionCode', 'type']);
    expect(await province.waitFor((e) => e.data.id === created.body.id)).toBeDefined();
    expect(await jinan.waitFor((e) => e.data.id === created.body.id, 300)).toBeUndefined();

    await county.post(`/api/accidents/${created.body.id}/forward`, {});
    expect(await city.waitFor((e) => e.type === 'accident.forwarded' && e.data.id === created.body.id)).toBeDefined();
    await Promise.all([city.close(), province.close(), jinan.close()]);
  });

  it('ends the stream when its session ends', async () => {
    const county = await t.as('duty.370302');
    const stream = await openStream(baseUrl, county.cookie);
    expect((await county.post('/api/auth/logout')).status).toBe(200);
    const closed = await Promise.race([
      stream.ended.then(() => 'ended'),
      new Promise((r) => setTimeout(() => r('open'), 2000)),
    ]);
    expect(closed).toBe('ended');
    await stream.close();
  });

  it('holds at most 5 streams per session: a sixth closes the oldest, the others stay open', async () => {
    const cookie = (await t.as('duty.370305')).cookie;
    const streams = [];
    for (let i = 0; i < MAX_STREAMS_PER_SESSION; i++) streams.push(await openStream(baseUrl, cookie));
    const state = (s: Awaited<ReturnType<typeof openStream>>) =>
      Promise.race([s.ended.then(() => 'ended'), new Promise((r) => setTimeout(() => r('open'), 300))]);
    const sixth = await openStream(baseUrl, cookie);
    expect(sixth.status).toBe(200);
    expect(await state(streams[0] as Awaited<ReturnType<typeof openStream>>)).toBe('ended');
    for (const s of [...streams.slice(1), sixth]) expect(await state(s)).toBe('open');
    // Another session of the same user has streams of its own.
    const other = await openStream(baseUrl, (await t.as('duty.370305')).cookie);
    expect(await state(streams[1] as Awaited<ReturnType<typeof openStream>>)).toBe('open');
    await Promise.all([...streams, sixth, other].map((s) => s.close()));
  });

  it('refuses the stream without a session', async () => {
    const res = await fetch(`${baseUrl}/api/events`);
    expect(res.status).toBe(401);
  });

  it('warns 15 minutes before a deadline and when it passes, once each', async () => {
    const events: LiveEvent[] = [];
    const county = await t.as('duty.370304');
    const body = buildAccident({ regionCode: '370304' }, t.clock.now());
    const created = await county.post('/api/accidents', { ...body, receivedAt: t.clock.now().toISOString() });
    expect(created.status).toBe(201);
    const unsubscribe = t.ctx.bus.subscribe(await actorByUsername(t.db, 'duty.370300'), (e) => events.push(e));
    const forId = (stage: string) => events.filter((e) => e.type === stage && e.data.id === created.body.id);

    t.clock.advance(2 * HOUR - 16 * 60_000);
    await checkDeadlines(t.ctx);
    expect(forId('deadline.soon')).toHaveLength(0);

    t.clock.advance(2 * 60_000);
    await checkDeadlines(t.ctx);
    await checkDeadlines(t.ctx);
    expect(forId('deadline.soon').map((e) => e.data.deadline)).toEqual(['chain:county']);

    t.clock.advance(15 * 60_000);
    await checkDeadlines(t.ctx);
    await checkDeadlines(t.ctx);
    expect(forId('deadline.passed').map((e) => e.data.deadline)).toEqual(['chain:county']);
    unsubscribe();
  });
});
