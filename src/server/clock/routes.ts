/** GET /api/admin/clock/jobs — the clock engine's queue. Thin: auth → validate → service. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { clockJobsQuery } from '../../contracts/clock.js';
import type { AppContext } from '../context.js';
import { actorOf, requirePermission } from '../plugins/auth.js';
import { listClockJobs } from './service.js';

export function clockRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/admin/clock/jobs',
    {
      preValidation: requirePermission('clock.read'),
      schema: {
        tags: ['admin'],
        summary: '定时任务队列（到期时间、状态、重试次数、最近错误、租约持有实例）',
        querystring: clockJobsQuery,
      },
    },
    async (req) => ({ jobs: await listClockJobs(ctx, actorOf(req), req.query) }),
  );
}
