/**
 * 领导驾驶舱: the region's figures this year against the same period last year (同比), by month, industry, type
 * and grade; its children on a schematic map with drill-down (province → city → county → town); the
 * control-indicator board; the 重大事故隐患 under 督办 by region and the progress of this year's supervision plans. Laid out for a 1920×1080 wall screen (full screen button), usable on a laptop.
 * Every figure comes from the statistics API, so it equals the bulletins and report tables.
 */
import { FullscreenExitOutlined, FullscreenOutlined } from '@ant-design/icons';
import { Alert, Breadcrumb, Button, Card, Col, Row, Segmented, Skeleton, Space, Statistic, Typography } from 'antd';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { StatComparison, StatsBreakdown } from '../../../contracts/stats.js';
import { formatPercentFixed, formatWanTenths, periodContaining, wanTenths } from '../../../domain/statistics.js';
import { shanghaiDate, shanghaiDay } from '../../../domain/time.js';
import { useMe, useRegion, useStatsBreakdown, useStatsSummary } from '../../api/queries.js';
import { IndicatorStatusBoard } from '../indicators/IndicatorStatusBoard.js';
import { MajorDangersCard } from './MajorDangersCard.js';
import { PlanProgressCard } from './PlanProgressCard.js';
import { RegionTiles } from './RegionTiles.js';

const CockpitChart = lazy(() => import('./CockpitChart.js'));

const PERIODS = ['year', 'quarter', 'month'] as const;
type PeriodUnit = (typeof PERIODS)[number];
const REFRESH_MS = 5 * 60_000;
const CHART_HEIGHT = 260;

/** [from, now): the current calendar year, quarter or month in Asia/Shanghai up to this moment. */
function periodOf(unit: PeriodUnit, now: Date): { from: string; to: string } {
  return { from: periodContaining(unit, now).from.toISOString(), to: now.toISOString() };
}

/**
 * A KPI with its 同比, by the rule of every table and file (domain/statistics.ts): the change is that of the printed
 * figures (a loss in tenths of 万元), the percentage has one decimal.
 */
function Kpi({ title, block, field, unit, testId }: KpiProps) {
  const { t } = useTranslation();
  const current = unit.printed(block.current[field]);
  const change = current - unit.printed(block.previous[field]);
  const pct = block.changePct[field];
  const color = change > 0 ? '#cf1322' : change < 0 ? '#389e0d' : undefined;
  const changeText =
    change === 0
      ? t('cockpit.flat')
      : `${change > 0 ? t('cockpit.up') : t('cockpit.down')} ${unit.show(Math.abs(change))}${pct === null ? '' : `（${formatPercentFixed(Math.abs(pct))}%）`}`;
  return (
    <Card size="small" data-testid={testId}>
      <Statistic title={title} value={unit.show(current)} />
      <Typography.Text style={{ color, fontSize: 13 }}>
        {t('cockpit.yoy')} {changeText}
      </Typography.Text>
    </Card>
  );
}

/** How a figure is printed: the integer shown (people, or tenths of 万元) and its text. */
interface KpiUnit {
  printed: (raw: number) => number;
  show: (printed: number) => string;
}

interface KpiProps {
  title: string;
  block: StatComparison;
  field: keyof StatComparison['current'];
  unit: KpiUnit;
  testId: string;
}

const count: KpiUnit = { printed: (n) => n, show: (n) => n.toLocaleString('zh-CN') };
const wan: KpiUnit = { printed: wanTenths, show: (tenths) => `${formatWanTenths(tenths)}万元` };

function ChartCard({
  title,
  data,
  ...rest
}: {
  title: string;
  data: StatsBreakdown | undefined;
  kind: 'bars' | 'horizontal' | 'pie';
  indicator: 'accidents' | 'deaths';
  testId: string;
  top?: number;
}) {
  const placeholder = <Skeleton active style={{ height: CHART_HEIGHT }} />;
  return (
    <Card size="small" title={title}>
      {data ? (
        <Suspense fallback={placeholder}>
          <CockpitChart data={data} title={title} height={CHART_HEIGHT} {...rest} />
        </Suspense>
      ) : (
        placeholder
      )}
    </Card>
  );
}

/** The drill-down trail, kept in the URL (?path=370000,370300,370303) so a view can be shared and reloaded. */
function useTrail(root: string | undefined) {
  const [params, setParams] = useSearchParams();
  const trail = (params.get('path') ?? '').split(',').filter((c) => /^\d{6}(\d{3})?$/.test(c));
  const path = root && trail[0] === root ? trail : root ? [root] : [];
  const setPath = (next: string[]) =>
    setParams(
      (p) => {
        p.set('path', next.join(','));
        return p;
      },
      { replace: false },
    );
  return { path, setPath };
}

function TrailItem({ code }: { code: string }) {
  const { t } = useTranslation();
  const region = useRegion(code);
  return <>{code === '000000' ? t('cockpit.nation') : (region.data?.name ?? code)}</>;
}

export function CockpitPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const { path, setPath } = useTrail(me?.regionCode);
  const regionCode = path[path.length - 1] ?? me?.regionCode ?? '';
  const [unit, setUnit] = useState<PeriodUnit>('year');
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), REFRESH_MS);
    return () => clearInterval(timer);
  }, []);
  const period = useMemo(() => periodOf(unit, now), [unit, now]);
  const params = { regionCode, ...period };
  const enabled = !!regionCode;
  const summary = useStatsSummary(params);
  const byRegion = useStatsBreakdown({ ...params, by: 'region' });
  const byMonth = useStatsBreakdown({ ...params, by: 'month' });
  const byIndustry = useStatsBreakdown({ ...params, by: 'industry' });
  const byType = useStatsBreakdown({ ...params, by: 'type' });
  const byGrade = useStatsBreakdown({ ...params, by: 'grade' });

  const screen = useRef<HTMLDivElement>(null);
  const [fullscreen, setFullscreen] = useState(false);
  useEffect(() => {
    const onChange = () => setFullscreen(document.fullscreenElement === screen.current);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);
  const toggleFullscreen = () =>
    document.fullscreenElement ? void document.exitFullscreen() : void screen.current?.requestFullscreen();

  // A child with children of its own: not the region's own row (本级) and not a town.
  const canDrill = useCallback((code: string) => code !== regionCode && code.length === 6, [regionCode]);
  const drill = (code: string) => path.includes(code) || setPath([...path, code]);

  if (!enabled) return <Skeleton active />;
  const s = summary.data;
  const error = summary.error ?? byRegion.error;
  return (
    <div
      ref={screen}
      data-testid="cockpit"
      style={{ background: fullscreen ? '#f0f2f5' : undefined, padding: fullscreen ? 16 : 0, overflow: 'auto' }}
    >
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <Space orientation="vertical" size={0}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('cockpit.title')}
          </Typography.Title>
          <Breadcrumb
            data-testid="cockpit-trail"
            items={path.map((code, i) => ({
              key: code,
              title:
                i === path.length - 1 ? (
                  <TrailItem code={code} />
                ) : (
                  <Typography.Link onClick={() => setPath(path.slice(0, i + 1))}>
                    <TrailItem code={code} />
                  </Typography.Link>
                ),
            }))}
          />
        </Space>
        <Space>
          <Segmented<PeriodUnit>
            value={unit}
            onChange={setUnit}
            options={PERIODS.map((p) => ({ value: p, label: t(`cockpit.period.${p}`) }))}
          />
          <Button icon={fullscreen ? <FullscreenExitOutlined /> : <FullscreenOutlined />} onClick={toggleFullscreen}>
            {fullscreen ? t('cockpit.exitFullscreen') : t('cockpit.fullscreen')}
          </Button>
        </Space>
      </Space>
      {error && <Alert type="error" showIcon title={t('common.loadFailed', { message: error.message })} />}
      <Row gutter={[12, 12]}>
        {s ? (
          <>
            <Col xs={12} lg={6} xl={4}>
              <Kpi title={t('cockpit.accidents')} block={s} field="accidents" unit={count} testId="kpi-accidents" />
            </Col>
            <Col xs={12} lg={6} xl={4}>
              <Kpi title={t('cockpit.deaths')} block={s} field="deaths" unit={count} testId="kpi-deaths" />
            </Col>
            <Col xs={12} lg={6} xl={4}>
              <Kpi title={t('cockpit.injuries')} block={s} field="injuries" unit={count} testId="kpi-injuries" />
            </Col>
            <Col xs={12} lg={6} xl={4}>
              <Kpi title={t('cockpit.loss')} block={s} field="directLossYuan" unit={wan} testId="kpi-loss" />
            </Col>
            <Col xs={12} lg={6} xl={4}>
              <Kpi
                title={t('cockpit.largerAccidents')}
                block={s.larger}
                field="accidents"
                unit={count}
                testId="kpi-larger"
              />
            </Col>
            <Col xs={12} lg={6} xl={4}>
              <Kpi
                title={t('cockpit.largerDeaths')}
                block={s.larger}
                field="deaths"
                unit={count}
                testId="kpi-larger-deaths"
              />
            </Col>
          </>
        ) : (
          <Col span={24}>
            <Skeleton active />
          </Col>
        )}
        <Col xs={24} xl={10}>
          <Card size="small" title={t('cockpit.map')}>
            {/* Another region's tiles are not kept while this one's load: a click on them would drill the wrong way. */}
            {byRegion.data?.regionCode === regionCode ? (
              <RegionTiles rows={byRegion.data.rows} canDrill={canDrill} onDrill={drill} />
            ) : (
              <Skeleton active />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <ChartCard
            title={t('cockpit.byMonth')}
            data={byMonth.data}
            kind="bars"
            indicator="accidents"
            testId="chart-month"
          />
        </Col>
        <Col xs={24} lg={8}>
          <ChartCard
            title={t('cockpit.byIndustry')}
            data={byIndustry.data}
            kind="horizontal"
            indicator="accidents"
            top={8}
            testId="chart-industry"
          />
        </Col>
        <Col xs={24} lg={8}>
          <ChartCard
            title={t('cockpit.byType')}
            data={byType.data}
            kind="pie"
            indicator="accidents"
            testId="chart-type"
          />
        </Col>
        <Col xs={24} lg={8}>
          <ChartCard
            title={t('cockpit.byGrade')}
            data={byGrade.data}
            kind="bars"
            indicator="accidents"
            testId="chart-grade"
          />
        </Col>
        <Col xs={24} lg={10}>
          <MajorDangersCard regionCode={regionCode} today={shanghaiDate(now)} />
        </Col>
        <Col xs={24} lg={14}>
          <PlanProgressCard regionCode={regionCode} year={Number(shanghaiDay(now).slice(0, 4))} />
        </Col>
        <Col span={24}>
          <Card size="small" title={t('cockpit.indicators')}>
            <IndicatorStatusBoard year={Number(shanghaiDay(now).slice(0, 4))} regionCode={regionCode} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
