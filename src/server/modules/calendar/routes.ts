/** HTTP surface of the working-day calendar (法定节假日安排). Thin: auth → validate → service. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { calendarYearParams, holidayScheduleBody, workingDaysQuery } from '../../../contracts/calendar.js';
import type { AppContext } from '../../context.js';
import { actorOf, requirePermission } from '../../plugins/auth.js';
import * as service from './service.js';

export function calendarRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['calendar'];
  r.get(
    '/api/calendar/years',
    {
      preValidation: requirePermission('calendar.read'),
      schema: { tags, summary: '已有节假日安排的年份（内置或导入）' },
    },
    async () => service.listYears(ctx),
  );
  r.get(
    '/api/calendar/working-days',
    {
      preValidation: requirePermission('calendar.read'),
      schema: { tags, summary: '自某日起第 N 个工作日（开始当日不计入）', querystring: workingDaysQuery },
    },
    async (req) => service.addWorkingDays(ctx, req.query.from, req.query.days),
  );
  r.get(
    '/api/calendar/:year',
    {
      preValidation: requirePermission('calendar.read'),
      schema: { tags, summary: '某年节假日安排', params: calendarYearParams },
    },
    async (req) => service.getYear(ctx, req.params.year),
  );
  r.put(
    '/api/calendar/:year',
    {
      preValidation: requirePermission('calendar.manage'),
      schema: {
        tags,
        summary: '导入（或更正）某年节假日安排，按国务院办公厅通知填写',
        params: calendarYearParams,
        body: holidayScheduleBody,
      },
    },
    async (req) => service.loadYear(ctx, actorOf(req), req.params.year, req.body),
  );
}
