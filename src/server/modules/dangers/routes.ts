/** HTTP surface of hidden dangers (隐患排查治理). Thin: auth → validate → service. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idempotencyHeaders, idParam } from '../../../contracts/common.js';
import {
  closeBody,
  completionBody,
  createDangerBody,
  dangerListQuery,
  dangerPlanBody,
  dangerStatsQuery,
  extensionDecisionBody,
  extensionRequestBody,
  recheckBody,
} from '../../../contracts/hidden-dangers.js';
import { DANGER_STANDARD_ITEMS, DANGER_STANDARD_NAMES } from '../../../domain/danger-standards.js';
import type { AppContext } from '../../context.js';
import { attachment, sendExport } from '../../documents/download.js';
import { DOCX_CONTENT_TYPE } from '../../documents/official-docx.js';
import { actorOf, requirePermission } from '../../plugins/auth.js';
import { exportDangerStats } from './export.js';
import * as service from './service.js';

const documentParams = z.object({
  id: z.uuid({ message: '编号格式不正确' }),
  documentId: z.uuid({ message: '编号格式不正确' }),
});

export function dangerRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['hidden-dangers'];
  const read = requirePermission('danger.read');
  const report = requirePermission('danger.report');
  const supervise = requirePermission('danger.supervise');

  r.post(
    '/api/hidden-dangers',
    {
      preValidation: report,
      schema: {
        tags,
        summary: '登记隐患（检查发现 / 企业自查自报）',
        body: createDangerBody,
        headers: idempotencyHeaders,
      },
    },
    async (req, reply) =>
      reply.code(201).send(await service.createDanger(ctx, actorOf(req), req.body, req.headers['idempotency-key'])),
  );

  r.get(
    '/api/hidden-dangers',
    { preValidation: read, schema: { tags, summary: '隐患台账（本辖区 / 本单位）', querystring: dangerListQuery } },
    async (req) => service.listDangers(ctx, actorOf(req), req.query),
  );

  r.get(
    '/api/hidden-dangers/stats',
    {
      preValidation: requirePermission('stats.read'),
      schema: { tags, summary: '隐患排查治理统计（分地区，整改率、复查率）', querystring: dangerStatsQuery },
    },
    async (req) => service.dangerStats(ctx, actorOf(req), req.query),
  );

  r.get(
    '/api/hidden-dangers/stats.xlsx',
    {
      preValidation: requirePermission('stats.read'),
      schema: { tags, summary: '导出隐患排查治理统计表（.xlsx）', querystring: dangerStatsQuery },
    },
    async (req, reply) => sendExport(reply, await exportDangerStats(ctx, actorOf(req), req.query)),
  );

  r.get(
    '/api/hidden-dangers/standards',
    { preValidation: read, schema: { tags, summary: '重大事故隐患判定标准条款' } },
    async () => ({
      items: DANGER_STANDARD_ITEMS.map((i) => ({ ...i, standardName: DANGER_STANDARD_NAMES[i.standard] })),
    }),
  );

  r.get(
    '/api/hidden-dangers/:id',
    { preValidation: read, schema: { tags, summary: '隐患详情（期限、延期、复查、历史）', params: idParam } },
    async (req) => service.getDanger(ctx, actorOf(req), req.params.id),
  );

  r.get(
    '/api/hidden-dangers/:id/documents/:documentId.docx',
    {
      preValidation: read,
      schema: {
        tags,
        summary: '隐患的执法文书（.docx：责令限期整改指令书、现场处理措施决定书、整改复查意见书）',
        params: documentParams,
      },
    },
    async (req, reply) => {
      const file = await service.dangerDocument(ctx, actorOf(req), req.params.id, req.params.documentId);
      return reply
        .header('content-type', DOCX_CONTENT_TYPE)
        .header('content-disposition', attachment(file.fileName))
        .send(file.data);
    },
  );

  r.post(
    '/api/hidden-dangers/:id/plan',
    { preValidation: report, schema: { tags, summary: '重大事故隐患治理方案', params: idParam, body: dangerPlanBody } },
    async (req) => service.filePlan(ctx, actorOf(req), req.params.id, req.body),
  );

  r.post(
    '/api/hidden-dangers/:id/extension-requests',
    {
      preValidation: requirePermission('danger.extension'),
      schema: { tags, summary: '延期申请（期限届满10日前）', params: idParam, body: extensionRequestBody },
    },
    async (req, reply) =>
      reply.code(201).send(await service.requestExtension(ctx, actorOf(req), req.params.id, req.body)),
  );

  r.post(
    '/api/extension-requests/:id/decide',
    {
      preValidation: supervise,
      schema: { tags, summary: '延期审批（5日内）', params: idParam, body: extensionDecisionBody },
    },
    async (req) => service.decideExtension(ctx, actorOf(req), req.params.id, req.body),
  );

  r.post(
    '/api/hidden-dangers/:id/completion',
    { preValidation: report, schema: { tags, summary: '报告整改完成', params: idParam, body: completionBody } },
    async (req) => service.reportCompletion(ctx, actorOf(req), req.params.id, req.body),
  );

  r.post(
    '/api/hidden-dangers/:id/recheck',
    { preValidation: supervise, schema: { tags, summary: '整改复查', params: idParam, body: recheckBody } },
    async (req) => service.recheck(ctx, actorOf(req), req.params.id, req.body),
  );

  r.post(
    '/api/hidden-dangers/:id/close',
    {
      preValidation: supervise,
      schema: { tags, summary: '重大事故隐患销号', params: idParam, body: closeBody.nullish() },
    },
    async (req) => service.closeDanger(ctx, actorOf(req), req.params.id, req.body ?? {}),
  );
}
