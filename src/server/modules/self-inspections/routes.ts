/** HTTP surface of 企业自查. Thin: auth → validate → service. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idempotencyHeaders, idParam } from '../../../contracts/common.js';
import { createSelfInspectionBody, selfInspectionListQuery } from '../../../contracts/self-inspections.js';
import type { AppContext } from '../../context.js';
import { actorOf, requirePermission } from '../../plugins/auth.js';
import * as service from './service.js';

export function selfInspectionRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['self-inspections'];
  const read = requirePermission('self_inspection.read');
  const write = requirePermission('self_inspection.write');

  r.post(
    '/api/self-inspections',
    {
      preValidation: write,
      schema: {
        tags,
        summary: '企业自查（按检查事项库逐项检查，不符合项自查自报为隐患）',
        body: createSelfInspectionBody,
        headers: idempotencyHeaders,
      },
    },
    async (req, reply) => {
      const res = await service.createSelfInspection(ctx, actorOf(req), req.body, req.headers['idempotency-key']);
      return reply.code(res.status).send(res.body);
    },
  );

  r.get(
    '/api/self-inspections',
    { preValidation: read, schema: { tags, summary: '企业自查记录', querystring: selfInspectionListQuery } },
    async (req) => service.listSelfInspections(ctx, actorOf(req), req.query),
  );

  r.get(
    '/api/self-inspections/:id',
    { preValidation: read, schema: { tags, summary: '企业自查详情', params: idParam } },
    async (req) => service.getSelfInspection(ctx, actorOf(req), req.params.id),
  );
}
