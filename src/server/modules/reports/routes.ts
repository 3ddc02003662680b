/** HTTP surface of the statistical report tables (统计月报). Thin: auth → validate → service. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { statsReportQuery } from '../../../contracts/reports.js';
import type { AppContext } from '../../context.js';
import { attachment } from '../../documents/download.js';
import { XLSX_CONTENT_TYPE } from '../../documents/xlsx.js';
import { actorOf, requirePermission } from '../../plugins/auth.js';
import * as service from './service.js';

export function reportRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/stats/report',
    {
      preValidation: requirePermission('stats.read'),
      schema: {
        tags: ['stats'],
        summary: '统计报表（分领域、分行业、分地区，本期/去年同期/增减/增减率，含合计；format=xlsx 导出 Excel）',
        querystring: statsReportQuery,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const report = await service.statsReport(ctx, actor, req.query);
      if (req.query.format !== 'xlsx') return report;
      const file = await service.reportWorkbook(report, actor, ctx.now());
      return reply
        .header('content-type', XLSX_CONTENT_TYPE)
        .header('content-disposition', attachment(service.reportFileName(report)))
        .send(file);
    },
  );
}
