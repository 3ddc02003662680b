/** The region tree (GB/T 2260), for pickers and names. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { requirePermission } from '../../plugins/auth.js';
import * as repo from './repo.js';

const code = z.string().regex(/^\d{6}(\d{3})?$/, { message: '须为6位或9位行政区划代码' });

export function regionRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/regions',
    {
      preValidation: requirePermission('region.read'),
      schema: { tags: ['regions'], summary: '下级行政区划', querystring: z.object({ parent: code.default('000000') }) },
    },
    async (req) => ({ items: await repo.childrenOf(ctx.db.kysely, req.query.parent) }),
  );
  r.get(
    '/api/regions/:code',
    {
      preValidation: requirePermission('region.read'),
      schema: { tags: ['regions'], summary: '行政区划', params: z.object({ code }) },
    },
    async (req) => {
      const region = await repo.findRegion(ctx.db.kysely, req.params.code);
      if (!region) throw new AppError('NOT_FOUND');
      return region;
    },
  );
}
