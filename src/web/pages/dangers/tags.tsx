/** The hidden dangers' visual vocabulary: level and status tags, and a clock's last day as an instant. */
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DangerLevel, DangerStatus } from '../../../contracts/hidden-dangers.js';

const STATUS_COLORS: Record<DangerStatus, string> = {
  open: 'default',
  rectifying: 'processing',
  awaiting_recheck: 'purple',
  closed: 'success',
  overdue: 'error',
};

export function DangerStatusTag({ status }: { status: DangerStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="danger-status" data-status={status}>
      {t(`danger.status.${status}`)}
    </Tag>
  );
}

export function DangerLevelTag({ level }: { level: DangerLevel }) {
  const { t } = useTranslation();
  return (
    <Tag color={level === 'major' ? 'volcano' : 'blue'} variant={level === 'major' ? 'solid' : 'outlined'}>
      {t(`danger.levelShort.${level}`)}
    </Tag>
  );
}

/** The end of a last day (24:00 Asia/Shanghai) as an ISO instant, for the countdown. */
export const endOfShanghaiDay = (date: string) =>
  new Date(new Date(`${date}T00:00:00+08:00`).getTime() + 86_400_000).toISOString();
