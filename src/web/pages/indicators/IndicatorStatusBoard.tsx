/**
 * A compact status board of control indicators (控制指标): the children of a region as coloured cells with their
 * name and death ratio, worst first, for the leader dashboard. Props: the year and the region (default: the
 * signed-in bureau's).
 */
import { Alert, Empty, Flex, Spin, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { IndicatorRow } from '../../../contracts/indicators.js';
import { useIndicatorBoard } from './queries.js';
import { percent, STATUS_COLORS } from './status.js';

const REFRESH_MS = 5 * 60_000;
const INDICATORS = ['deaths', 'accidents', 'largerAccidents'] as const;

function CellDetail({ row }: { row: IndicatorRow }) {
  const { t } = useTranslation();
  return (
    <div>
      <div>
        {row.name} · {t(`indicators.statusLabel.${row.status}`)}
      </div>
      {INDICATORS.map((k) => (
        <div key={k}>
          {t(`indicators.${k}`)}：{row.actual[k]} / {row.target ? row.target.effective[k] : '—'}（
          {percent(row.ratio[k])}）
        </div>
      ))}
    </div>
  );
}

export function IndicatorStatusBoard({ year, regionCode }: { year: number; regionCode?: string | undefined }) {
  const { t } = useTranslation();
  const board = useIndicatorBoard(year, regionCode || undefined, { refetchInterval: REFRESH_MS });
  if (board.isError)
    return <Alert type="error" showIcon title={t('common.loadFailed', { message: board.error.message })} />;
  if (!board.data) return <Spin />;
  const { children, pace, region } = board.data;
  return (
    <div data-testid="indicator-board">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {region.name} {year} · {t('indicators.paceValue', { pct: percent(pace) })}
      </Typography.Text>
      {children.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('indicators.noChildren')} />
      ) : (
        <Flex wrap gap={6} style={{ marginTop: 6 }}>
          {children.map((c) => (
            <Tooltip key={c.code} title={<CellDetail row={c} />}>
              <div
                data-testid="indicator-cell"
                data-status={c.status}
                data-code={c.code}
                style={{
                  background: STATUS_COLORS[c.status],
                  color: c.status === 'none' ? 'rgba(0,0,0,0.65)' : '#fff',
                  borderRadius: 4,
                  padding: '6px 10px',
                  minWidth: 92,
                  lineHeight: 1.3,
                }}
              >
                <div style={{ fontWeight: 600, whiteSpace: 'nowrap' }}>{c.name}</div>
                <div style={{ fontSize: 12 }}>
                  {t('indicators.deathRatio', { pct: c.target ? percent(c.ratio.deaths) : t('indicators.notSet') })}
                </div>
              </div>
            </Tooltip>
          ))}
        </Flex>
      )}
    </div>
  );
}
