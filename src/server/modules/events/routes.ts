/** GET /api/events — Server-Sent Events for the signed-in user's jurisdiction. */
import type { FastifyInstance } from 'fastify';
import type { LiveEvent as PublicLiveEvent } from '../../../contracts/events.js';
import type { AppContext } from '../../context.js';
import { actorOf, SESSION_COOKIE } from '../../plugins/auth.js';
import { resolveSession } from '../auth/service.js';
import type { LiveEvent } from './bus.js';

const HEARTBEAT_MS = 15_000;
/** Live streams one session may hold open (a few tabs); a new one beyond it closes the session's oldest. */
export const MAX_STREAMS_PER_SESSION = 5;

/**
 * The open streams of each session, oldest first, in this process. (With several instances behind a balancer each
 * instance counts its own: a session then holds at most this many per instance.)
 */
function streamRegistry() {
  const bySession = new Map<string, (() => void)[]>();
  return {
    open(token: string, end: () => void): () => void {
      const streams = bySession.get(token) ?? [];
      streams.push(end);
      bySession.set(token, streams);
      if (streams.length > MAX_STREAMS_PER_SESSION) streams.shift()?.();
      return () => {
        const left = (bySession.get(token) ?? []).filter((e) => e !== end);
        if (left.length) bySession.set(token, left);
        else bySession.delete(token);
      };
    },
  };
}

export function eventRoutes(app: FastifyInstance, ctx: AppContext): void {
  const streams = streamRegistry();
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
      res.write(`event: ${event.type}\ndata: ${JSON.stringify(publicPart(event))}\n\n`);
    });
    const forget = streams.open(token, () => res.end());
    const close = () => {
      clearInterval(heartbeat);
      unsubscribe();
      endSession();
      forget();
    };
    // The stream lives only as long as its session: logout ends it at once, expiry or a disabled
    // account at the next heartbeat. A heartbeat is not activity: it does not keep the session alive.
    const endSession = ctx.bus.onSessionEnd(token, () => res.end());
    const heartbeat = setInterval(async () => {
      const still = await resolveSession(ctx.db, token, ctx.config, ctx.now(), {
        touch: false,
      }).catch(() => null);
      if (still) res.write(': ping\n\n');
      else res.end();
    }, HEARTBEAT_MS);
    req.raw.on('close', close);
  });
}

/** What a subscriber receives: the public event, without the routing fields that say who else may hear of it. */
function publicPart(event: LiveEvent): PublicLiveEvent {
  const { type, regionCode, at, actorId, data } = event;
  return { type, regionCode, at, ...(actorId === undefined ? {} : { actorId }), data };
}
