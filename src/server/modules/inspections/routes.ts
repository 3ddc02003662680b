/**
 * HTTP surface of on-site inspections (现场检查) and their evidence. Thin: auth → validate → service. Multipart is
 * registered in this scope only (the evidence upload), like the imports' scope.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idempotencyHeaders, idParam } from '../../../contracts/common.js';
import {
  checklistQuery,
  createInspectionBody,
  EVIDENCE_MAX_BYTES,
  evidenceFields,
  inspectionListQuery,
} from '../../../contracts/inspections.js';
import type { AppContext } from '../../context.js';
import { attachment } from '../../documents/download.js';
import { DOCX_CONTENT_TYPE } from '../../documents/official-docx.js';
import { AppError } from '../../errors.js';
import { actorOf, requirePermission } from '../../plugins/auth.js';
import { receiveUpload, uploadedFile, uploadScope } from '../../uploads/receive.js';
import { importChecklist, listChecklist } from './checklist.js';
import * as service from './service.js';

const documentParams = z.object({
  id: z.uuid({ message: '编号格式不正确' }),
  documentId: z.uuid({ message: '编号格式不正确' }),
});

/** Zod's issues as the API's field errors (the multipart fields are validated here, not by the route schema). */
function parseFields(fields: Record<string, string>) {
  const parsed = evidenceFields.safeParse(fields);
  if (parsed.success) return parsed.data;
  throw new AppError(
    'VALIDATION_FAILED',
    parsed.error.issues.map((i) => ({ path: i.path.join('.') || 'body', code: i.code, message: i.message })),
  );
}

export async function inspectionRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['inspections'];
  const read = requirePermission('inspection.read');
  const write = requirePermission('inspection.write');

  r.post(
    '/api/inspections',
    {
      preValidation: write,
      bodyLimit: 2 * 1024 * 1024,
      schema: {
        tags,
        summary: '现场检查记录（含检查事项、结果、证据、签字或拒签）',
        body: createInspectionBody,
        headers: idempotencyHeaders,
      },
    },
    async (req, reply) => {
      const done = await service.createInspection(ctx, actorOf(req), req.body, req.headers['idempotency-key']);
      return reply.code(done.status).send(done.body);
    },
  );

  r.get(
    '/api/inspections',
    {
      preValidation: read,
      schema: { tags, summary: '现场检查台账（本辖区 / 本单位）', querystring: inspectionListQuery },
    },
    async (req) => service.listInspections(ctx, actorOf(req), req.query),
  );

  r.get(
    '/api/inspections/officers',
    { preValidation: write, schema: { tags, summary: '可组成检查组的执法人员（持执法证）' } },
    async (req) => service.listOfficers(ctx, actorOf(req)),
  );

  r.get(
    '/api/inspections/checklist',
    { preValidation: read, schema: { tags, summary: '检查事项库与检查模板', querystring: checklistQuery } },
    async (req) => listChecklist(ctx.db.kysely, actorOf(req).regionCode, req.query.sector),
  );

  r.get(
    '/api/inspections/:id',
    { preValidation: read, schema: { tags, summary: '现场检查详情', params: idParam } },
    async (req) => service.getInspection(ctx, actorOf(req), req.params.id),
  );

  r.get(
    '/api/inspections/:id/documents/:documentId.docx',
    { preValidation: read, schema: { tags, summary: '现场检查记录（.docx）', params: documentParams } },
    async (req, reply) => {
      const file = await service.inspectionDocument(ctx, actorOf(req), req.params.id, req.params.documentId);
      return reply
        .header('content-type', DOCX_CONTENT_TYPE)
        .header('content-disposition', attachment(file.fileName))
        .send(file.data);
    },
  );

  r.get(
    '/api/inspections/:id/signature.png',
    {
      preValidation: read,
      schema: { tags, summary: '被检查单位现场负责人的签名（设备上手写，PNG）', params: idParam },
    },
    async (req, reply) => {
      const png = await service.inspectionSignature(ctx, actorOf(req), req.params.id);
      return reply.header('content-type', 'image/png').send(png);
    },
  );

  r.get(
    '/api/evidence/:id',
    { preValidation: read, schema: { tags, summary: '证据文件（照片、录音）', params: idParam } },
    async (req, reply) => {
      const file = await service.evidenceFile(ctx, actorOf(req), req.params.id);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', attachment(file.row.file_name, 'inline'))
        .header('x-content-sha256', file.row.sha256)
        .send(file.data);
    },
  );

  await uploadScope(app, '请以 multipart/form-data（字段 file）上传证据文件或检查事项表', (scope) => {
    scope.post(
      '/api/evidence',
      {
        preValidation: write,
        schema: {
          tags,
          summary:
            '上传证据（照片、录音；按 SHA-256 存储，字段 id、enterpriseId、kind、capturedAt、latitude、longitude、file）',
        },
      },
      async (req, reply) => {
        const upload = await receiveUpload(req, EVIDENCE_MAX_BYTES);
        const done = await service.uploadEvidence(ctx, actorOf(req), parseFields(upload.fields), upload.file);
        return reply.code(done.status).send(done.body);
      },
    );
    scope.post(
      '/api/inspections/checklist/import',
      {
        preValidation: requirePermission('checklist.import'),
        schema: {
          tags,
          summary:
            '导入检查事项（.xlsx / .csv，字段 file；列：编号、行业领域、分组、检查内容、依据法规、条款、条文内容）',
        },
      },
      async (req) => importChecklist(ctx, actorOf(req), await uploadedFile(req)),
    );
  });
}
