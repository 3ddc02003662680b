/** The working-day calendar's contracts (法定节假日安排). Rules: domain/calendar.ts. */
import { z } from 'zod';
import { expecting, localDate, requiredText } from './common.js';

export const MIN_CALENDAR_YEAR = 2000;
export const MAX_CALENDAR_YEAR = 2100;

const yearNumber = z.coerce
  .number(expecting('须为年份数字'))
  .int({ message: '须为整数年份' })
  .min(MIN_CALENDAR_YEAR, { message: `年份须在${MIN_CALENDAR_YEAR}年至${MAX_CALENDAR_YEAR}年之间` })
  .max(MAX_CALENDAR_YEAR, { message: `年份须在${MIN_CALENDAR_YEAR}年至${MAX_CALENDAR_YEAR}年之间` });

export const calendarYearParams = z.object({ year: yearNumber });

export const holidayPeriod = z
  .object({
    name: requiredText(30),
    from: localDate,
    to: localDate,
    workdays: z.array(localDate).max(4, { message: '每个节日的调休上班日不超过4天' }).default([]),
  })
  .strict()
  .refine((p) => p.from <= p.to, { message: '放假结束日不能早于开始日', path: ['to'] });

/** A year's schedule as the State Council's notice gives it; checked against the year in the service. */
export const holidayScheduleBody = z
  .object({
    source: requiredText(200),
    periods: z.array(holidayPeriod).min(1, { message: '至少一个节日' }).max(12, { message: '节日不超过12个' }),
  })
  .strict();
export type HolidayScheduleBody = z.infer<typeof holidayScheduleBody>;

export const workingDaysQuery = z.object({
  from: localDate,
  days: z.coerce.number(expecting('须为数字')).int({ message: '须为整数' }).min(0).max(366, { message: '不超过366' }),
});
