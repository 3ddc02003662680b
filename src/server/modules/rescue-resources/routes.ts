/** HTTP surface of rescue resources (应急资源). Thin: auth → validate → service. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idempotencyHeaders, idParam } from '../../../contracts/common.js';
import {
  agreementListQuery,
  createAgreementBody,
  createResourceBody,
  nearestQuery,
  resourceExportQuery,
  resourceImportQuery,
  resourceListQuery,
  resourceStatsQuery,
  retireBody,
  uncoveredQuery,
  updateAgreementBody,
  updateResourceBody,
} from '../../../contracts/rescue-resources.js';
import type { AppContext } from '../../context.js';
import { attachment, sendExport } from '../../documents/download.js';
import { XLSX_CONTENT_TYPE } from '../../documents/xlsx.js';
import { actorOf, requirePermission } from '../../plugins/auth.js';
import { uploadedFile, uploadScope } from '../../uploads/receive.js';
import { exportResources, exportStatistics, resourceTemplate } from './export.js';
import { importResources } from './import.js';
import * as service from './service.js';

export async function rescueResourceRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['rescue-resources'];

  r.get(
    '/api/rescue-resources',
    {
      preValidation: requirePermission('rescue.read'),
      schema: {
        tags,
        summary: '应急资源名录（救援队伍、装备物资、专家；按类别、专业、地区、名称）',
        querystring: resourceListQuery,
      },
    },
    async (req) => service.listResources(ctx, actorOf(req), req.query),
  );

  r.get(
    '/api/rescue-resources/nearest',
    {
      preValidation: requirePermission('rescue.search'),
      schema: {
        tags,
        summary: '就近查询：距一点或一起事故直线距离最近的队伍、装备物资、专家（本辖区内，按距离排序，含 distanceKm）',
        querystring: nearestQuery,
      },
    },
    async (req) => service.nearest(ctx, actorOf(req), req.query),
  );

  r.get(
    '/api/rescue-resources/uncovered',
    {
      preValidation: requirePermission('rescue.search'),
      schema: {
        tags,
        summary: '既无自建救援队伍又无有效救助协议的高危企业（应急条例 第十条）',
        querystring: uncoveredQuery,
      },
    },
    async (req) => service.listUncovered(ctx, actorOf(req), req.query),
  );

  r.get(
    '/api/rescue-resources/statistics',
    {
      preValidation: requirePermission('rescue.search'),
      schema: {
        tags,
        summary: '应急资源统计：按地区的高危企业覆盖情况、队伍和资源（按专业）',
        querystring: resourceStatsQuery,
      },
    },
    async (req) => service.statistics(ctx, actorOf(req), req.query),
  );

  r.get(
    '/api/rescue-resources/statistics.xlsx',
    {
      preValidation: requirePermission('rescue.search'),
      schema: { tags, summary: '导出应急资源统计（.xlsx）', querystring: resourceStatsQuery },
    },
    async (req, reply) => sendExport(reply, await exportStatistics(ctx, actorOf(req), req.query)),
  );

  r.get(
    '/api/rescue-resources/export.xlsx',
    {
      preValidation: requirePermission('rescue.read'),
      schema: {
        tags,
        summary: '导出应急资源名录（.xlsx，每类一个工作表，可再导入）',
        querystring: resourceExportQuery,
      },
    },
    async (req, reply) => sendExport(reply, await exportResources(ctx, actorOf(req), req.query)),
  );

  r.get(
    '/api/rescue-resources/import/template',
    {
      preValidation: requirePermission('rescue.write'),
      schema: { tags, summary: '下载应急资源导入模板（.xlsx）' },
    },
    async (_req, reply) =>
      reply
        .header('content-type', XLSX_CONTENT_TYPE)
        .header('content-disposition', attachment('应急资源导入模板.xlsx'))
        .send(await resourceTemplate(ctx)),
  );

  r.post(
    '/api/rescue-resources',
    {
      preValidation: requirePermission('rescue.write'),
      schema: {
        tags,
        summary: '登记救援队伍、装备物资或专家（kind）',
        body: createResourceBody,
        headers: idempotencyHeaders,
      },
    },
    async (req, reply) => {
      const result = await service.createResource(ctx, actorOf(req), req.body, req.headers['idempotency-key']);
      return reply.code(result.status).send(result.body);
    },
  );

  r.get(
    '/api/rescue-resources/:id',
    {
      preValidation: requirePermission('rescue.read'),
      schema: { tags, summary: '应急资源详情、修订历史（队伍：救助协议）', params: idParam },
    },
    async (req) => service.getResource(ctx, actorOf(req), req.params.id),
  );

  r.put(
    '/api/rescue-resources/:id',
    {
      preValidation: requirePermission('rescue.write'),
      schema: {
        tags,
        summary: '修改应急资源（整条记录及读取时的 version；形成新的修订）',
        params: idParam,
        body: updateResourceBody,
        headers: idempotencyHeaders,
      },
    },
    async (req, reply) => {
      const result = await service.updateResource(
        ctx,
        actorOf(req),
        req.params.id,
        req.body,
        req.headers['idempotency-key'],
      );
      return reply.code(result.status).send(result.body);
    },
  );

  r.post(
    '/api/rescue-resources/:id/retire',
    {
      preValidation: requirePermission('rescue.write'),
      schema: {
        tags,
        summary: '停用应急资源（保留记录和修订历史）',
        params: idParam,
        body: retireBody,
        headers: idempotencyHeaders,
      },
    },
    async (req, reply) => {
      const result = await service.retireResource(
        ctx,
        actorOf(req),
        req.params.id,
        req.body,
        req.headers['idempotency-key'],
      );
      return reply.code(result.status).send(result.body);
    },
  );

  r.get(
    '/api/rescue-agreements',
    {
      preValidation: requirePermission('rescue.read'),
      schema: { tags, summary: '救助协议（按企业、队伍、地区、有效状态）', querystring: agreementListQuery },
    },
    async (req) => service.listAgreements(ctx, actorOf(req), req.query),
  );

  r.post(
    '/api/rescue-agreements',
    {
      preValidation: requirePermission('rescue.write'),
      schema: {
        tags,
        summary: '登记救助协议（企业与救援队伍，含有效期）',
        body: createAgreementBody,
        headers: idempotencyHeaders,
      },
    },
    async (req, reply) => {
      const result = await service.createAgreement(ctx, actorOf(req), req.body, req.headers['idempotency-key']);
      return reply.code(result.status).send(result.body);
    },
  );

  r.get(
    '/api/rescue-agreements/:id',
    {
      preValidation: requirePermission('rescue.read'),
      schema: { tags, summary: '救助协议详情及修订历史', params: idParam },
    },
    async (req) => service.getAgreement(ctx, actorOf(req), req.params.id),
  );

  r.put(
    '/api/rescue-agreements/:id',
    {
      preValidation: requirePermission('rescue.write'),
      schema: {
        tags,
        summary: '修改救助协议（续签、变更队伍；形成新的修订）',
        params: idParam,
        body: updateAgreementBody,
        headers: idempotencyHeaders,
      },
    },
    async (req, reply) => {
      const result = await service.updateAgreement(
        ctx,
        actorOf(req),
        req.params.id,
        req.body,
        req.headers['idempotency-key'],
      );
      return reply.code(result.status).send(result.body);
    },
  );

  r.post(
    '/api/rescue-agreements/:id/retire',
    {
      preValidation: requirePermission('rescue.write'),
      schema: {
        tags,
        summary: '作废救助协议（保留记录和修订历史）',
        params: idParam,
        body: retireBody,
        headers: idempotencyHeaders,
      },
    },
    async (req, reply) => {
      const result = await service.retireAgreement(
        ctx,
        actorOf(req),
        req.params.id,
        req.body,
        req.headers['idempotency-key'],
      );
      return reply.code(result.status).send(result.body);
    },
  );

  // Multipart only in this scope (as for the registry import): every other route keeps JSON-only bodies.
  await uploadScope(app, '请以 multipart/form-data（字段 file）上传 .xlsx 或 .csv 文件', (scope) => {
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/rescue-resources/import',
      {
        preValidation: requirePermission('rescue.write'),
        schema: {
          tags,
          summary: '应急资源批量导入（.xlsx 的“救援队伍”“装备物资”“专家”表，或 .csv；字段 file）',
          querystring: resourceImportQuery,
          headers: idempotencyHeaders,
        },
      },
      async (req, reply) => {
        const result = await importResources(ctx, actorOf(req), await uploadedFile(req), {
          dryRun: req.query.dryRun === 'true',
          idempotencyKey: req.headers['idempotency-key'],
        });
        return reply.code(result.status).send(result.body);
      },
    );
  });
}
