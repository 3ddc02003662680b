/** HTTP surface of statistics (统计分析). Thin: auth → validate → service. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { statsBreakdownQuery, statsSummaryQuery } from '../../../contracts/stats.js';
import type { AppContext } from '../../context.js';
import { actorOf, requirePermission } from '../../plugins/auth.js';
import * as service from './service.js';

export function statsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['stats'];

  r.get(
    '/api/stats/summary',
    {
      preValidation: requirePermission('stats.read'),
      schema: { tags, summary: '事故统计汇总（含同比、较大及以上）', querystring: statsSummaryQuery },
    },
    async (req) => service.statsSummary(ctx, actorOf(req), req.query),
  );

  r.get(
    '/api/stats/breakdown',
    {
      preValidation: requirePermission('stats.read'),
      schema: {
        tags,
        summary: '事故统计分组（地区、行业、类别、等级、领域、月份，含同比）',
        querystring: statsBreakdownQuery,
      },
    },
    async (req) => service.statsBreakdown(ctx, actorOf(req), req.query),
  );
}
