/** The visual vocabulary of control indicators: status colours and tags, and a progress bar with the pace line. */
import { Progress, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { BoardStatus } from '../../../contracts/indicators.js';

export const STATUS_COLORS: Record<BoardStatus, string> = {
  green: '#52c41a',
  yellow: '#faad14',
  red: '#ff4d4f',
  none: '#d9d9d9',
};

const TAG_COLORS: Record<BoardStatus, string> = { green: 'success', yellow: 'warning', red: 'error', none: 'default' };

/** 绿 / 黄 / 红 (or 未下达), with what it means on hover. */
export function IndicatorStatusTag({ status }: { status: BoardStatus }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t(`indicators.statusHint.${status}`)}>
      <Tag color={TAG_COLORS[status]} variant="solid" data-testid="indicator-status" data-status={status}>
        {t(`indicators.statusLabel.${status}`)}
      </Tag>
    </Tooltip>
  );
}

export const percent = (share: number | null | undefined): string =>
  share === null || share === undefined ? '—' : `${(share * 100).toFixed(1)}%`;

/**
 * actual / cap as a bar in the status colour, with a dashed line where the pace of the year stands: a bar past
 * the line is ahead of the allowed pace.
 */
export function PaceBar({
  actual,
  cap,
  ratio,
  pace,
  status,
}: {
  actual: number;
  cap: number | null;
  ratio: number | null;
  pace: number;
  status: BoardStatus;
}) {
  const { t } = useTranslation();
  const filled = ratio === null ? (actual > 0 ? 100 : 0) : Math.min(100, ratio * 100);
  return (
    <div style={{ minWidth: 120 }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', fontSize: 12 }}>
        <span>
          {actual} / {cap ?? '—'}
        </span>
        <span style={{ color: 'rgba(0,0,0,0.45)' }}>{percent(ratio)}</span>
      </div>
      <div style={{ position: 'relative' }}>
        <Progress percent={filled} showInfo={false} size="small" strokeColor={STATUS_COLORS[status]} />
        <Tooltip title={t('indicators.paceValue', { pct: percent(pace) })}>
          <div
            aria-hidden
            style={{
              position: 'absolute',
              left: `${pace * 100}%`,
              top: 0,
              bottom: 0,
              borderLeft: '2px dashed rgba(0,0,0,0.55)',
            }}
          />
        </Tooltip>
      </div>
    </div>
  );
}
