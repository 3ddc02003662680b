/** HTTP surface of incident command (应急处置). Thin: auth → validate → service. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParam } from '../../../contracts/common.js';
import {
  closeBody,
  dispatchBody,
  incidentListQuery,
  incidentStatsQuery,
  incidentViewQuery,
  invitationBody,
  invitationParams,
  levelChangeBody,
  logEntryBody,
  nearestForIncidentQuery,
  openIncidentBody,
  taskMoveBody,
  taskParams,
} from '../../../contracts/incidents.js';
import type { AppContext } from '../../context.js';
import { attachment, sendExport } from '../../documents/download.js';
import { DOCX_CONTENT_TYPE } from '../../documents/official-docx.js';
import { actorOf, requirePermission } from '../../plugins/auth.js';
import * as service from './service.js';
import * as statistics from './statistics.js';

export function incidentRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['incidents'];
  const read = requirePermission('incident.read');
  const log = requirePermission('incident.log');
  const command = requirePermission('incident.command');
  const stats = requirePermission('incident.stats');

  r.post(
    '/api/incidents',
    { preValidation: command, schema: { tags, summary: '启动应急处置（由事故快报）', body: openIncidentBody } },
    async (req, reply) => reply.code(201).send(await service.openIncident(ctx, actorOf(req), req.body)),
  );

  r.get(
    '/api/incidents',
    {
      preValidation: read,
      schema: { tags, summary: '应急处置事件（本辖区；协同部门：受邀的事件）', querystring: incidentListQuery },
    },
    async (req) => service.listIncidents(ctx, actorOf(req), req.query),
  );

  r.get(
    '/api/incidents/stats',
    {
      preValidation: stats,
      schema: { tags, summary: '应急处置统计（按响应级别、地区，响应时间）', querystring: incidentStatsQuery },
    },
    async (req) => statistics.incidentStats(ctx, actorOf(req), req.query),
  );

  r.get(
    '/api/incidents/stats.xlsx',
    { preValidation: stats, schema: { tags, summary: '导出应急处置统计表（.xlsx）', querystring: incidentStatsQuery } },
    async (req, reply) => sendExport(reply, await statistics.exportIncidentStats(ctx, actorOf(req), req.query)),
  );

  r.get(
    '/api/incidents/:id',
    {
      preValidation: read,
      schema: {
        tags,
        summary: '事件详情（级别、日志、任务、协同；view=wall 为值班大屏）',
        params: idParam,
        querystring: incidentViewQuery,
      },
    },
    async (req) => service.getIncident(ctx, actorOf(req), req.params.id, req.query.view),
  );

  r.get(
    '/api/incidents/:id/nearest',
    {
      preValidation: read,
      schema: {
        tags,
        summary: '距事故点最近的救援力量（含是否在执行任务）',
        params: idParam,
        querystring: nearestForIncidentQuery,
      },
    },
    async (req) => service.nearest(ctx, actorOf(req), req.params.id, req.query),
  );

  r.post(
    '/api/incidents/:id/level',
    {
      preValidation: command,
      schema: { tags, summary: '调整响应级别（须说明理由）', params: idParam, body: levelChangeBody },
    },
    async (req) => service.changeLevel(ctx, actorOf(req), req.params.id, req.body),
  );

  r.post(
    '/api/incidents/:id/log',
    {
      preValidation: log,
      schema: { tags, summary: '填写处置日志（指令、情况、决策）', params: idParam, body: logEntryBody },
    },
    async (req, reply) => reply.code(201).send(await service.addLogEntry(ctx, actorOf(req), req.params.id, req.body)),
  );

  r.post(
    '/api/incidents/:id/tasks',
    { preValidation: command, schema: { tags, summary: '调派救援力量', params: idParam, body: dispatchBody } },
    async (req, reply) => reply.code(201).send(await service.dispatch(ctx, actorOf(req), req.params.id, req.body)),
  );

  r.post(
    '/api/incidents/:id/tasks/:taskId/state',
    {
      preValidation: command,
      schema: { tags, summary: '任务状态（在途、到场、撤离）', params: taskParams, body: taskMoveBody },
    },
    async (req) => service.moveTask(ctx, actorOf(req), req.params.id, req.params.taskId, req.body),
  );

  r.get(
    '/api/incidents/:id/invitable-users',
    { preValidation: command, schema: { tags, summary: '可邀请的协同部门用户', params: idParam } },
    async (req) => service.invitableUsers(ctx, actorOf(req), req.params.id),
  );

  r.post(
    '/api/incidents/:id/invitations',
    {
      preValidation: command,
      schema: { tags, summary: '邀请协同部门（查看或填写日志）', params: idParam, body: invitationBody },
    },
    async (req, reply) => reply.code(201).send(await service.invite(ctx, actorOf(req), req.params.id, req.body)),
  );

  r.post(
    '/api/incidents/:id/invitations/:invitationId/revoke',
    { preValidation: command, schema: { tags, summary: '结束协同部门的权限', params: invitationParams } },
    async (req) => service.revoke(ctx, actorOf(req), req.params.id, req.params.invitationId),
  );

  r.post(
    '/api/incidents/:id/close',
    {
      preValidation: command,
      schema: { tags, summary: '响应终止（生成处置情况报告）', params: idParam, body: closeBody },
    },
    async (req) => service.close(ctx, actorOf(req), req.params.id, req.body),
  );

  r.get(
    '/api/incidents/:id/report.docx',
    { preValidation: read, schema: { tags, summary: '处置情况报告（.docx）', params: idParam } },
    async (req, reply) => {
      const file = await service.reportDocx(ctx, actorOf(req), req.params.id);
      return reply
        .header('content-type', DOCX_CONTENT_TYPE)
        .header('content-disposition', attachment(file.fileName))
        .send(file.data);
    },
  );
}
