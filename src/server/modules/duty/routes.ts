/** HTTP surface of duty and dispatch (值班). Thin: auth → validate → service. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParam } from '../../../contracts/common.js';
import {
  dutyLogBody,
  dutyLogQuery,
  dutyNowQuery,
  handoverBody,
  handoversQuery,
  shiftBody,
  shiftsQuery,
} from '../../../contracts/duty.js';
import type { AppContext } from '../../context.js';
import { sendExport } from '../../documents/download.js';
import { actorOf, requirePermission } from '../../plugins/auth.js';
import { exportLog } from './export.js';
import * as service from './service.js';

export function dutyRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['duty'];
  const read = requirePermission('duty.read');
  const write = requirePermission('duty.write');

  r.get('/api/duty/staff', { preValidation: read, schema: { tags, summary: '本单位人员（可排班）' } }, async (req) =>
    service.listStaff(ctx, actorOf(req)),
  );

  r.get(
    '/api/duty/shifts',
    { preValidation: read, schema: { tags, summary: '值班表（排班）', querystring: shiftsQuery } },
    async (req) => service.listShifts(ctx, actorOf(req), req.query),
  );

  r.post(
    '/api/duty/shifts',
    { preValidation: write, schema: { tags, summary: '新增班次', body: shiftBody } },
    async (req, reply) => reply.code(201).send(await service.createShift(ctx, actorOf(req), req.body)),
  );

  r.put(
    '/api/duty/shifts/:id',
    { preValidation: write, schema: { tags, summary: '修改班次', params: idParam, body: shiftBody } },
    async (req) => service.updateShift(ctx, actorOf(req), req.params.id, req.body),
  );

  r.get(
    '/api/duty/now',
    { preValidation: read, schema: { tags, summary: '当前在岗值班（本级及下级）', querystring: dutyNowQuery } },
    async (req) => service.whoIsOnDuty(ctx, actorOf(req), req.query),
  );

  r.get(
    '/api/duty/contacts',
    {
      preValidation: requirePermission('duty.contacts'),
      schema: { tags, summary: '事故报告电话（企业：所在县级及省级应急管理部门值班电话）' },
    },
    async (req) => service.reportingContacts(ctx, actorOf(req)),
  );

  r.get(
    '/api/duty/handovers',
    { preValidation: read, schema: { tags, summary: '交接班记录', querystring: handoversQuery } },
    async (req) => service.listHandovers(ctx, actorOf(req), req.query),
  );

  r.post(
    '/api/duty/handovers',
    { preValidation: write, schema: { tags, summary: '交接班', body: handoverBody } },
    async (req, reply) => reply.code(201).send(await service.createHandover(ctx, actorOf(req), req.body)),
  );

  r.get(
    '/api/duty/log',
    { preValidation: read, schema: { tags, summary: '值班记录（来电、传真、信息）', querystring: dutyLogQuery } },
    async (req) => service.listLog(ctx, actorOf(req), req.query),
  );

  r.get(
    '/api/duty/log/export.xlsx',
    {
      preValidation: read,
      schema: { tags, summary: '导出值班记录（.xlsx，筛选条件同列表）', querystring: dutyLogQuery },
    },
    async (req, reply) => {
      const file = await exportLog(ctx, actorOf(req), req.query);
      return sendExport(reply, file);
    },
  );

  r.get(
    '/api/duty/log/:id',
    { preValidation: read, schema: { tags, summary: '值班记录详情', params: idParam } },
    async (req) => service.getLog(ctx, actorOf(req), req.params.id),
  );

  r.post(
    '/api/duty/log',
    { preValidation: write, schema: { tags, summary: '登记值班记录', body: dutyLogBody } },
    async (req, reply) => reply.code(201).send(await service.createLog(ctx, actorOf(req), req.body)),
  );
}
