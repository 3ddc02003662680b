/** HTTP surface of the major-hazard register (重大危险源). Thin: auth → validate → service. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idempotencyHeaders, idParam } from '../../../contracts/common.js';
import { regionCodeParam } from '../../../contracts/enterprises.js';
import {
  createCensusBody,
  createUnitBody,
  evaluateBody,
  hazardSummaryQuery,
  majorHazardListQuery,
  mapPointsQuery,
  updateUnitBody,
} from '../../../contracts/hazards.js';
import type { AppContext } from '../../context.js';
import { sendExport } from '../../documents/download.js';
import { actorOf, requirePermission } from '../../plugins/auth.js';
import { exportMajorHazards } from './export.js';
import * as service from './service.js';

const progressQuery = z.object({ regionCode: regionCodeParam.optional() }).strict();
const returnBody = z.object({ enterpriseId: z.uuid({ message: '编号格式不正确' }) }).strict();

export function hazardRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['hazards'];

  r.post(
    '/api/hazards/evaluate',
    {
      preValidation: requirePermission('hazard.read'),
      schema: {
        tags,
        summary: '重大危险源辨识与分级（GB 18218-2018）：S、α、R、级别及各物质的 Q、β、q/Q；不保存',
        body: evaluateBody,
      },
    },
    async (req) => service.evaluate(req.body),
  );

  r.get(
    '/api/major-hazards',
    {
      preValidation: requirePermission('hazard.read'),
      schema: { tags, summary: '重大危险源清单（按级别、地区、备案状态）', querystring: majorHazardListQuery },
    },
    async (req) => service.listMajorHazards(ctx, actorOf(req), req.query),
  );

  r.get(
    '/api/major-hazards/export.xlsx',
    {
      preValidation: requirePermission('hazard.read'),
      schema: {
        tags,
        summary: '导出重大危险源清单（.xlsx，筛选条件同清单，最多10000个单元）',
        querystring: majorHazardListQuery.omit({ page: true, pageSize: true }),
      },
    },
    async (req, reply) => {
      const file = await exportMajorHazards(ctx, actorOf(req), req.query);
      return sendExport(reply, file);
    },
  );

  r.get(
    '/api/major-hazards/summary',
    {
      preValidation: requirePermission('hazard.read'),
      schema: { tags, summary: '重大危险源分级分地区统计', querystring: hazardSummaryQuery },
    },
    async (req) => service.hazardSummary(ctx, actorOf(req), req.query.regionCode),
  );

  r.get(
    '/api/map/enterprises',
    {
      preValidation: requirePermission('hazard.read'),
      schema: { tags, summary: '地图上的企业（按重大危险源级别着色）', querystring: mapPointsQuery },
    },
    async (req) => service.mapPoints(ctx, actorOf(req), req.query),
  );

  r.get(
    '/api/enterprises/:id/hazard-units',
    {
      preValidation: requirePermission('hazard.read'),
      schema: { tags, summary: '企业的生产单元和储存单元', params: idParam },
    },
    async (req) => service.unitsOfEnterprise(ctx, actorOf(req), req.params.id),
  );

  r.post(
    '/api/enterprises/:id/hazard-units',
    {
      preValidation: requirePermission('hazard.write'),
      schema: {
        tags,
        summary: '新增生产单元或储存单元（自动辨识、分级）',
        params: idParam,
        body: createUnitBody,
        headers: idempotencyHeaders,
      },
    },
    async (req, reply) => {
      const result = await service.createUnit(
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
    '/api/hazard-units/:id',
    {
      preValidation: requirePermission('hazard.read'),
      schema: { tags, summary: '单元详情及分级历史', params: idParam },
    },
    async (req) => service.getUnit(ctx, actorOf(req), req.params.id),
  );

  r.patch(
    '/api/hazard-units/:id',
    {
      preValidation: requirePermission('hazard.write'),
      schema: { tags, summary: '修改单元（物质、数量或人数变化时重新分级）', params: idParam, body: updateUnitBody },
    },
    async (req) => service.updateUnit(ctx, actorOf(req), req.params.id, req.body),
  );

  r.post(
    '/api/hazard-units/:id/retire',
    {
      preValidation: requirePermission('hazard.write'),
      schema: { tags, summary: '停用单元（保留记录和历史）', params: idParam },
    },
    async (req) => service.retireUnit(ctx, actorOf(req), req.params.id),
  );

  r.get(
    '/api/hazard-censuses',
    { preValidation: requirePermission('hazard.read'), schema: { tags, summary: '危险源普查' } },
    async (req) => service.listCensuses(ctx, actorOf(req)),
  );

  r.post(
    '/api/hazard-censuses',
    {
      preValidation: requirePermission('census.write'),
      schema: { tags, summary: '发起危险源普查', body: createCensusBody, headers: idempotencyHeaders },
    },
    async (req, reply) => {
      const result = await service.createCensus(ctx, actorOf(req), req.body, req.headers['idempotency-key']);
      return reply.code(result.status).send(result.body);
    },
  );

  r.get(
    '/api/hazard-censuses/:id/progress',
    {
      preValidation: requirePermission('hazard.read'),
      schema: { tags, summary: '普查进度（按下级地区）', params: idParam, querystring: progressQuery },
    },
    async (req) => service.censusProgress(ctx, actorOf(req), req.params.id, req.query.regionCode),
  );

  r.post(
    '/api/hazard-censuses/:id/returns',
    {
      preValidation: requirePermission('census.submit'),
      schema: { tags, summary: '普查申报（以企业当前的单元为准）', params: idParam, body: returnBody },
    },
    async (req, reply) =>
      reply.code(201).send(await service.submitCensusReturn(ctx, actorOf(req), req.params.id, req.body.enterpriseId)),
  );
}
