/** Session cookie → request.actor. Routes declare a permission; the chain is auth → validate → handler. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Permission } from '../../contracts/policies.js';
import { type Actor, assertCan } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { resolveSession } from '../modules/auth/service.js';

export const SESSION_COOKIE = 'anjian_sid';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export function registerAuth(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return;
    const actor = await resolveSession(ctx.db, token, ctx.config, ctx.now());
    req.actor = actor && { ...actor, clientAddr: req.ip };
  });
}

/** The signed-in actor, or 401. */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('UNAUTHENTICATED');
  return req.actor;
}

/** preValidation: signed in (401 before the body is looked at). */
export async function requireActor(req: FastifyRequest): Promise<void> {
  actorOf(req);
}

/** preHandler: signed in and the role holds the permission (403 otherwise). */
export function requirePermission(permission: Permission) {
  return async (req: FastifyRequest, _reply: FastifyReply) => {
    assertCan(actorOf(req), permission);
  };
}
