/** HTTP surface of control indicators (控制指标). Thin: auth → validate → service. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  indicatorBoardQuery,
  indicatorBody,
  indicatorParams,
  indicatorYearParams,
} from '../../../contracts/indicators.js';
import type { AppContext } from '../../context.js';
import { actorOf, requirePermission } from '../../plugins/auth.js';
import * as service from './service.js';

export function indicatorRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['indicators'];

  r.put(
    '/api/indicators/:year/:regionCode',
    {
      preValidation: requirePermission('indicator.write'),
      schema: {
        tags,
        summary: '下达（设定）下级地区年度控制指标；返回下级合计超出上级控制数的提示',
        params: indicatorParams,
        body: indicatorBody,
      },
    },
    async (req) => service.setIndicator(ctx, actorOf(req), req.params.year, req.params.regionCode, req.body),
  );

  r.get(
    '/api/indicators/:year',
    {
      preValidation: requirePermission('indicator.read'),
      schema: {
        tags,
        summary: '控制指标进度：本地区及各下级的指标、实际、时间进度与红黄绿状态（落后者在前）',
        params: indicatorYearParams,
        querystring: indicatorBoardQuery,
      },
    },
    async (req) => service.indicatorBoard(ctx, actorOf(req), req.params.year, req.query),
  );
}
