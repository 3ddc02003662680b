/** HTTP surface of rescue resources (应急资源). Thin: auth → validate → service. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { idempotencyHeaders, idParam } from '../../../contracts/common.js';
import type { Permission } from '../../../contracts/policies.js';
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
import type { Actor } from '../../auth/actor.js';
import type { AppContext } from '../../context.js';
import { attachment, sendExport } from '../../documents/download.js';
import { XLSX_CONTENT_TYPE } from '../../documents/xlsx.js';
import { actorOf, requirePermission } from '../../plugins/auth.js';
import { uploadedFile, uploadScope } from '../../uploads/receive.js';
import { exportResources, exportStatistics, resourceTemplate } from './export.js';
import { importResources } from './import.js';
import * as service from './service.js';

/** A write's answer from the service: 201/200, or the stored answer of the first request with the same key. */
type WriteResult = { status: number; body: unknown };

export async function rescueResourceRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['rescue-resources'];

  // In these helpers the type provider cannot name what a generic schema validates to: the casts say it.

  /** GET `url`: a page or a figure read by the query string (validated by `querystring`). */
  function queryRoute<Q extends z.ZodType>(
    url: string,
    permission: Permission,
    summary: string,
    querystring: Q,
    read: (actor: Actor, query: z.output<Q>) => Promise<unknown>,
  ): void {
    r.route({
      method: 'GET',
      url,
      preValidation: requirePermission(permission),
      schema: { tags, summary, querystring },
      handler: async (req) => read(actorOf(req), req.query as z.output<Q>),
    });
  }

  /** GET `url` (with `:id`): one record with its revision history; 404 outside the reader's scope. */
  function recordRoute(url: string, summary: string, read: (actor: Actor, id: string) => Promise<unknown>): void {
    r.get(
      url,
      { preValidation: requirePermission('rescue.read'), schema: { tags, summary, params: idParam } },
      async (req) => read(actorOf(req), req.params.id),
    );
  }

  /** POST `url`: creates a record, once per Idempotency-Key. */
  function createRoute<B extends z.ZodType>(
    url: string,
    summary: string,
    body: B,
    create: (ctx: AppContext, actor: Actor, input: z.output<B>, idempotencyKey?: string) => Promise<WriteResult>,
  ): void {
    r.route({
      method: 'POST',
      url,
      preValidation: requirePermission('rescue.write'),
      schema: { tags, summary, body, headers: idempotencyHeaders },
      handler: async (req, reply) => {
        const result = await create(ctx, actorOf(req), req.body as z.output<B>, req.headers['idempotency-key']);
        return reply.code(result.status).send(result.body);
      },
    });
  }

  /** PUT or POST `url` (with `:id`): changes the record at the version read, once per Idempotency-Key. */
  function changeRoute<B extends z.ZodType>(
    method: 'PUT' | 'POST',
    url: string,
    summary: string,
    body: B,
    change: (
      ctx: AppContext,
      actor: Actor,
      id: string,
      input: z.output<B>,
      idempotencyKey?: string,
    ) => Promise<WriteResult>,
  ): void {
    r.route({
      method,
      url,
      preValidation: requirePermission('rescue.write'),
      schema: { tags, summary, params: idParam, body, headers: idempotencyHeaders },
      handler: async (req, reply) => {
        const input = req.body as z.output<B>;
        const result = await change(ctx, actorOf(req), req.params.id, input, req.headers['idempotency-key']);
        return reply.code(result.status).send(result.body);
      },
    });
  }

  queryRoute(
    '/api/rescue-resources',
    'rescue.read',
    '应急资源名录（救援队伍、装备物资、专家；按类别、专业、地区、名称）',
    resourceListQuery,
    (actor, query) => service.listResources(ctx, actor, query),
  );

  queryRoute(
    '/api/rescue-resources/nearest',
    'rescue.search',
    '就近查询：距一点或一起事故直线距离最近的队伍、装备物资、专家（本辖区内，按距离排序，含 distanceKm）',
    nearestQuery,
    (actor, query) => service.nearest(ctx, actor, query),
  );

  queryRoute(
    '/api/rescue-resources/uncovered',
    'rescue.search',
    '既无自建救援队伍又无有效救助协议的高危企业（应急条例 第十条）',
    uncoveredQuery,
    (actor, query) => service.listUncovered(ctx, actor, query),
  );

  queryRoute(
    '/api/rescue-resources/statistics',
    'rescue.search',
    '应急资源统计：按地区的高危企业覆盖情况、队伍和资源（按专业）',
    resourceStatsQuery,
    (actor, query) => service.statistics(ctx, actor, query),
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

  createRoute(
    '/api/rescue-resources',
    '登记救援队伍、装备物资或专家（kind）',
    createResourceBody,
    service.createResource,
  );

  recordRoute('/api/rescue-resources/:id', '应急资源详情、修订历史（队伍：救助协议）', (actor, id) =>
    service.getResource(ctx, actor, id),
  );

  changeRoute(
    'PUT',
    '/api/rescue-resources/:id',
    '修改应急资源（整条记录及读取时的 version；形成新的修订）',
    updateResourceBody,
    service.updateResource,
  );

  changeRoute(
    'POST',
    '/api/rescue-resources/:id/retire',
    '停用应急资源（保留记录和修订历史）',
    retireBody,
    service.retireResource,
  );

  queryRoute(
    '/api/rescue-agreements',
    'rescue.read',
    '救助协议（按企业、队伍、地区、有效状态）',
    agreementListQuery,
    (actor, query) => service.listAgreements(ctx, actor, query),
  );

  createRoute(
    '/api/rescue-agreements',
    '登记救助协议（企业与救援队伍，含有效期）',
    createAgreementBody,
    service.createAgreement,
  );

  recordRoute('/api/rescue-agreements/:id', '救助协议详情及修订历史', (actor, id) =>
    service.getAgreement(ctx, actor, id),
  );

  changeRoute(
    'PUT',
    '/api/rescue-agreements/:id',
    '修改救助协议（续签、变更队伍；形成新的修订）',
    updateAgreementBody,
    service.updateAgreement,
  );

  changeRoute(
    'POST',
    '/api/rescue-agreements/:id/retire',
    '作废救助协议（保留记录和修订历史）',
    retireBody,
    service.retireAgreement,
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
