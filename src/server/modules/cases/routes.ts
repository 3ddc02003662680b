/** HTTP surface of penalty cases (行政处罚案件). Thin: auth → validate → service. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  accidentBandBody,
  averageWageBody,
  caseActionBody,
  caseListQuery,
  caseStatsQuery,
  createCaseBody,
  hearingThresholdBody,
  idempotencyHeaders,
  lateFeeQuery,
  publicDecisionsQuery,
  transitionBody,
} from '../../../contracts/cases.js';
import { idParam } from '../../../contracts/common.js';
import { MINUTE_MS, shanghaiDate } from '../../../domain/time.js';
import type { AppContext } from '../../context.js';
import { attachment, sendExport } from '../../documents/download.js';
import { DOCX_CONTENT_TYPE } from '../../documents/official-docx.js';
import { actorOf, requirePermission } from '../../plugins/auth.js';
import { PUBLIC_LIMIT_PER_MINUTE, publicThrottle } from '../../plugins/public-throttle.js';
import * as bands from './bands.js';
import { tableInForce } from './discretion.js';
import * as service from './service.js';
import * as statistics from './statistics.js';

const documentParams = z.object({
  id: z.uuid({ message: '编号格式不正确' }),
  documentId: z.uuid({ message: '编号格式不正确' }),
  format: z.enum(['docx', 'pdf'], { message: '须为 docx 或 pdf' }),
});

export function caseRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['cases'];
  const read = requirePermission('case.read');
  const write = requirePermission('case.write');
  const stats = requirePermission('case.stats');
  const settings = requirePermission('case.settings');

  r.post(
    '/api/cases',
    {
      preValidation: write,
      schema: {
        tags,
        summary: '立案申请（一般程序）或当场处罚（简易程序）',
        body: createCaseBody,
        headers: idempotencyHeaders,
      },
    },
    async (req, reply) =>
      reply.code(201).send(await service.createCase(ctx, actorOf(req), req.body, req.headers['idempotency-key'])),
  );

  r.get(
    '/api/cases',
    { preValidation: read, schema: { tags, summary: '行政处罚案件（本辖区 / 本单位）', querystring: caseListQuery } },
    async (req) => service.listCases(ctx, actorOf(req), req.query),
  );

  r.get(
    '/api/cases/stats',
    { preValidation: stats, schema: { tags, summary: '行政执法统计（按地区、时段）', querystring: caseStatsQuery } },
    async (req) => statistics.caseStats(ctx, actorOf(req), req.query),
  );

  r.get(
    '/api/cases/stats.xlsx',
    { preValidation: stats, schema: { tags, summary: '导出行政执法统计表（.xlsx）', querystring: caseStatsQuery } },
    async (req, reply) => sendExport(reply, await statistics.exportCaseStats(ctx, actorOf(req), req.query)),
  );

  r.get(
    '/api/cases/court-list',
    { preValidation: stats, schema: { tags, summary: '逾期未缴、待催告或申请法院强制执行的案件' } },
    async (req) => statistics.courtList(ctx, actorOf(req)),
  );

  r.get(
    '/api/cases/:id',
    { preValidation: read, schema: { tags, summary: '案件详情（阶段、期限、文书、当事人、经过）', params: idParam } },
    async (req) => service.getCase(ctx, actorOf(req), req.params.id),
  );

  r.post(
    '/api/cases/:id/transitions',
    {
      preValidation: read,
      schema: {
        tags,
        summary: '案件转入下一阶段（立案、审理、告知、听证、决定、送达、执行、结案、归档）',
        params: idParam,
        body: transitionBody,
      },
    },
    async (req) => service.transition(ctx, actorOf(req), req.params.id, req.body),
  );

  r.post(
    '/api/cases/:id/actions',
    {
      preValidation: read,
      schema: {
        tags,
        summary: '案件办理事项（笔录、延期、备案、复议诉讼、移送公安、复查改正）',
        params: idParam,
        body: caseActionBody,
      },
    },
    async (req) => service.act(ctx, actorOf(req), req.params.id, req.body),
  );

  r.get(
    '/api/cases/:id/late-fee',
    {
      preValidation: read,
      schema: { tags, summary: '加处罚款（按日3%，不超过罚款数额）', params: idParam, querystring: lateFeeQuery },
    },
    async (req) => service.lateFeeOf(ctx, actorOf(req), req.params.id, req.query.on),
  );

  r.get(
    '/api/cases/:id/documents/:documentId.:format',
    {
      preValidation: read,
      schema: { tags, summary: '案件的执法文书（.docx，或经 LibreOffice 转换的 .pdf）', params: documentParams },
    },
    async (req, reply) => {
      const file = await service.caseDocument(
        ctx,
        actorOf(req),
        req.params.id,
        req.params.documentId,
        req.params.format,
      );
      return reply
        .header('content-type', req.params.format === 'pdf' ? 'application/pdf' : DOCX_CONTENT_TYPE)
        .header('content-disposition', attachment(file.fileName))
        .send(file.data);
    },
  );

  r.post(
    '/api/penalty-bands/accident',
    { preValidation: stats, schema: { tags, summary: '事故罚款裁量（令第14号）', body: accidentBandBody } },
    async (req) => bands.accidentBand(ctx, actorOf(req), req.body),
  );

  r.get(
    '/api/discretion-table',
    { preValidation: read, schema: { tags, summary: '现行行政处罚自由裁量基准' } },
    async (req) => tableInForce(ctx.db.kysely, actorOf(req).regionCode, shanghaiDate(ctx.now())),
  );

  r.get(
    '/api/penalty-settings',
    { preValidation: stats, schema: { tags, summary: '本省听证较大数额罚款标准、上年度平均工资' } },
    async (req) => bands.penaltySettings(ctx, actorOf(req)),
  );

  r.put(
    '/api/penalty-settings/average-wage',
    {
      preValidation: settings,
      schema: { tags, summary: '录入上一年度城镇单位就业人员平均工资（令第14号第四条）', body: averageWageBody },
    },
    async (req) => bands.setAverageWage(ctx, actorOf(req), req.body),
  );

  r.put(
    '/api/penalty-settings/hearing-threshold',
    {
      preValidation: settings,
      schema: { tags, summary: '设定听证的较大数额罚款标准（行政处罚法第六十三条）', body: hearingThresholdBody },
    },
    async (req) => bands.setHearingThreshold(ctx, actorOf(req), req.body),
  );

  // 行政处罚决定公开: no sign-in; a budget per address.
  const throttle = publicThrottle({ limit: PUBLIC_LIMIT_PER_MINUTE, windowMs: MINUTE_MS, now: ctx.now });
  r.get(
    '/api/public/penalty-decisions',
    {
      onRequest: throttle,
      schema: { tags, summary: '行政处罚决定公开（无需登录，不含个人信息）', querystring: publicDecisionsQuery },
    },
    async (req) => statistics.publicDecisions(ctx, req.query),
  );
}
