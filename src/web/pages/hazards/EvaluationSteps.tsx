/**
 * The computation of GB 18218-2018, step by step, as the engine did it: per substance the Table-1 row or the
 * Table-2 category, Q and β with their sources; S = Σ q/Q written out and compared with 1 (4.2.2, formula (1));
 * α from Table 5; R = α × Σ β·q/Q written out (4.3.2, formula (2)); the grade band of Table 6.
 */
import { Space, Table, type TableProps, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { EvaluatedItem, Evaluation } from '../../../contracts/hazards.js';
import {
  HAZARD_CATEGORY_SYMBOLS,
  TABLE_2,
  TABLE_5_ALPHA,
  TABLE_6_GRADES,
} from '../../../domain/major-hazard-tables.js';
import { figure, HazardGradeTag } from './tags.js';

export type EvaluationLike = Pick<Evaluation, 's' | 'isMajor' | 'alpha' | 'r' | 'grade' | 'items'> & {
  exact?: Evaluation['exact'] | undefined;
};

const SYMBOLS: readonly string[] = HAZARD_CATEGORY_SYMBOLS;

function categoryText(symbol: string | null): string {
  if (!symbol || !SYMBOLS.includes(symbol)) return symbol ?? '—';
  const c = TABLE_2.find((row) => row.symbol === symbol);
  return c ? `${c.symbol} ${c.className}（${c.description}）` : symbol;
}

/** "100人以上", "50～99人", "0人" — a Table-5 band. */
export function alphaBandText(t: TFunction, band: (typeof TABLE_5_ALPHA)[number]): string {
  if (band.maxPeople === null) return t('hazard.steps.peopleAtLeast', { n: band.minPeople });
  if (band.minPeople === band.maxPeople) return t('hazard.steps.peopleExactly', { n: band.minPeople });
  return t('hazard.steps.peopleRange', { min: band.minPeople, max: band.maxPeople });
}

export function alphaBandOf(people: number) {
  return TABLE_5_ALPHA.find((b) => people >= b.minPeople) ?? TABLE_5_ALPHA[TABLE_5_ALPHA.length - 1];
}

/** "R ≥ 100", "100 > R ≥ 50", …, "R < 10" — the Table-6 bands, highest grade first. */
export const GRADE_BANDS = TABLE_6_GRADES.map((band, i) => {
  const upper = i > 0 ? TABLE_6_GRADES[i - 1]?.minR : undefined;
  const text =
    upper === undefined ? `R ≥ ${band.minR}` : band.minR === 0 ? `R < ${upper}` : `${upper} > R ≥ ${band.minR}`;
  return { grade: band.grade, text };
});

const alphaText = (alpha: number) => alpha.toFixed(1);

/** The exact fraction ("10/3") when the 4-decimal figure shown is rounded; undefined when it is exact. */
function inexact(fraction: string | undefined, shown: number): string | undefined {
  const m = fraction ? /^(\d+)\/(\d+)$/.exec(fraction) : null;
  if (!m) return undefined;
  return Math.abs(Number(m[1]) / Number(m[2]) - shown) > 1e-12 ? fraction : undefined;
}

function ItemSource({ item }: { item: EvaluatedItem }) {
  const { t } = useTranslation();
  if (item.tableOneNo !== null) {
    return <span>{t('hazard.steps.table1Row', { no: item.tableOneNo, name: item.name ?? '' })}</span>;
  }
  return <span>{t('hazard.steps.table2Row', { category: categoryText(item.category) })}</span>;
}

function qSource(t: TFunction, item: EvaluatedItem): string {
  return item.criticalQuantitySource === 'table1'
    ? t('hazard.steps.qFromTable1', { no: item.tableOneNo ?? '' })
    : t('hazard.steps.qFromTable2', { category: item.category ?? '' });
}

function betaSource(t: TFunction, item: EvaluatedItem): string {
  if (item.betaSource === 'table3') return t('hazard.steps.betaFromTable3');
  return item.categorySource === 'default'
    ? t('hazard.steps.betaFromTable4Default', { category: item.category ?? '' })
    : t('hazard.steps.betaFromTable4', { category: item.category ?? '' });
}

function Formula({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <div
      data-testid={testId}
      style={{
        fontFamily: 'ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace',
        background: '#f6f8fa',
        border: '1px solid #eaeef2',
        borderRadius: 4,
        padding: '6px 10px',
        overflowX: 'auto',
        whiteSpace: 'nowrap',
      }}
    >
      {children}
    </div>
  );
}

function StepTitle({ n, children }: { n: number; children: ReactNode }) {
  return (
    <Typography.Text strong>
      <Tag color="blue" style={{ marginInlineEnd: 6 }}>
        {n}
      </Tag>
      {children}
    </Typography.Text>
  );
}

export function EvaluationSteps({ evaluation, exposedPeople }: { evaluation: EvaluationLike; exposedPeople: number }) {
  const { t } = useTranslation();
  const items = evaluation.items;
  const band = alphaBandOf(exposedPeople);
  const weighted = items.map((i) => Math.round(i.beta * i.ratio * 10_000) / 10_000);
  const weightedSum = Math.round(weighted.reduce((a, b) => a + b, 0) * 10_000) / 10_000;

  const columns: TableProps<EvaluatedItem>['columns'] = [
    { title: '#', key: 'n', width: 36, render: (_: unknown, i) => i.index + 1 },
    {
      title: t('hazard.substance.name'),
      key: 'name',
      width: 200,
      render: (_: unknown, i) => (
        <Space orientation="vertical" size={0}>
          <ItemSource item={i} />
          {i.cas && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              CAS {i.cas}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { title: t('hazard.steps.q'), key: 'q', width: 90, align: 'right', render: (_: unknown, i) => figure(i.quantityT) },
    {
      title: t('hazard.steps.criticalQ'),
      key: 'Q',
      width: 150,
      render: (_: unknown, i) => (
        <Space orientation="vertical" size={0}>
          <span>{figure(i.criticalQuantityT)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {qSource(t, i)}
          </Typography.Text>
        </Space>
      ),
    },
    { title: 'q/Q', key: 'ratio', width: 80, align: 'right', render: (_: unknown, i) => figure(i.ratio) },
    {
      title: t('hazard.steps.beta'),
      key: 'beta',
      width: 170,
      render: (_: unknown, i) => (
        <Space orientation="vertical" size={0}>
          <span>{figure(i.beta)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {betaSource(t, i)}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: 'β·q/Q',
      key: 'weighted',
      width: 80,
      align: 'right',
      render: (_: unknown, i) => figure(weighted[items.indexOf(i)] ?? 0),
    },
  ];

  const sTerms = items.map((i) => `${figure(i.quantityT)}/${figure(i.criticalQuantityT)}`).join(' + ');
  const sRatios = items.map((i) => figure(i.ratio)).join(' + ');
  const rTerms = items.map((i) => `${figure(i.beta)} × ${figure(i.ratio)}`).join(' + ');
  const exactS = inexact(evaluation.exact?.s, evaluation.s);
  const exactR = inexact(evaluation.exact?.r, evaluation.r);
  const gradeBand = GRADE_BANDS.find((b) => b.grade === evaluation.grade);

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="evaluation-steps">
      <div>
        <StepTitle n={1}>{t('hazard.steps.step1')}</StepTitle>
        <Table<EvaluatedItem>
          style={{ marginTop: 6 }}
          size="small"
          rowKey="index"
          columns={columns}
          dataSource={items}
          pagination={false}
          scroll={{ x: 800 }}
        />
      </div>
      <div>
        <StepTitle n={2}>{t('hazard.steps.step2')}</StepTitle>
        <Formula testId="step-s">
          S = {sTerms}
          {items.length > 1 ? ` = ${sRatios}` : ''} = <b>{figure(evaluation.s)}</b>
          {exactS ? `（${t('hazard.steps.exact')} ${exactS}）` : ''}
        </Formula>
        <Typography.Paragraph style={{ margin: '6px 0 0' }} data-testid="step-s-verdict">
          {evaluation.isMajor
            ? t('hazard.steps.isMajor', { s: figure(evaluation.s) })
            : t('hazard.steps.notMajor', { s: figure(evaluation.s) })}
        </Typography.Paragraph>
      </div>
      {evaluation.isMajor ? (
        <>
          <div>
            <StepTitle n={3}>{t('hazard.steps.step3')}</StepTitle>
            <Typography.Paragraph style={{ margin: '6px 0' }} data-testid="step-alpha">
              {t('hazard.steps.alphaIs', {
                people: exposedPeople,
                band: band ? alphaBandText(t, band) : '',
                alpha: alphaText(evaluation.alpha),
              })}
            </Typography.Paragraph>
            <Space wrap size={4}>
              {TABLE_5_ALPHA.map((b) => (
                <Tag
                  key={b.minPeople}
                  color={b === band ? 'blue' : undefined}
                  variant={b === band ? 'solid' : undefined}
                >
                  {alphaBandText(t, b)}：α = {alphaText(b.alpha)}
                </Tag>
              ))}
            </Space>
          </div>
          <div>
            <StepTitle n={4}>{t('hazard.steps.step4')}</StepTitle>
            <Formula testId="step-r">
              R = α × (Σ β·q/Q) = {alphaText(evaluation.alpha)} × ({rTerms})
              {items.length > 1 ? ` = ${alphaText(evaluation.alpha)} × ${figure(weightedSum)}` : ''} ={' '}
              <b>{figure(evaluation.r)}</b>
              {exactR ? `（${t('hazard.steps.exact')} ${exactR}）` : ''}
            </Formula>
          </div>
          <div data-testid="step-grade" data-grade={evaluation.grade ?? 0}>
            <StepTitle n={5}>{t('hazard.steps.step5')}</StepTitle>
            <div style={{ margin: '6px 0' }}>
              <Space wrap size={4}>
                {GRADE_BANDS.map((b) => (
                  <Tag
                    key={b.grade}
                    color={b.grade === evaluation.grade ? 'blue' : undefined}
                    variant={b.grade === evaluation.grade ? 'solid' : undefined}
                  >
                    {t(`majorHazardGrade.${b.grade}`)}：{b.text}
                  </Tag>
                ))}
              </Space>
            </div>
            <Space wrap>
              <Typography.Text>
                {t('hazard.steps.gradeIs', { r: figure(evaluation.r), band: gradeBand?.text ?? '' })}
              </Typography.Text>
              <HazardGradeTag grade={evaluation.grade} />
            </Space>
          </div>
        </>
      ) : (
        <Typography.Text type="secondary">{t('hazard.steps.noGrading')}</Typography.Text>
      )}
    </Space>
  );
}
