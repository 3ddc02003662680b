/**
 * The major-hazard register's visual vocabulary: the grade colours (一级 red, 二级 orange, 三级 yellow, 四级 blue,
 * no major hazard grey — the colours of the four-colour risk maps of the safety bureaus), the grade and 备案 tags.
 */
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FilingStatus, SubstanceInput } from '../../../contracts/hazards.js';
import type { MajorHazardGrade } from '../../../domain/major-hazard.js';

export const HAZARD_GRADES = [1, 2, 3, 4] as const satisfies readonly MajorHazardGrade[];

export const HAZARD_GRADE_COLORS: Record<MajorHazardGrade, string> = {
  1: '#cf1322',
  2: '#fa8c16',
  3: '#fadb14',
  4: '#1677ff',
};
export const NO_HAZARD_COLOR = '#a6a6a6';

/** Dark ink on yellow, white on the others. */
const inkOf = (grade: MajorHazardGrade) => (grade === 3 ? 'rgba(0,0,0,0.88)' : '#fff');

export function HazardGradeTag({ grade }: { grade: MajorHazardGrade | null }) {
  const { t } = useTranslation();
  if (grade === null) {
    return (
      <Tag data-testid="hazard-grade" data-grade={0}>
        {t('hazard.notMajor')}
      </Tag>
    );
  }
  return (
    <Tag
      color={HAZARD_GRADE_COLORS[grade]}
      variant="solid"
      style={{ color: inkOf(grade), fontWeight: 600 }}
      data-testid="hazard-grade"
      data-grade={grade}
    >
      {t(`majorHazardGrade.${grade}`)}
    </Tag>
  );
}

export function FilingTag({ status, no }: { status: FilingStatus; no?: string | null }) {
  const { t } = useTranslation();
  return (
    <Tag color={status === 'filed' ? 'success' : 'warning'} title={no ?? undefined}>
      {t(`hazard.filing.${status}`)}
    </Tag>
  );
}

/** "液氨 60 t；氢 2 t" — what is stored in a unit, as entered. */
export function substancesText(substances: readonly SubstanceInput[]): string {
  return substances
    .map((s) => {
      const category = Array.isArray(s.category) ? s.category.join('/') : s.category;
      return `${s.name || s.cas || category || '—'} ${s.quantityT} t`;
    })
    .join('；');
}

/** A figure as the tables print it: up to 4 decimals, no trailing zeros. */
export function figure(n: number): string {
  return Number.isFinite(n) ? String(Math.round(n * 10_000) / 10_000) : '—';
}
