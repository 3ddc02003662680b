/**
 * HTTP surface of the registry import and export. Thin: auth → validate → service. Multipart is registered in this
 * scope only (as for the accident import), so every other route keeps its JSON-only body handling.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idempotencyHeaders } from '../../../contracts/common.js';
import { enterpriseListQuery, regionCodeParam } from '../../../contracts/enterprises.js';
import { LICENCE_STATE_LABELS, LICENCE_TYPES, type LicenceState } from '../../../domain/enterprise.js';
import type { AppContext } from '../../context.js';
import { attachment, sendExport } from '../../documents/download.js';
import { XLSX_CONTENT_TYPE } from '../../documents/xlsx.js';
import { actorOf, requirePermission } from '../../plugins/auth.js';
import { uploadedFile, uploadScope } from '../../uploads/receive.js';
import { exportEnterprises, exportLicences } from './export.js';
import * as service from './service.js';
import { registryTemplate } from './template.js';

const registryImportQuery = z
  .object({
    /** true: validate every row (duplicates included) and write nothing. */
    dryRun: z.enum(['true', 'false'], { message: '须为 true 或 false' }).default('false'),
  })
  .strict();

/** The list's filters, without paging: the whole filtered list (up to EXPORT_MAX_ROWS). */
const enterpriseExportQuery = enterpriseListQuery.omit({ page: true, pageSize: true });

const LICENCE_STATES = Object.keys(LICENCE_STATE_LABELS) as [LicenceState, ...LicenceState[]];

const licenceExportQuery = z
  .object({
    regionCode: regionCodeParam.optional(),
    type: z.enum(LICENCE_TYPES, { message: `须为 ${LICENCE_TYPES.join('、')} 之一` }).optional(),
    /** The state on today's date (Asia/Shanghai); expired: valid as recorded but past 有效期至. */
    state: z.enum(LICENCE_STATES, { message: `须为 ${LICENCE_STATES.join('、')} 之一` }).optional(),
  })
  .strict();

export async function registryImportRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  // A raw .xlsx, text/csv or JSON is answered clearly instead of with a generic 415.
  await uploadScope(app, '请以 multipart/form-data（字段 file）上传 .xlsx 或 .csv 文件', (scope) => {
    const r = scope.withTypeProvider<ZodTypeProvider>();
    const tags = ['enterprises'];

    r.post(
      '/api/enterprises/import',
      {
        preValidation: requirePermission('enterprise.import'),
        schema: {
          tags,
          summary: '企业档案和许可证批量导入（.xlsx 的“企业”“许可证”表，或 .csv；字段 file）',
          querystring: registryImportQuery,
          headers: idempotencyHeaders,
        },
      },
      async (req, reply) => {
        const result = await service.importRegistry(ctx, actorOf(req), await uploadedFile(req), {
          dryRun: req.query.dryRun === 'true',
          idempotencyKey: req.headers['idempotency-key'],
        });
        return reply.code(result.status).send(result.body);
      },
    );

    r.get(
      '/api/enterprises/import/template',
      {
        preValidation: requirePermission('enterprise.import'),
        schema: { tags, summary: '下载企业档案和许可证导入模板（.xlsx）' },
      },
      async (req, reply) => {
        const file = await registryTemplate(ctx, actorOf(req));
        return reply
          .header('content-type', XLSX_CONTENT_TYPE)
          .header('content-disposition', attachment('企业档案和许可证导入模板.xlsx'))
          .send(file);
      },
    );

    r.get(
      '/api/enterprises/export',
      {
        preValidation: requirePermission('enterprise.read'),
        schema: { tags, summary: '导出企业名录（.xlsx，按列表的筛选条件）', querystring: enterpriseExportQuery },
      },
      async (req, reply) => {
        const file = await exportEnterprises(ctx, actorOf(req), req.query);
        return sendExport(reply, file);
      },
    );

    r.get(
      '/api/licences/export',
      {
        preValidation: requirePermission('enterprise.read'),
        schema: { tags, summary: '导出许可证台账（.xlsx，含当日状态和剩余天数）', querystring: licenceExportQuery },
      },
      async (req, reply) => {
        const file = await exportLicences(ctx, actorOf(req), req.query);
        return sendExport(reply, file);
      },
    );
  });
}
