/** Live countdown to a deadline: ticks every second, red once passed. */
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNow } from './use-now.js';

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export function formatDuration(ms: number, daysLabel: (d: number) => string): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${d > 0 ? daysLabel(d) : ''}${pad(h)}:${pad(m)}:${pad(s)}`;
}

/** Less than this left: shown in orange. */
const WARN_MS = 30 * 60_000;

export function Countdown({ dueAt, doneAt }: { dueAt: string | null | undefined; doneAt?: string | null }) {
  const { t } = useTranslation();
  const now = useNow();
  if (!dueAt || doneAt) return null;
  const left = new Date(dueAt).getTime() - now;
  const time = formatDuration(left, (d) => t('countdown.days', { d }));
  const type = left < 0 ? 'danger' : left < WARN_MS ? 'warning' : undefined;
  return (
    <Typography.Text type={type} strong={left < WARN_MS} className="countdown" data-testid="countdown">
      {left < 0 ? t('countdown.over', { time }) : t('countdown.left', { time })}
    </Typography.Text>
  );
}
