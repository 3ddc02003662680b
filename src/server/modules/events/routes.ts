/** GET /api/events — Server-Sent Events for the signed-in user's jurisdiction. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { actorOf, SESSION_COOKIE } from '../../plugins/auth.js';
import { resolveSession } from '../auth/service.js';

const HEARTBEAT_MS = 15_000;

export function eventRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/events', { schema: { tags: ['events'], summary: '实时推送（SSE）' } }, (req, reply) => {
    const actor = actorOf(req);
    const token = req.cookies[SESSION_COOKIE] ?? '';
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write(`retry: 3000\n: connected ${ctx.now().toISOString()}\n\n`);
    const unsubscribe = ctx.bus.subscribe(actor, (event) => {
      res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
    });
    const close = () => {
      clearInterval(heartbeat);
      unsubscribe();
      endSession();
    };
    // The stream lives only as long as its session: logout ends it at once, expiry or a disabled
    // account at the next heartbeat. A heartbeat is not activity: it does not keep the session alive.
    const endSession = ctx.bus.onSessionEnd(token, () => res.end());
    const heartbeat = setInterval(async () => {
      const still = await resolveSession(ctx.db, token, ctx.config.sessionIdleMinutes, ctx.now(), {
        touch: false,
      }).catch(() => null);
      if (still) res.write(': ping\n\n');
      else res.end();
    }, HEARTBEAT_MS);
    req.raw.on('close', close);
  });
}
