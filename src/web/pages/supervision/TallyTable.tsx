/**
 * Progress of plan items as a table: one row per region (or month, or class) with planned, done, due, overdue and
 * the share done, and a total row. The server counts; this only shows.
 */
import { Col, Row, Statistic, Table, type TableProps, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Tally } from '../../../contracts/supervision.js';

export interface TallyRow extends Tally {
  key: string;
  label: ReactNode;
  plans?: number;
}

const rate = (t: Tally) => (t.planned === 0 ? '—' : ((100 * t.done) / t.planned).toFixed(1));

export function TallyTable({
  rows,
  total,
  labelTitle,
  showPlans = false,
  testId,
}: {
  rows: TallyRow[];
  total?: Tally & { plans?: number };
  labelTitle: string;
  showPlans?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  const num = (key: keyof Tally | 'plans', title: string, type?: 'success' | 'danger') => ({
    key,
    title,
    dataIndex: key,
    align: 'right' as const,
    width: 80,
    render: (v: number | undefined) => (type && v ? <Typography.Text type={type}>{v}</Typography.Text> : (v ?? '—')),
  });
  const columns: TableProps<TallyRow>['columns'] = [
    { title: labelTitle, dataIndex: 'label', key: 'label', width: 110, fixed: 'left' },
    ...(showPlans ? [num('plans', t('supervision.tally.plans'))] : []),
    num('planned', t('supervision.tally.planned')),
    num('done', t('supervision.tally.done'), 'success'),
    num('due', t('supervision.tally.due')),
    num('overdue', t('supervision.tally.overdue'), 'danger'),
    { key: 'rate', title: t('supervision.tally.rate'), align: 'right', width: 90, render: (_, r) => rate(r) },
  ];
  const data = total ? [...rows, { ...total, key: 'total', label: t('supervision.tally.total') }] : rows;
  return (
    <Table<TallyRow>
      data-testid={testId}
      size="small"
      bordered
      rowKey="key"
      columns={columns}
      dataSource={data}
      pagination={false}
      scroll={{ x: 560 }}
    />
  );
}

/** The four figures of a tally in a row (planned, done, due, overdue in red when any). */
export function TallyFigures({ tally, testId }: { tally: Tally; testId?: string }) {
  const { t } = useTranslation();
  const figures = [
    { key: 'planned', value: tally.planned },
    { key: 'done', value: tally.done, ink: '#389e0d' },
    { key: 'due', value: tally.due },
    { key: 'overdue', value: tally.overdue, ink: tally.overdue > 0 ? '#cf1322' : undefined },
  ] as const;
  return (
    <Row gutter={8} data-testid={testId}>
      {figures.map((f) => (
        <Col span={6} key={f.key}>
          <Statistic
            title={t(`supervision.tally.${f.key}`)}
            value={f.value}
            styles={{ content: { fontSize: 20, color: 'ink' in f ? f.ink : undefined } }}
            data-testid={testId && `${testId}-${f.key}`}
          />
        </Col>
      ))}
    </Row>
  );
}
