/** HTTP surface of 分类分级监管, 年度监督检查计划 and 双随机、一公开. Thin: auth → validate → service. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idempotencyHeaders, idParam } from '../../../contracts/common.js';
import {
  classTableBody,
  createDrawBody,
  createPlanBody,
  drawListQuery,
  planListQuery,
  planProgressQuery,
  publicDrawQuery,
} from '../../../contracts/supervision.js';
import { MINUTE_MS } from '../../../domain/time.js';
import type { AppContext } from '../../context.js';
import { actorOf, requirePermission } from '../../plugins/auth.js';
import { PUBLIC_LIMIT_PER_MINUTE, publicThrottle } from '../../plugins/public-throttle.js';
import * as service from './service.js';

export function supervisionRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['supervision'];
  const read = requirePermission('supervision.read');
  const plan = requirePermission('supervision.plan');

  r.get(
    '/api/enterprises/:id/supervision-class',
    { preValidation: read, schema: { tags, summary: '企业的监管类别（分类分级）及其依据', params: idParam } },
    async (req) => service.enterpriseClass(ctx, actorOf(req), req.params.id),
  );

  r.get(
    '/api/supervision/class-rules',
    { preValidation: read, schema: { tags, summary: '分类分级规则和各类检查频次（本省现行）' } },
    async (req) => service.getClassRules(ctx, actorOf(req)),
  );

  r.put(
    '/api/supervision/class-rules',
    {
      preValidation: requirePermission('supervision.rules'),
      schema: { tags, summary: '修订分类分级规则（省级管理员；新增修订版本）', body: classTableBody },
    },
    async (req) => service.putClassRules(ctx, actorOf(req), req.body),
  );

  r.post(
    '/api/supervision-plans',
    {
      preValidation: plan,
      schema: { tags, summary: '制定年度监督检查计划', body: createPlanBody, headers: idempotencyHeaders },
    },
    async (req, reply) =>
      reply.code(201).send(await service.createPlan(ctx, actorOf(req), req.body, req.headers['idempotency-key'])),
  );

  r.get(
    '/api/supervision-plans',
    { preValidation: read, schema: { tags, summary: '年度监督检查计划（本辖区）', querystring: planListQuery } },
    async (req) => service.listPlans(ctx, actorOf(req), req.query),
  );

  r.get(
    '/api/supervision-plans/progress',
    {
      preValidation: read,
      schema: { tags, summary: '计划执行进度汇总（按下级地区、按月）', querystring: planProgressQuery },
    },
    async (req) => service.planRollup(ctx, actorOf(req), req.query),
  );

  r.get(
    '/api/supervision-plans/:id',
    { preValidation: read, schema: { tags, summary: '计划详情及进度（按月、按地区）', params: idParam } },
    async (req) => service.getPlan(ctx, actorOf(req), req.params.id),
  );

  r.post(
    '/api/supervision-draws',
    {
      preValidation: plan,
      schema: { tags, summary: '双随机抽取（检查对象和执法人员）', body: createDrawBody, headers: idempotencyHeaders },
    },
    async (req, reply) =>
      reply.code(201).send(await service.createDraw(ctx, actorOf(req), req.body, req.headers['idempotency-key'])),
  );

  r.get(
    '/api/supervision-draws',
    {
      preValidation: read,
      schema: { tags, summary: '双随机抽取记录（本辖区，按年度、是否公开）', querystring: drawListQuery },
    },
    async (req) => service.listDraws(ctx, actorOf(req), req.query),
  );

  r.get(
    '/api/supervision-draws/:id',
    { preValidation: read, schema: { tags, summary: '抽取记录（种子、输入、结果）', params: idParam } },
    async (req) => service.getDraw(ctx, actorOf(req), req.params.id),
  );

  r.post(
    '/api/supervision-draws/:id/verify',
    { preValidation: read, schema: { tags, summary: '按记录的种子和输入重算，核验抽取结果', params: idParam } },
    async (req) => service.verifyDraw(ctx, actorOf(req), req.params.id),
  );

  r.post(
    '/api/supervision-draws/:id/publish',
    { preValidation: plan, schema: { tags, summary: '公开抽查结果（一公开）', params: idParam } },
    async (req) => service.publishDraw(ctx, actorOf(req), req.params.id),
  );

  // 一公开: no sign-in; a budget per address.
  const throttle = publicThrottle({ limit: PUBLIC_LIMIT_PER_MINUTE, windowMs: MINUTE_MS, now: ctx.now });
  r.get(
    '/api/public/supervision-draws',
    {
      onRequest: throttle,
      schema: { tags, summary: '已公开的双随机抽查结果（无需登录）', querystring: publicDrawQuery },
    },
    async (req) => service.listPublicDraws(ctx, req.query),
  );

  r.get(
    '/api/public/supervision-draws/:id',
    { onRequest: throttle, schema: { tags, summary: '已公开的抽查结果详情（无需登录）', params: idParam } },
    async (req) => service.getPublicDraw(ctx, req.params.id),
  );
}
