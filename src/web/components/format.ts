/** Display formats: times in the browser's zone (China Standard Time on the bureaus' machines). */
import dayjs from 'dayjs';

export function formatTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—';
}

export function formatTimeSeconds(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD HH:mm:ss') : '—';
}

export function formatYuan(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return value.toLocaleString('zh-CN');
}

/** Local time with its offset, as the API wants it (e.g. 2026-11-25T09:30:00+08:00). */
export function toIsoWithOffset(value: dayjs.Dayjs): string {
  return value.format('YYYY-MM-DDTHH:mm:ssZ');
}
