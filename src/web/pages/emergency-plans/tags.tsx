/** The emergency plans' visual vocabulary: the filing status and a clock's status. */
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ClockStatus } from '../../../contracts/emergency-plans.js';
import type { FilingStatus } from '../../../domain/emergency-plan.js';

const FILING_COLORS: Record<FilingStatus, string> = {
  not_required: 'default',
  pending: 'processing',
  overdue: 'error',
  submitted: 'cyan',
  filed: 'success',
  incomplete: 'warning',
  deemed: 'lime',
};

/** The filing status; a filing made after its last day also carries the 逾期备案 mark. */
export function FilingStatusTag({ status, late = false }: { status: FilingStatus; late?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <Tag color={FILING_COLORS[status]} data-testid="plan-filing-status" data-status={status}>
        {t(`plans.filingStatuses.${status}`)}
      </Tag>
      {late && (
        <Tag color="orange" data-testid="plan-filing-late">
          {t('plans.filedLate')}
        </Tag>
      )}
    </>
  );
}

const CLOCK_COLORS: Record<ClockStatus, string> = {
  pending: 'processing',
  overdue: 'error',
  done: 'success',
  done_late: 'orange',
  calendar_gap: 'warning',
};

export function PlanClockTag({ status }: { status: ClockStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={CLOCK_COLORS[status]} data-status={status}>
      {t(`plans.clockStatuses.${status}`)}
    </Tag>
  );
}

/** A due day, or its nominal day with the note that the year's calendar is not loaded yet. */
export function DueDay({ dueOn, nominalOn }: { dueOn: string | null; nominalOn?: string | null }) {
  const { t } = useTranslation();
  if (dueOn) return <span>{dueOn}</span>;
  if (nominalOn) return <span>{t('plans.gapDay', { day: nominalOn })}</span>;
  return <span>—</span>;
}
