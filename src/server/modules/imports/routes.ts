/**
 * HTTP surface of the historical import. Thin: auth → validate → service. Multipart is registered in this scope
 * only, so every other route keeps its JSON-only body handling and the global 413.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idempotencyHeaders, idParam } from '../../../contracts/common.js';
import { IMPORT_MAX_JSON_BYTES, importListQuery, importQuery } from '../../../contracts/imports.js';
import type { AppContext } from '../../context.js';
import { actorOf, requirePermission } from '../../plugins/auth.js';
import { noFile, uploadedFile, uploadScope } from '../../uploads/receive.js';
import * as service from './service.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The uploaded file (multipart field `file`) or the JSON array in the body. */
async function uploadOf(req: FastifyRequest): Promise<service.Upload> {
  if (!req.isMultipart()) {
    if (req.body === undefined) throw noFile();
    return { kind: 'json', records: req.body };
  }
  return { kind: 'file', ...(await uploadedFile(req)) };
}

export async function importRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  // A raw .xlsx, text/csv or a form is answered clearly instead of with a generic 415.
  await uploadScope(
    app,
    '请以 multipart/form-data（字段 file）上传文件，或以 application/json 提交记录数组',
    (scope) => {
      const r = scope.withTypeProvider<ZodTypeProvider>();
      const tags = ['imports'];

      r.post(
        '/api/accidents/import',
        {
          bodyLimit: IMPORT_MAX_JSON_BYTES,
          preValidation: requirePermission('accident.import'),
          schema: {
            tags,
            summary: '历史数据导入（.xlsx / .csv 文件，字段 file；或 JSON 记录数组）',
            querystring: importQuery,
            headers: idempotencyHeaders,
          },
        },
        async (req, reply) => {
          const actor = actorOf(req);
          const result = await service.importAccidents(ctx, actor, await uploadOf(req), {
            dryRun: req.query.dryRun === 'true',
            importId: req.query.importId,
            idempotencyKey: req.headers['idempotency-key'],
          });
          return reply.code(result.status).send(result.body);
        },
      );

      r.get(
        '/api/accidents/import/template',
        {
          preValidation: requirePermission('accident.import'),
          schema: { tags, summary: '下载历史数据导入模板（.xlsx）' },
        },
        async (req, reply) => {
          const file = await service.importTemplate(ctx, actorOf(req));
          return reply
            .header('content-type', XLSX_TYPE)
            .header(
              'content-disposition',
              `attachment; filename="accident-import-template.xlsx"; filename*=UTF-8''${encodeURIComponent('事故历史数据导入模板.xlsx')}`,
            )
            .send(file);
        },
      );

      r.get(
        '/api/accidents/imports',
        {
          preValidation: requirePermission('accident.import'),
          schema: { tags, summary: '历史数据导入记录', querystring: importListQuery },
        },
        async (req) => service.listImports(ctx, actorOf(req), req.query),
      );

      r.get(
        '/api/accidents/imports/:id',
        {
          preValidation: requirePermission('accident.import'),
          schema: { tags, summary: '导入进度与逐行结果', params: idParam },
        },
        async (req) => service.getImport(ctx, actorOf(req), req.params.id),
      );
    },
  );
}
