/** HTTP surface of quick reports. Thin: auth → validate → service. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  accidentSummaryQuery,
  createAccidentBody,
  followupBody,
  forwardBody,
  listAccidentsQuery,
  signBody,
} from '../../../contracts/accidents.js';
import { idempotencyHeaders, idParam } from '../../../contracts/common.js';
import type { AppContext } from '../../context.js';
import { sendExport } from '../../documents/download.js';
import { actorOf, requirePermission } from '../../plugins/auth.js';
import { exportAccidents } from './export.js';
import * as service from './service.js';

export function accidentRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['accidents'];

  r.get(
    '/api/accidents',
    {
      preValidation: requirePermission('accident.read'),
      schema: { tags, summary: '事故快报列表', querystring: listAccidentsQuery },
    },
    async (req) => service.listAccidents(ctx, actorOf(req), req.query),
  );

  r.get(
    '/api/accidents/export.xlsx',
    {
      preValidation: requirePermission('accident.read'),
      schema: {
        tags,
        summary: '导出事故快报列表（.xlsx，筛选条件同列表，最多10000起）',
        querystring: listAccidentsQuery.omit({ page: true, pageSize: true }),
      },
    },
    async (req, reply) => {
      const file = await exportAccidents(ctx, actorOf(req), req.query);
      return sendExport(reply, file);
    },
  );

  r.get(
    '/api/accidents/summary',
    {
      preValidation: requirePermission('accident.read'),
      schema: { tags, summary: '事故统计概览（按日）', querystring: accidentSummaryQuery },
    },
    async (req) => service.accidentSummary(ctx, actorOf(req), req.query),
  );

  r.post(
    '/api/accidents',
    {
      preValidation: requirePermission('accident.create'),
      schema: { tags, summary: '报送事故快报', body: createAccidentBody, headers: idempotencyHeaders },
    },
    async (req, reply) => {
      const result = await service.createAccident(ctx, actorOf(req), req.body, req.headers['idempotency-key']);
      return reply.code(result.status).send(result.body);
    },
  );

  r.get(
    '/api/accidents/:id',
    { preValidation: requirePermission('accident.read'), schema: { tags, summary: '事故报告详情', params: idParam } },
    async (req) => service.getAccident(ctx, actorOf(req), req.params.id),
  );

  r.post(
    '/api/accidents/:id/followups',
    {
      preValidation: requirePermission('accident.followup'),
      schema: { tags, summary: '续报 / 终报', params: idParam, body: followupBody },
    },
    async (req, reply) => reply.code(201).send(await service.fileFollowup(ctx, actorOf(req), req.params.id, req.body)),
  );

  r.post(
    '/api/accidents/:id/forward',
    {
      preValidation: requirePermission('accident.forward'),
      schema: { tags, summary: '逐级上报', params: idParam, body: forwardBody.nullish() },
    },
    async (req) => service.forwardAccident(ctx, actorOf(req), req.params.id, req.body ?? {}),
  );

  r.post(
    '/api/accidents/:id/sign',
    {
      preValidation: requirePermission('accident.sign'),
      schema: { tags, summary: '签收', params: idParam, body: signBody.nullish() },
    },
    async (req) => service.signAccident(ctx, actorOf(req), req.params.id, req.body?.note),
  );
}
