import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { text } from '../../../contracts/common.js';
import { ROLE_LABELS } from '../../../contracts/policies.js';
import type { AppContext } from '../../context.js';
import { actorOf, SESSION_COOKIE } from '../../plugins/auth.js';
import { login, logout } from './service.js';

const loginBody = z.object({
  username: text(100).min(1, { message: '请输入用户名' }),
  password: z.string().min(1, { message: '请输入密码' }).max(200),
});

export function presentActor(actor: ReturnType<typeof actorOf>) {
  return {
    id: actor.userId,
    username: actor.username,
    displayName: actor.displayName,
    role: actor.role,
    roleLabel: ROLE_LABELS[actor.role],
    org: {
      id: actor.orgId,
      name: actor.orgName,
      kind: actor.orgKind,
      regionCode: actor.regionCode,
      level: actor.regionLevel,
    },
    regionCode: actor.regionCode,
    regionLevel: actor.regionLevel,
  };
}

export function authRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post('/api/auth/login', { schema: { tags: ['auth'], summary: '登录', body: loginBody } }, async (req, reply) => {
    const { token, actor } = await login(ctx.db, req.body.username, req.body.password, ctx.now(), req.ip);
    reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: ctx.config.secureCookies,
      path: '/',
    });
    return { user: presentActor(actor) };
  });
  r.post('/api/auth/logout', { schema: { tags: ['auth'], summary: '退出登录' } }, async (req, reply) => {
    // The cookie goes even when its session already expired: a stale cookie must not outlive "退出登录".
    // Only the end of a live session is audited.
    const token = req.cookies[SESSION_COOKIE] ?? '';
    if (req.actor) await logout(ctx.db, token, req.actor);
    ctx.bus.endSession(token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });
  r.get('/api/auth/me', { schema: { tags: ['auth'], summary: '当前用户' } }, async (req) => ({
    user: presentActor(actorOf(req)),
  }));
}
