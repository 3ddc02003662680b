/** HTTP surface of the enterprise registry and licences. Thin: auth → validate → service. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idempotencyHeaders, idParam } from '../../../contracts/common.js';
import {
  createEnterpriseBody,
  createLicenceBody,
  enterpriseListQuery,
  licenceAlertQuery,
  unlicensedQuery,
  updateEnterpriseBody,
  updateLicenceBody,
} from '../../../contracts/enterprises.js';
import type { AppContext } from '../../context.js';
import { actorOf, requirePermission } from '../../plugins/auth.js';
import * as service from './service.js';

export function enterpriseRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['enterprises'];

  r.get(
    '/api/enterprises',
    {
      preValidation: requirePermission('enterprise.read'),
      schema: {
        tags,
        summary: '企业列表：按名称（模糊）、信用代码、地区、监管行业、状态查询',
        querystring: enterpriseListQuery,
      },
    },
    async (req) => service.listEnterprises(ctx, actorOf(req), req.query),
  );

  r.post(
    '/api/enterprises',
    {
      preValidation: requirePermission('enterprise.write'),
      schema: { tags, summary: '登记企业', body: createEnterpriseBody, headers: idempotencyHeaders },
    },
    async (req, reply) => {
      const result = await service.createEnterprise(ctx, actorOf(req), req.body, req.headers['idempotency-key']);
      return reply.code(result.status).send(result.body);
    },
  );

  r.get(
    '/api/enterprises/unlicensed',
    {
      preValidation: requirePermission('enterprise.read'),
      schema: { tags, summary: '无证（证照失效）经营：许可行业中无有效许可证的在营企业', querystring: unlicensedQuery },
    },
    async (req) => service.unlicensed(ctx, actorOf(req), req.query),
  );

  r.get(
    '/api/enterprises/:id',
    {
      preValidation: requirePermission('enterprise.read'),
      schema: { tags, summary: '企业档案（含许可证）', params: idParam },
    },
    async (req) => service.getEnterprise(ctx, actorOf(req), req.params.id),
  );

  r.patch(
    '/api/enterprises/:id',
    {
      preValidation: requirePermission('enterprise.write'),
      schema: { tags, summary: '修改企业档案（部分字段）', params: idParam, body: updateEnterpriseBody },
    },
    async (req) => service.updateEnterprise(ctx, actorOf(req), req.params.id, req.body),
  );

  r.get(
    '/api/enterprises/:id/history',
    {
      preValidation: requirePermission('enterprise.read'),
      schema: { tags, summary: '企业档案、许可证和危险源单元的修改记录（留痕）', params: idParam },
    },
    async (req) => service.enterpriseHistory(ctx, actorOf(req), req.params.id),
  );

  r.post(
    '/api/enterprises/:id/licences',
    {
      preValidation: requirePermission('licence.write'),
      schema: { tags, summary: '登记许可证', params: idParam, body: createLicenceBody, headers: idempotencyHeaders },
    },
    async (req, reply) => {
      const result = await service.createLicence(
        ctx,
        actorOf(req),
        req.params.id,
        req.body,
        req.headers['idempotency-key'],
      );
      return reply.code(result.status).send(result.body);
    },
  );

  r.patch(
    '/api/licences/:id',
    {
      preValidation: requirePermission('licence.write'),
      schema: { tags, summary: '修改许可证（延续、暂扣、吊销）', params: idParam, body: updateLicenceBody },
    },
    async (req) => service.updateLicence(ctx, actorOf(req), req.params.id, req.body),
  );

  r.get(
    '/api/licences/alerts',
    {
      preValidation: requirePermission('enterprise.read'),
      schema: { tags, summary: '许可证到期提醒：90日内、30日内到期和已过期', querystring: licenceAlertQuery },
    },
    async (req) => service.licenceAlerts(ctx, actorOf(req), req.query),
  );
}
