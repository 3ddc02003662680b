/**
 * A schematic region map (示意图): one tile per child region, shaded by deaths, with accidents and the 同比
 * change of deaths. No boundary data is bundled: Chinese administrative boundary maps must carry an approval
 * number (审图号), and no approved boundary data is available offline under a licence we can ship, so the
 * cockpit shows a schematic instead of a map (docs/ARCHITECTURE.md). A tile with children drills down on click.
 */
import { ArrowDownOutlined, ArrowUpOutlined, MinusOutlined } from '@ant-design/icons';
import { Empty, Typography } from 'antd';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StatsBreakdownRow } from '../../../contracts/stats.js';

/** Shades from light to dark red; a tile's shade is its share of the largest death toll among the tiles. */
const SHADES = ['#fff1f0', '#ffccc7', '#ffa39e', '#ff7875', '#f5222d', '#a8071a'] as const;
const NONE = '#f0f5ff';

function shadeOf(value: number, max: number): string {
  if (value <= 0 || max <= 0) return NONE;
  const i = Math.min(SHADES.length - 1, Math.ceil((value / max) * SHADES.length) - 1);
  return SHADES[Math.max(0, i)] as string;
}

/** Dark text on light tiles, white on the dark ones. */
const inkOf = (shade: string) => (shade === SHADES[4] || shade === SHADES[5] ? '#fff' : 'rgba(0,0,0,0.88)');

function Change({ row }: { row: StatsBreakdownRow }) {
  const { t } = useTranslation();
  const d = row.change.deaths;
  if (d === 0) return <MinusOutlined aria-label={t('cockpit.flat')} />;
  return d > 0 ? (
    <span>
      <ArrowUpOutlined /> {d}
    </span>
  ) : (
    <span>
      <ArrowDownOutlined /> {-d}
    </span>
  );
}

export interface RegionTilesProps {
  rows: StatsBreakdownRow[];
  /** Whether a tile's region has children to drill into. */
  canDrill: (code: string) => boolean;
  onDrill: (code: string) => void;
}

export function RegionTiles({ rows, canDrill, onDrill }: RegionTilesProps) {
  const { t } = useTranslation();
  if (rows.length === 0) return <Empty description={t('cockpit.noChildren')} />;
  const max = Math.max(...rows.map((r) => r.current.deaths));
  const columns = Math.ceil(Math.sqrt(rows.length * 1.6));
  return (
    <div>
      <div
        data-testid="region-tiles"
        style={{ display: 'grid', gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`, gap: 6 }}
      >
        {rows.map((r) => {
          const shade = shadeOf(r.current.deaths, max);
          const drill = canDrill(r.key);
          const go = () => drill && onDrill(r.key);
          return (
            // biome-ignore lint/a11y/useSemanticElements: a grid cell styled as a tile; role and keys make it a button
            <div
              key={r.key}
              role="button"
              tabIndex={drill ? 0 : -1}
              aria-disabled={!drill}
              data-testid={`tile-${r.key}`}
              title={drill ? t('cockpit.drill', { name: r.label }) : r.label}
              onClick={go}
              onKeyDown={(e: KeyboardEvent) => (e.key === 'Enter' || e.key === ' ') && go()}
              style={{
                background: shade,
                color: inkOf(shade),
                borderRadius: 6,
                padding: '8px 10px',
                minHeight: 74,
                cursor: drill ? 'pointer' : 'default',
                border: '1px solid rgba(0,0,0,0.06)',
              }}
            >
              <div style={{ fontWeight: 600, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
                {r.label}
              </div>
              <div style={{ fontSize: 12 }}>
                {t('cockpit.tileAccidents', { n: r.current.accidents })} ·{' '}
                {t('cockpit.tileDeaths', { n: r.current.deaths })}
              </div>
              <div style={{ fontSize: 12 }}>
                {t('cockpit.yoyDeaths')} <Change row={r} />
              </div>
            </div>
          );
        })}
      </div>
      <div style={{ display: 'flex', alignItems: 'center', gap: 4, marginTop: 8, fontSize: 12 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('cockpit.legend', { max })}
        </Typography.Text>
        {[NONE, ...SHADES].map((c) => (
          <span key={c} style={{ width: 18, height: 10, background: c, display: 'inline-block', borderRadius: 2 }} />
        ))}
      </div>
    </div>
  );
}
