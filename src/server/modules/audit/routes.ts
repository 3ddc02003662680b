/** Read the audit trail (留痕) of records in the actor's jurisdiction. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { actorOf, requirePermission } from '../../plugins/auth.js';

export function auditRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/audit',
    {
      preValidation: requirePermission('audit.read'),
      schema: {
        tags: ['audit'],
        summary: '操作留痕',
        querystring: z.object({
          entityId: z.string().max(100).optional(),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
    },
    async (req) => {
      const actor = actorOf(req);
      let q = ctx.db.kysely.selectFrom('audit_log').where('region_code', 'like', `${actor.prefix}%`);
      if (req.query.entityId) q = q.where('entity_id', '=', req.query.entityId);
      const items = await q
        .select([
          'id',
          'at',
          'actor_name as actorName',
          'action',
          'entity_type as entityType',
          'entity_id as entityId',
          'before',
          'after',
          'hash',
        ])
        .orderBy('at', 'desc')
        .limit(req.query.pageSize)
        .offset((req.query.page - 1) * req.query.pageSize)
        .execute();
      return { items };
    },
  );
}
