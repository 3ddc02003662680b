import { z } from 'zod';
import { CREDIT_CODE_MESSAGES, creditCodeProblem } from '../domain/credit-code.js';

// Chinese messages for every built-in check (server and web share these schemas).
z.config(z.locales.zhCN());

// In the browser the Content-Security-Policy forbids eval: zod must not even probe for it (a probe is reported as a
// violation). The server keeps zod's compiled validators.
if (typeof document !== 'undefined') z.config({ jitless: true });

export const REQUIRED_MESSAGE = '必填项，不能为空';

// A missing field says so, rather than "expected a string, got undefined".
z.config({
  customError: (iss) => (iss.code === 'invalid_type' && iss.input === undefined ? REQUIRED_MESSAGE : undefined),
});

/** The error of a type check: REQUIRED_MESSAGE when the field is missing, `message` when it has the wrong type. */
export function expecting(message: string) {
  return { error: (iss: { input?: unknown }) => (iss.input === undefined ? REQUIRED_MESSAGE : message) };
}

/**
 * Years a timestamp may carry. PostgreSQL rejects year 0000 (a 500) and PGlite silently rewrites years
 * 0001–0099, so out-of-range years are refused here; the bounds cover every record the bureaus keep.
 */
export const MIN_YEAR = 1949;
export const MAX_YEAR = 2100;

/** ISO 8601 timestamp with a time-zone offset (or Z), e.g. 2026-11-25T09:30:00+08:00, years 1949–2100. */
export const isoDateTime = z.iso
  .datetime({
    offset: true,
    message: '须为带时区的 ISO 8601 时间，如 2026-11-25T09:30:00+08:00',
    // A malformed value gets the format message only, not the year message as well.
    abort: true,
  })
  .refine(
    (s) => {
      // The year as written (the format guarantees four leading digits), so the bound does not move with the offset.
      const year = Number(s.slice(0, 4));
      return year >= MIN_YEAR && year <= MAX_YEAR;
    },
    { message: `年份须在${MIN_YEAR}年至${MAX_YEAR}年之间` },
  );

export const count = z
  .number(expecting('须为数字'))
  .int({ message: '须为整数' })
  .min(0, { message: '不能为负数' })
  .max(1_000_000, { message: '数值过大' });

export const yuan = z
  .number(expecting('须为数字'))
  .int({ message: '须为整数（元）' })
  .min(0, { message: '不能为负数' })
  .max(1_000_000_000_000, { message: '数值过大' });

export function text(max: number) {
  return z
    .string(expecting('须为文本'))
    .trim()
    .max(max, { message: `不能超过${max}个字符` })
    .refine((s) => !s.includes('\u0000'), { message: '不能包含空字符' });
}

export function requiredText(max: number) {
  return text(max).min(1, { message: '不能为空' });
}

/** 统一社会信用代码, check character verified (GB 32100-2015); the message says what is wrong. */
export const creditCode = z
  .string(expecting('须为文本'))
  .trim()
  .superRefine((code, ctx) => {
    const problem = creditCodeProblem(code);
    if (problem) ctx.addIssue({ code: 'custom', message: CREDIT_CODE_MESSAGES[problem] });
  });

/** 2026-02-30 is no date: the day must survive a round trip through the calendar. */
function isCalendarDate(s: string): boolean {
  const t = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
}

/** A date (YYYY-MM-DD) as Asia/Shanghai counts it: deadlines, 复查 and 延期 days. */
export const localDate = z
  .string(expecting('须为日期'))
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: '须为 YYYY-MM-DD 格式的日期', abort: true })
  .refine(isCalendarDate, { message: '不是有效的日期', abort: true })
  // The same years as a time (the database has no year 0, and nothing of ours happened before 1949).
  .refine((s) => Number(s.slice(0, 4)) >= MIN_YEAR && Number(s.slice(0, 4)) <= MAX_YEAR, {
    message: `年份须在${MIN_YEAR}年至${MAX_YEAR}年之间`,
  });

/** A filter's from–to dates in order (YYYY-MM-DD compare as text): `.refine(...datesInOrder)`. */
export const datesInOrder: [
  (b: { from?: string | undefined; to?: string | undefined }) => boolean,
  { message: string; path: string[] },
] = [(b) => !b.from || !b.to || b.from <= b.to, { message: '开始日期不能晚于结束日期', path: ['from'] }];

/** A region code as a filter or a key: 6 digits (province, city, county) or 9 (town). */
export const regionCode = z.string().regex(/^\d{6}(\d{3})?$/, { message: '须为6位或9位行政区划代码' });

export const pageQuery = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};

/** The filters the registers share: a region of the jurisdiction, one enterprise, a from–to of dates, the page. */
export const registerFilters = {
  regionCode: regionCode.optional(),
  enterpriseId: z.uuid({ message: '企业编号格式不正确' }).optional(),
  /** On or after / on or before (ISO dates, Asia/Shanghai). */
  from: localDate.optional(),
  to: localDate.optional(),
  ...pageQuery,
};

/** Idempotency-Key: a retried write with the same key gets the first answer (modules/idempotency). */
export const idempotencyHeaders = z.object({ 'idempotency-key': requiredText(200).optional() });

export const idParam = z.object({ id: z.uuid({ message: '编号格式不正确' }) });
