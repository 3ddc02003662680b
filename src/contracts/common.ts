import { z } from 'zod';

// Chinese messages for every built-in check (server and web share these schemas).
z.config(z.locales.zhCN());

/** ISO 8601 timestamp with a time-zone offset (or Z), e.g. 2026-11-25T09:30:00+08:00. */
export const isoDateTime = z.iso.datetime({
  offset: true,
  message: '须为带时区的 ISO 8601 时间，如 2026-11-25T09:30:00+08:00',
});

export const count = z
  .number({ message: '须为数字' })
  .int({ message: '须为整数' })
  .min(0, { message: '不能为负数' })
  .max(1_000_000, { message: '数值过大' });

export const yuan = z
  .number({ message: '须为数字' })
  .int({ message: '须为整数（元）' })
  .min(0, { message: '不能为负数' })
  .max(1_000_000_000_000, { message: '数值过大' });

export function text(max: number) {
  return z
    .string({ message: '须为文本' })
    .trim()
    .max(max, { message: `不能超过${max}个字符` })
    .refine((s) => !s.includes('\u0000'), { message: '不能包含空字符' });
}

export function requiredText(max: number) {
  return text(max).min(1, { message: '不能为空' });
}

export const pageQuery = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};

export const idParam = z.object({ id: z.uuid({ message: '编号格式不正确' }) });
