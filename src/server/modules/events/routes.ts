/** GET /api/events — Server-Sent Events for the signed-in user's jurisdiction. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../plugins/auth.js';

const HEARTBEAT_MS = 25_000;

export function eventRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/events', { schema: { tags: ['events'], summary: '实时推送（SSE）' } }, (req, reply) => {
    const actor = actorOf(req);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write(`retry: 3000\n: connected ${new Date().toISOString()}\n\n`);
    const unsubscribe = ctx.bus.subscribe(actor, (event) => {
      res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
    req.raw.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  });
}
