/**
 * A per-address request budget for the routes anyone may call without signing in (一公开 pages): a fixed window of
 * `limit` requests per `windowMs` per client address, then 429 TOO_MANY_REQUESTS with Retry-After until the window
 * ends. In-process: each instance counts its own requests, which bounds what one address can cost each instance.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';

interface Window {
  start: number;
  count: number;
}

/** Requests per minute one address may make to the public pages. */
export const PUBLIC_LIMIT_PER_MINUTE = 60;

/** Addresses remembered at most; past it, windows that have ended are forgotten first. */
const MAX_ADDRESSES = 10_000;

export function publicThrottle(opts: { limit: number; windowMs: number; now: () => Date }) {
  const windows = new Map<string, Window>();
  const forgetEnded = (t: number) => {
    for (const [addr, w] of windows) if (t - w.start >= opts.windowMs) windows.delete(addr);
    // Still full (a flood of distinct addresses): start afresh rather than grow without bound.
    if (windows.size >= MAX_ADDRESSES) windows.clear();
  };
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const t = opts.now().getTime();
    let w = windows.get(req.ip);
    if (!w || t - w.start >= opts.windowMs) {
      if (!w && windows.size >= MAX_ADDRESSES) forgetEnded(t);
      w = { start: t, count: 0 };
      windows.set(req.ip, w);
    }
    w.count += 1;
    if (w.count > opts.limit) {
      reply.header('retry-after', String(Math.max(1, Math.ceil((w.start + opts.windowMs - t) / 1000))));
      throw new AppError('TOO_MANY_REQUESTS');
    }
  };
}
