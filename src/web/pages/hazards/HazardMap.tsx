/**
 * 重大危险源分布示意图: the enterprises of the jurisdiction on a schematic map, coloured by their highest grade.
 *
 * A schematic, not a map: maps of China's administrative boundaries must carry an approval number (审图号) and no
 * approved boundary data may be shipped offline under a licence we can use, and nothing may load from the internet
 * (no online tiles). So, like the cockpit, the page draws no boundaries: points on longitude/latitude axes at equal
 * scale, the county seats labelled (domain/county-seats.ts, bundled). The canvas is mirrored by a visually hidden list of
 * the points (name, grade, link to the card) for screen readers, keyboards and the browser tests.
 */

import { useQueries } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Skeleton, Space, Switch, Typography } from 'antd';
import { Component, lazy, type ReactNode, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { MapPoint } from '../../../contracts/hazards.js';
import { COUNTY_SEATS } from '../../../domain/county-seats.js';
import { api } from '../../api/client.js';
import { queryKeys } from '../../api/queries.js';
import type { Region } from '../../api/types.js';
import type { MapSeat } from './HazardMapChart.js';
import { useMapPoints } from './queries.js';

const HazardMapChart = lazy(() => import('./HazardMapChart.js'));

const VISUALLY_HIDDEN = {
  position: 'absolute',
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
} as const;

/** A chunk that fails to load costs the chart, not the page. */
class ChartBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

/** The county seats to label: the bundled seat of each county with points, else the centre of its points. */
function useSeats(points: MapPoint[]): MapSeat[] {
  const counties = useMemo(() => [...new Set(points.map((p) => p.regionCode.slice(0, 6)))].sort(), [points]);
  const regions = useQueries({
    queries: counties.map((code) => ({
      queryKey: queryKeys.region(code),
      queryFn: () => api<Region>(`/api/regions/${code}`),
      staleTime: Number.POSITIVE_INFINITY,
    })),
  });
  const names = regions.map((r) => r.data?.name ?? '').join('|');
  // biome-ignore lint/correctness/useExhaustiveDependencies: names stands for the region answers
  return useMemo(
    () =>
      counties.map((code, i) => {
        const mine = points.filter((p) => p.regionCode.startsWith(code));
        const seat = COUNTY_SEATS[code] ?? {
          lng: mine.reduce((a, p) => a + p.longitude, 0) / mine.length,
          lat: mine.reduce((a, p) => a + p.latitude, 0) / mine.length,
        };
        return { code, name: regions[i]?.data?.name ?? code, ...seat };
      }),
    [counties, points, names],
  );
}

export interface HazardMapProps {
  regionCode?: string | undefined;
  height: number;
}

export function HazardMap({ regionCode, height }: HazardMapProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [onlyMajor, setOnlyMajor] = useState(false);
  const [resetKey, setResetKey] = useState(0);
  const [rendered, setRendered] = useState<number | null>(null);
  const map = useMapPoints({ regionCode, majorHazard: onlyMajor ? 'true' : undefined });
  const points = useMemo(() => map.data?.items ?? [], [map.data]);
  const seats = useSeats(points);
  const placeholder = <Skeleton.Node active style={{ width: '100%', height }} />;

  return (
    <Card
      title={t('hazard.map.title')}
      data-testid="hazard-map"
      data-rendered={rendered ?? undefined}
      extra={
        <Space wrap>
          <Space size={4}>
            <Switch size="small" checked={onlyMajor} onChange={setOnlyMajor} id="map-only-major" />
            <label htmlFor="map-only-major">{t('hazard.map.onlyMajor')}</label>
          </Space>
          <Button size="small" onClick={() => setResetKey((k) => k + 1)}>
            {t('hazard.map.reset')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }} data-testid="map-note">
        {t('hazard.map.note')}
      </Typography.Paragraph>
      {map.error ? (
        <Alert type="error" showIcon title={t('common.loadFailed', { message: map.error.message })} />
      ) : !map.data ? (
        placeholder
      ) : points.length === 0 ? (
        <Empty style={{ height, paddingTop: height / 3 }} description={t('hazard.map.empty')} />
      ) : (
        <>
          {map.data.truncated && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 8 }}
              title={t('hazard.map.truncated', { count: points.length })}
            />
          )}
          <ChartBoundary fallback={<Alert type="warning" showIcon title={t('dashboard.trendFailed')} />}>
            <Suspense fallback={placeholder}>
              <HazardMapChart
                points={points}
                seats={seats}
                height={height}
                resetKey={resetKey}
                onOpen={(id) => void navigate(`/enterprises/${id}`)}
                onRendered={setRendered}
                ariaLabel={t('hazard.map.title')}
              />
            </Suspense>
          </ChartBoundary>
          <ul style={VISUALLY_HIDDEN} aria-label={t('hazard.map.listLabel')} data-testid="map-points">
            {points.map((p) => (
              <li
                key={p.id}
                data-testid={`map-point-${p.id}`}
                data-grade={p.topHazardGrade ?? 0}
                data-count={p.majorHazardCount}
                data-lng={p.longitude}
                data-lat={p.latitude}
              >
                <Link to={`/enterprises/${p.id}`}>
                  {p.name}：{p.topHazardGrade ? t(`majorHazardGrade.${p.topHazardGrade}`) : t('hazard.map.noMajor')}
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}
