/** HTTP surface of write-off (核销). Thin: auth → validate → service. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idempotencyHeaders, idParam } from '../../../contracts/common.js';
import {
  writeoffApproveBody,
  writeoffListQuery,
  writeoffRejectBody,
  writeoffRequestBody,
  writeoffWithdrawBody,
} from '../../../contracts/writeoff.js';
import type { AppContext } from '../../context.js';
import { actorOf, requirePermission } from '../../plugins/auth.js';
import * as service from './service.js';

export function writeoffRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['writeoff'];

  r.post(
    '/api/accidents/:id/writeoff-requests',
    {
      preValidation: requirePermission('writeoff.request'),
      schema: {
        tags,
        summary: '申请核销（归口统计的县级部门）',
        params: idParam,
        body: writeoffRequestBody,
        headers: idempotencyHeaders,
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await service.requestWriteoff(ctx, actorOf(req), req.params.id, req.body, req.headers['idempotency-key']),
        ),
  );

  r.get(
    '/api/accidents/:id/writeoff-requests',
    {
      preValidation: requirePermission('accident.read'),
      schema: { tags, summary: '事故的核销记录', params: idParam },
    },
    async (req) => service.accidentHistory(ctx, actorOf(req), req.params.id),
  );

  r.get(
    '/api/writeoff-requests',
    {
      preValidation: requirePermission('writeoff.read'),
      schema: { tags, summary: '核销申请列表（辖区内；toDecide=true 为待本单位审批）', querystring: writeoffListQuery },
    },
    async (req) => service.listRequests(ctx, actorOf(req), req.query),
  );

  r.get(
    '/api/writeoff-requests/:id',
    { preValidation: requirePermission('writeoff.read'), schema: { tags, summary: '核销申请详情', params: idParam } },
    async (req) => service.getRequest(ctx, actorOf(req), req.params.id),
  );

  r.post(
    '/api/writeoff-requests/:id/approve',
    {
      preValidation: requirePermission('writeoff.decide'),
      schema: { tags, summary: '同意核销', params: idParam, body: writeoffApproveBody.nullish() },
    },
    async (req) => service.decideWriteoff(ctx, actorOf(req), req.params.id, 'approve', req.body ?? {}),
  );

  r.post(
    '/api/writeoff-requests/:id/reject',
    {
      preValidation: requirePermission('writeoff.decide'),
      schema: { tags, summary: '不予核销（须说明理由）', params: idParam, body: writeoffRejectBody },
    },
    async (req) => service.decideWriteoff(ctx, actorOf(req), req.params.id, 'reject', req.body),
  );

  r.post(
    '/api/writeoff-requests/:id/withdraw',
    {
      preValidation: requirePermission('writeoff.request'),
      schema: { tags, summary: '撤回核销申请', params: idParam, body: writeoffWithdrawBody.nullish() },
    },
    async (req) => service.withdrawWriteoff(ctx, actorOf(req), req.params.id, req.body ?? {}),
  );
}
