/** Read the audit trail (留痕) of records in the actor's jurisdiction. Thin: auth → validate → service. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditQuery } from '../../../contracts/audit.js';
import type { AppContext } from '../../context.js';
import { sendExport } from '../../documents/download.js';
import { actorOf, requirePermission } from '../../plugins/auth.js';
import { exportAudit } from './export.js';
import * as service from './service.js';

export function auditRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/audit',
    {
      preValidation: requirePermission('audit.read'),
      schema: { tags: ['audit'], summary: '操作留痕', querystring: auditQuery },
    },
    async (req) => service.listAudit(ctx, actorOf(req), req.query),
  );
  r.get(
    '/api/audit/export.xlsx',
    {
      preValidation: requirePermission('audit.read'),
      schema: { tags: ['audit'], summary: '导出操作留痕（.xlsx，筛选条件同列表）', querystring: auditQuery },
    },
    async (req, reply) => sendExport(reply, await exportAudit(ctx, actorOf(req), req.query)),
  );
  r.get(
    '/api/audit/anchor',
    {
      preValidation: requirePermission('audit.anchor'),
      schema: { tags: ['audit'], summary: '留痕锚定（封存链最新哈希，签名）' },
    },
    async (req) => service.exportAnchor(ctx, actorOf(req)),
  );
}
