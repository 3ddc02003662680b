/** /api/users (administrators: accounts of the jurisdiction) and PUT /api/auth/password (everyone: their own). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParam } from '../../../contracts/common.js';
import {
  changePasswordBody,
  createUserBody,
  resetPasswordBody,
  updateUserBody,
  usersQuery,
} from '../../../contracts/users.js';
import type { AppContext } from '../../context.js';
import { actorOf, requireActor, requirePermission, SESSION_COOKIE } from '../../plugins/auth.js';
import * as service from './service.js';

export function usersRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const manage = requirePermission('user.manage');
  const tags = ['users'];

  r.put(
    '/api/auth/password',
    { preValidation: requireActor, schema: { tags, summary: '修改本人密码', body: changePasswordBody } },
    async (req) => {
      await service.changeOwnPassword(ctx, actorOf(req), req.cookies[SESSION_COOKIE] ?? '', req.body);
      return { ok: true };
    },
  );
  r.get(
    '/api/users',
    { preValidation: manage, schema: { tags, summary: '本辖区用户', querystring: usersQuery } },
    async (req) => service.listUsers(ctx, actorOf(req), req.query),
  );
  r.post(
    '/api/users',
    { preValidation: manage, schema: { tags, summary: '新建用户', body: createUserBody } },
    async (req, reply) => reply.code(201).send(await service.createUser(ctx, actorOf(req), req.body)),
  );
  r.patch(
    '/api/users/:id',
    {
      preValidation: manage,
      schema: { tags, summary: '修改用户（姓名、角色、电话、停用）', params: idParam, body: updateUserBody },
    },
    async (req) => service.updateUser(ctx, actorOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/users/:id/password',
    { preValidation: manage, schema: { tags, summary: '重置用户密码', params: idParam, body: resetPasswordBody } },
    async (req) => {
      await service.resetPassword(ctx, actorOf(req), req.params.id, req.body.password);
      return { ok: true };
    },
  );
}
