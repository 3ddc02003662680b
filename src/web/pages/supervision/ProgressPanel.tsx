/**
 * A plan's (or a jurisdiction's plans') progress: the four figures, done / due / overdue by month as a chart, and the
 * same by region and by month as tables.
 */
import { Col, Row, Skeleton, Tabs } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegionTally, Tally } from '../../../contracts/supervision.js';
import { TallyFigures, TallyTable } from './TallyTable.js';

const ProgressChart = lazy(() => import('./ProgressChart.js'));

export function ProgressPanel({
  total,
  byRegion,
  byMonth,
  showPlans = false,
  testId,
}: {
  total: Tally & { plans?: number };
  byRegion: (RegionTally & { plans?: number })[];
  byMonth: (Tally & { month: number })[];
  showPlans?: boolean;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} xl={14}>
        <TallyFigures tally={total} testId={`${testId}-total`} />
        <Tabs
          size="small"
          items={[
            {
              key: 'region',
              label: t('supervision.plans.byRegion'),
              children: (
                <TallyTable
                  testId={`${testId}-regions`}
                  labelTitle={t('supervision.tally.region')}
                  showPlans={showPlans}
                  rows={byRegion.map((r) => ({ ...r, key: r.regionCode }))}
                  total={total}
                />
              ),
            },
            {
              key: 'month',
              label: t('supervision.plans.byMonth'),
              children: (
                <TallyTable
                  testId={`${testId}-months`}
                  labelTitle={t('supervision.tally.month')}
                  rows={byMonth
                    .filter((m) => m.planned > 0)
                    .map((m) => ({
                      ...m,
                      key: String(m.month),
                      label: t('supervision.tally.monthOf', { month: m.month }),
                    }))}
                />
              ),
            },
          ]}
        />
      </Col>
      <Col xs={24} xl={10}>
        <Suspense fallback={<Skeleton active />}>
          <ProgressChart byMonth={byMonth} testId={`${testId}-chart`} />
        </Suspense>
      </Col>
    </Row>
  );
}
