/** Small visual vocabulary shared by every page: grade, status, deadline status, flags. */
import { Badge, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AccidentStatus, ChainLevel, DeadlineStatus, Grade } from '../api/types.js';

const GRADE_COLORS: Record<Grade, string> = {
  general: 'blue',
  larger: 'gold',
  major: 'orange',
  especially_major: 'red',
};

export function GradeTag({ grade, short = false }: { grade: Grade; short?: boolean }) {
  const { t } = useTranslation();
  return (
    <Tag color={GRADE_COLORS[grade]} variant="solid" data-testid="grade-tag">
      {short ? t(`gradeShort.${grade}`) : t(`grade.${grade}`)}
    </Tag>
  );
}

const STATUS_BADGES: Record<AccidentStatus, 'processing' | 'error' | 'success'> = {
  pending: 'processing',
  overdue: 'error',
  done: 'success',
};

export function StatusBadge({ status }: { status: AccidentStatus }) {
  const { t } = useTranslation();
  return <Badge status={STATUS_BADGES[status]} text={t(`status.${status}`)} />;
}

export const DEADLINE_COLORS: Record<DeadlineStatus, string> = {
  pending: 'processing',
  overdue: 'error',
  done: 'success',
  done_late: 'warning',
};

export function DeadlineTag({ status }: { status: DeadlineStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={DEADLINE_COLORS[status]} data-status={status}>
      {t(`chainStatus.${status}`)}
    </Tag>
  );
}

export function FlagTags({ flags }: { flags: string[] }) {
  const { t } = useTranslation();
  return (
    <>
      {flags.map((f) => (
        <Tag key={f} color={f === 'skipped_level' ? 'purple' : 'volcano'}>
          {t(`flag.${f}`, { defaultValue: f })}
        </Tag>
      ))}
    </>
  );
}

export function LevelText({ level }: { level: ChainLevel }) {
  const { t } = useTranslation();
  return <>{t(`level.${level}`)}</>;
}
