/** HTTP surface of bulletins (事故情况通报). Thin: auth → validate → service. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { bulletinListQuery, createBulletinBody } from '../../../contracts/bulletins.js';
import { idempotencyHeaders, idParam } from '../../../contracts/common.js';
import type { AppContext } from '../../context.js';
import { attachment } from '../../documents/download.js';
import { DOCX_CONTENT_TYPE } from '../../documents/official-docx.js';
import { actorOf, requirePermission } from '../../plugins/auth.js';
import { bulletinDocx, bulletinFileName, bulletinLayout } from './document.js';
import * as service from './service.js';

export function bulletinRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['bulletins'];
  const read = requirePermission('bulletin.read');

  r.post(
    '/api/bulletins',
    {
      preValidation: requirePermission('bulletin.create'),
      schema: {
        tags,
        summary: '生成事故情况通报（周分析、月通报、季度研判、任意时段）',
        body: createBulletinBody,
        headers: idempotencyHeaders,
      },
    },
    async (req, reply) =>
      reply.code(201).send(await service.createBulletin(ctx, actorOf(req), req.body, req.headers['idempotency-key'])),
  );

  r.get(
    '/api/bulletins',
    { preValidation: read, schema: { tags, summary: '事故情况通报列表（本辖区）', querystring: bulletinListQuery } },
    async (req) => service.listBulletins(ctx, actorOf(req), req.query),
  );

  r.get(
    '/api/bulletins/:id',
    { preValidation: read, schema: { tags, summary: '事故情况通报（数据快照与正文）', params: idParam } },
    async (req) => service.getBulletin(ctx, actorOf(req), req.params.id),
  );

  r.get(
    '/api/bulletins/:id/text',
    { preValidation: read, schema: { tags, summary: '事故情况通报纯文本', params: idParam } },
    async (req, reply) => {
      const b = await service.getBulletin(ctx, actorOf(req), req.params.id);
      return reply.header('content-type', 'text/plain; charset=utf-8').send(b.text);
    },
  );

  r.get(
    '/api/bulletins/:id/layout',
    {
      preValidation: read,
      schema: { tags, summary: '事故情况通报版面（打印视图，与 Word 文档同一内容）', params: idParam },
    },
    async (req) => bulletinLayout(await service.getBulletin(ctx, actorOf(req), req.params.id)),
  );

  r.get(
    '/api/bulletins/:id/docx',
    { preValidation: read, schema: { tags, summary: '事故情况通报 Word 文档（GB/T 9704 公文格式）', params: idParam } },
    async (req, reply) => {
      const b = await service.getBulletin(ctx, actorOf(req), req.params.id);
      return reply
        .header('content-type', DOCX_CONTENT_TYPE)
        .header('content-disposition', attachment(bulletinFileName(b, 'docx')))
        .send(await bulletinDocx(b));
    },
  );
}
