/**
 * Browser-side defences, in one place:
 * - security headers by @fastify/helmet: a strict Content-Security-Policy (scripts only from our own origin, no
 *   inline script), no framing (`frame-ancestors 'none'` and X-Frame-Options), `nosniff`, `Referrer-Policy: same-origin`;
 * - `Cache-Control: no-store` on every API answer (case data, personal data and documents must not linger in a
 *   shared browser's or proxy's cache);
 * - a same-origin check on every state-changing request: SameSite=Lax alone treats every port of an intranet host as
 *   the same site, so a page on http://host:8080 could otherwise post to the platform on http://host:3000.
 */
import helmet from '@fastify/helmet';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * `style-src 'unsafe-inline'`: antd writes its CSS-in-JS into <style> elements at run time. Styles cannot run code;
 * scripts stay limited to our own files. No `upgrade-insecure-requests`: intranet installations often serve plain HTTP.
 */
const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  // A voice memo is played back from the device (blob:) before it syncs.
  mediaSrc: ["'self'", 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  workerSrc: ["'self'", 'blob:'],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

function crossSite(detail: string): AppError {
  return new AppError('CROSS_SITE_REQUEST', [{ path: 'origin', code: 'cross_site', message: detail }]);
}

/** host[:port] of an http(s) URL, normalised (lower case, default port dropped); null for "null" or garbage. */
function hostOf(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.host : null;
  } catch {
    return null;
  }
}

/**
 * A browser sends Origin with every POST, PUT, PATCH and DELETE (Referer as a fallback in older ones); it must name
 * the host the request was sent to. A request with neither comes from a program (curl, a script, a server), not from
 * a page another site opened, so it carries no cross-site risk and goes on to the session check.
 */
export function assertSameOrigin(req: FastifyRequest): void {
  if (SAFE_METHODS.has(req.method)) return;
  const origin = req.headers.origin;
  const referer = req.headers.referer;
  const claimed = origin ?? referer;
  if (claimed === undefined) return;
  const from = hostOf(claimed);
  if (from === null) throw crossSite('请求来源无效');
  if (from !== hostOf(`${req.protocol}://${req.host}`)) throw crossSite('不接受来自其他站点的请求');
}

export async function registerSecurity(app: FastifyInstance, opts: { https: boolean }): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    // HSTS only where the platform is served over HTTPS (COOKIE_SECURE): on a plain-HTTP intranet host it would
    // pin the host to HTTPS in every browser that ever saw it.
    strictTransportSecurity: opts.https ? { maxAge: 31_536_000 } : false,
    // Same-origin requests only: nothing of ours is meant to be embedded cross-origin.
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
  app.addHook('onRequest', async (req) => assertSameOrigin(req));
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    return payload;
  });
}
