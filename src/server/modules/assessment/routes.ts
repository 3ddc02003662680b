/** HTTP surface of reporting assessment (报送考核). Thin: auth → validate → service. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { assessmentQuery } from '../../../contracts/assessment.js';
import type { AppContext } from '../../context.js';
import { XLSX_CONTENT_TYPE } from '../../documents/xlsx.js';
import { actorOf, requirePermission } from '../../plugins/auth.js';
import * as service from './service.js';

export function assessmentRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['assessment'];

  r.get(
    '/api/assessment',
    {
      preValidation: requirePermission('assessment.read'),
      schema: { tags, summary: '报送考核：得分与下级排名', querystring: assessmentQuery },
    },
    async (req) => service.assess(ctx, actorOf(req), req.query),
  );

  r.get(
    '/api/assessment/export',
    {
      preValidation: requirePermission('assessment.read'),
      schema: { tags, summary: '报送考核导出（.xlsx）', querystring: assessmentQuery },
    },
    async (req, reply) => {
      const file = await service.exportAssessment(ctx, actorOf(req), req.query);
      return reply
        .header('content-type', XLSX_CONTENT_TYPE)
        .header('content-disposition', file.disposition)
        .send(file.body);
    },
  );
}
