/** The penalty cases' visual vocabulary: the stage tag and a clock's status tag. */
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseClockStatus, CaseStatus } from '../../../domain/penalty-case.js';

const STAGE_COLORS: Record<CaseStatus, string> = {
  pending_approval: 'default',
  not_filed: 'default',
  investigating: 'processing',
  reviewing: 'processing',
  notified: 'cyan',
  hearing: 'purple',
  decided: 'blue',
  served: 'geekblue',
  enforcing: 'orange',
  court: 'volcano',
  closing: 'gold',
  closed: 'success',
  archived: 'success',
};

export function CaseStatusTag({ status }: { status: CaseStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STAGE_COLORS[status]} data-testid="case-status" data-status={status}>
      {t(`cases.statuses.${status}`)}
    </Tag>
  );
}

const CLOCK_COLORS: Record<CaseClockStatus, string> = {
  pending: 'processing',
  done: 'success',
  done_late: 'warning',
  overdue: 'error',
  running: 'cyan',
  ended: 'default',
  calendar_missing: 'warning',
};

export function ClockStatusTag({ status }: { status: CaseClockStatus }) {
  const { t } = useTranslation();
  return <Tag color={CLOCK_COLORS[status]}>{t(`cases.clocks.statuses.${status}`)}</Tag>;
}
