/**
 * 监督检查计划进度: this year's plans of the cockpit's region — its own (本级) and its children's — done / due /
 * overdue, as the plans page rolls them up (GET /api/supervision-plans/progress).
 */
import { Card, Empty, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePlanProgress } from '../supervision/queries.js';
import { TallyFigures, TallyTable } from '../supervision/TallyTable.js';

export function PlanProgressCard({ regionCode, year }: { regionCode: string; year: number }) {
  const { t } = useTranslation();
  const progress = usePlanProgress(year, regionCode);
  const data = progress.data;
  return (
    <Card
      size="small"
      title={t('cockpit.planProgress')}
      extra={<Link to={`/supervision/plans?year=${year}`}>{t('cockpit.more')}</Link>}
      data-testid="cockpit-plan-progress"
    >
      {progress.error ? (
        <Typography.Text type="danger">{t('common.loadFailed', { message: progress.error.message })}</Typography.Text>
      ) : !data ? (
        <Skeleton active />
      ) : data.total.plans === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('supervision.plans.none')} />
      ) : (
        <>
          <TallyFigures tally={data.total} testId="cockpit-plan-total" />
          <div style={{ marginTop: 8 }}>
            <TallyTable
              labelTitle={t('supervision.tally.region')}
              rows={data.rows.map((r) => ({ ...r, key: r.regionCode }))}
              testId="cockpit-plan-regions"
            />
          </div>
        </>
      )}
    </Card>
  );
}
