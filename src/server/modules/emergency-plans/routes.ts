/** HTTP surface of emergency plans (应急预案), their filing (备案), drills and evaluations. Thin: auth → validate → service. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParam } from '../../../contracts/common.js';
import {
  ATTACHMENT_MAX_BYTES,
  attachmentFields,
  attachmentParams,
  createPlanBody,
  decideBody,
  drillBody,
  evaluationBody,
  fileBody,
  idempotencyHeaders,
  planListQuery,
  planStatsQuery,
  revisionBody,
} from '../../../contracts/emergency-plans.js';
import type { AppContext } from '../../context.js';
import { attachment, sendExport } from '../../documents/download.js';
import { DOCX_CONTENT_TYPE } from '../../documents/official-docx.js';
import { AppError } from '../../errors.js';
import { actorOf, requirePermission } from '../../plugins/auth.js';
import { receiveUpload, uploadScope } from '../../uploads/receive.js';
import * as service from './service.js';
import * as statistics from './statistics.js';

export async function emergencyPlanRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['emergency-plans'];
  const read = requirePermission('emergency_plan.read');
  const write = requirePermission('emergency_plan.write');
  const file = requirePermission('emergency_plan.file');
  const decide = requirePermission('emergency_plan.decide');
  const stats = requirePermission('emergency_plan.stats');

  r.post(
    '/api/emergency-plans',
    {
      preValidation: write,
      schema: {
        tags,
        summary: '登记应急预案（企业或政府部门；类别、风险、发布、评审或论证）',
        body: createPlanBody,
        headers: idempotencyHeaders,
      },
    },
    async (req, reply) =>
      reply.code(201).send(await service.createPlan(ctx, actorOf(req), req.body, req.headers['idempotency-key'])),
  );

  r.get(
    '/api/emergency-plans',
    {
      preValidation: read,
      schema: {
        tags,
        summary: '应急预案（本辖区 / 本单位），含逾期未备案、未审核、未演练、未评估清单',
        querystring: planListQuery,
      },
    },
    async (req) => service.listPlans(ctx, actorOf(req), req.query),
  );

  r.get(
    '/api/emergency-plans/stats',
    {
      preValidation: stats,
      schema: { tags, summary: '预案备案、演练统计（按地区、时段）', querystring: planStatsQuery },
    },
    async (req) => statistics.planStats(ctx, actorOf(req), req.query),
  );

  r.get(
    '/api/emergency-plans/stats.xlsx',
    {
      preValidation: stats,
      schema: { tags, summary: '导出预案备案、演练统计表（.xlsx）', querystring: planStatsQuery },
    },
    async (req, reply) => sendExport(reply, await statistics.exportPlanStats(ctx, actorOf(req), req.query)),
  );

  r.get(
    '/api/emergency-plans/:id',
    {
      preValidation: read,
      schema: { tags, summary: '应急预案详情（备案、演练、评估期限，版本，演练记录）', params: idParam },
    },
    async (req) => service.getPlan(ctx, actorOf(req), req.params.id),
  );

  r.post(
    '/api/emergency-plans/:id/filings',
    {
      preValidation: file,
      schema: {
        tags,
        summary: '报送备案（第二十六条、第二十七条）',
        params: idParam,
        body: fileBody,
        headers: idempotencyHeaders,
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await service.submitFiling(ctx, actorOf(req), req.params.id, req.body, req.headers['idempotency-key'])),
  );

  r.post(
    '/api/plan-filings/:id/decide',
    {
      preValidation: decide,
      schema: {
        tags,
        summary: '备案审核：材料齐全出具备案登记表，不齐全一次性告知（第二十八条）',
        params: idParam,
        body: decideBody,
      },
    },
    async (req) => service.decideFiling(ctx, actorOf(req), req.params.id, req.body),
  );

  r.get(
    '/api/plan-filings/:id/document.docx',
    { preValidation: read, schema: { tags, summary: '备案登记表或补正告知书（.docx）', params: idParam } },
    async (req, reply) => {
      const doc = await service.filingDocument(ctx, actorOf(req), req.params.id);
      return reply
        .header('content-type', DOCX_CONTENT_TYPE)
        .header('content-disposition', attachment(doc.fileName))
        .send(doc.data);
    },
  );

  r.post(
    '/api/emergency-plans/:id/drills',
    {
      preValidation: write,
      schema: {
        tags,
        summary: '记录应急演练及演练评估报告（第三十三条、第三十四条）',
        params: idParam,
        body: drillBody,
        headers: idempotencyHeaders,
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await service.recordDrill(ctx, actorOf(req), req.params.id, req.body, req.headers['idempotency-key'])),
  );

  r.post(
    '/api/emergency-plans/:id/revisions',
    {
      preValidation: write,
      schema: {
        tags,
        summary: '修订应急预案（第三十六条；第三十七条重新备案）',
        params: idParam,
        body: revisionBody,
        headers: idempotencyHeaders,
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await service.revisePlan(ctx, actorOf(req), req.params.id, req.body, req.headers['idempotency-key'])),
  );

  r.post(
    '/api/emergency-plans/:id/evaluations',
    {
      preValidation: write,
      schema: {
        tags,
        summary: '应急预案评估（第三十五条，每三年一次）',
        params: idParam,
        body: evaluationBody,
        headers: idempotencyHeaders,
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await service.recordEvaluation(ctx, actorOf(req), req.params.id, req.body, req.headers['idempotency-key']),
        ),
  );

  r.get(
    '/api/emergency-plans/:id/attachments/:attachmentId',
    { preValidation: read, schema: { tags, summary: '预案附件（按 SHA-256 存储的原文件）', params: attachmentParams } },
    async (req, reply) => {
      const file = await service.attachmentFile(ctx, actorOf(req), req.params.id, req.params.attachmentId);
      return reply
        .header('content-type', file.row.content_type)
        .header('content-disposition', attachment(file.row.file_name))
        .header('x-content-sha256', file.row.sha256)
        .send(file.data);
    },
  );

  // Its own scope: multipart for the attachment upload only.
  await uploadScope(app, '请以 multipart/form-data（字段 kind、file）上传预案附件', (scope) => {
    scope.post(
      '/api/emergency-plans/:id/attachments',
      {
        preValidation: write,
        schema: {
          tags,
          summary:
            '上传预案附件（预案文本、风险评估、资源调查、评审纪要、演练评估报告；PDF、.docx、.xlsx；字段 kind、file）',
          params: idParam,
        },
      },
      async (req, reply) => {
        const upload = await receiveUpload(req, ATTACHMENT_MAX_BYTES);
        const fields = attachmentFields.safeParse(upload.fields);
        if (!fields.success) {
          throw new AppError(
            'VALIDATION_FAILED',
            fields.error.issues.map((i) => ({ path: i.path.join('.') || 'kind', code: i.code, message: i.message })),
          );
        }
        const { id } = req.params as { id: string };
        return reply
          .code(201)
          .send(await service.uploadAttachment(ctx, actorOf(req), id, fields.data.kind, upload.file));
      },
    );
  });
}
