/**
 * 工作台: today's reports, deadlines with live countdowns (overdue in red), who is on duty, the live feed, and the
 * licence expiry alerts of the jurisdiction (an enterprise user: its own licences).
 */
import {
  Alert,
  Badge,
  Button,
  Card,
  Col,
  Empty,
  Grid,
  Row,
  Space,
  Statistic,
  Table,
  type TableProps,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { Component, lazy, type ReactNode, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { byUrgency } from '../../../domain/workbench.js';
import { useAccidentSummary, useAccidents, useDutyNow, useMe, useReportingContacts } from '../../api/queries.js';
import type { AccidentListItem } from '../../api/types.js';
import { Countdown } from '../../components/Countdown.js';
import { formatTime, formatTimeSeconds, formatYuan } from '../../components/format.js';
import { EventText, pathOf, useLiveEvents } from '../../components/LiveEvents.js';
import { GradeTag, StatusBadge } from '../../components/tags.js';
import { mayDo } from '../../routes.js';
import { DangerAlertsCard } from '../dangers/DangerAlertsCard.js';
import { LicenceAlertsCard } from '../enterprises/LicenceAlertsCard.js';

const ON_DUTY_SHOWN = 4;
const TREND_DAYS = 30;
const TREND_HEIGHT = 280;

// ECharts is a separate chunk, fetched only when the dashboard shows the chart.
const AccidentTrendChart = lazy(() => import('./AccidentTrendChart.js'));

/** A chunk that fails to load (e.g. the app was redeployed under this page) costs the chart, not the page. */
class ChartBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

function Trend() {
  const { t } = useTranslation();
  const summary = useAccidentSummary({ days: TREND_DAYS }, { refetchInterval: 5 * 60_000 });
  const totals = summary.data?.totals;
  const figures = totals
    ? [
        { key: 'reports', label: t('dashboard.trendReports'), value: totals.reports.toLocaleString('zh-CN') },
        { key: 'deaths', label: t('dashboard.trendDeaths'), value: totals.deaths.toLocaleString('zh-CN') },
        {
          key: 'serious',
          label: t('dashboard.trendSerious'),
          value: totals.seriousInjuries.toLocaleString('zh-CN'),
        },
        { key: 'loss', label: t('dashboard.trendLoss'), value: formatYuan(totals.directLossYuan) },
      ]
    : [];
  const placeholder = <div style={{ height: TREND_HEIGHT }} />;
  return (
    <Card title={t('dashboard.trendTitle', { days: TREND_DAYS })} size="small" data-testid="trend">
      {summary.error ? (
        <Alert type="error" showIcon title={t('common.loadFailed', { message: summary.error.message })} />
      ) : (
        <>
          <Space wrap size={[16, 4]} style={{ marginBottom: 8 }} data-testid="trend-totals">
            {figures.map((f) => (
              <Typography.Text key={f.key} type="secondary">
                {f.label}：<Typography.Text strong>{f.value}</Typography.Text>
              </Typography.Text>
            ))}
          </Space>
          {summary.data ? (
            <ChartBoundary fallback={<Alert type="warning" showIcon title={t('dashboard.trendFailed')} />}>
              <Suspense fallback={placeholder}>
                <AccidentTrendChart summary={summary.data} height={TREND_HEIGHT} />
              </Suspense>
            </ChartBoundary>
          ) : (
            placeholder
          )}
        </>
      )}
    </Card>
  );
}

function LiveFeed() {
  const { t } = useTranslation();
  const { events, connected, unread, markRead } = useLiveEvents();
  return (
    <Card
      title={
        <Space>
          {t('dashboard.live')}
          <Badge count={unread} size="small" />
        </Space>
      }
      size="small"
      extra={
        <Space size="small">
          {unread > 0 && (
            <Button type="link" size="small" onClick={markRead} data-testid="mark-read">
              {t('event.markRead')}
            </Button>
          )}
          <Typography.Text type={connected ? 'success' : 'secondary'} style={{ fontSize: 12 }}>
            {connected ? t('dashboard.connected') : t('dashboard.disconnected')}
          </Typography.Text>
        </Space>
      }
      data-testid="live-feed"
    >
      {events.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.liveEmpty')} />
      ) : (
        <Timeline
          items={events.slice(0, 15).map((e, i) => ({
            key: `${e.at}-${i}`,
            color: e.type === 'deadline.passed' ? 'red' : e.type.startsWith('deadline') ? 'orange' : 'blue',
            content: (
              <Space orientation="vertical" size={0}>
                <Typography.Text strong>{t(`event.${e.type}`)}</Typography.Text>
                {e.data.id ? (
                  <Link to={pathOf(e, e.data.id)}>
                    <EventText event={e} />
                  </Link>
                ) : (
                  <EventText event={e} />
                )}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatTimeSeconds(e.at)}
                </Typography.Text>
              </Space>
            ),
          }))}
        />
      )}
    </Card>
  );
}

/** An enterprise's card: whom to call about an accident (its county; the province too for 较大 and above). */
function ReportingContacts() {
  const { t } = useTranslation();
  const contacts = useReportingContacts();
  const items = contacts.data?.items ?? [];
  return (
    <Card title={t('dashboard.reportTo')} size="small" data-testid="reporting-contacts" loading={contacts.isLoading}>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.noDuty')} />
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {items.map((c) => (
            <div key={c.level}>
              <Typography.Text strong>{c.orgName}</Typography.Text>
              <div style={{ fontSize: 13 }}>
                {t('dashboard.phone')}：{c.phone ?? '—'}
              </div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t(c.reports === 'all' ? 'dashboard.reportsAll' : 'dashboard.reportsLarger')}
              </Typography.Text>
            </div>
          ))}
        </Space>
      )}
    </Card>
  );
}

function OnDuty() {
  const { t } = useTranslation();
  const me = useMe().data;
  const duty = useDutyNow(mayDo(me, 'duty.read'));
  // My own bureau first, then the bureaus below it.
  const all = [...(duty.data?.items ?? [])].sort(
    (a, b) => Number(b.regionCode === me?.regionCode) - Number(a.regionCode === me?.regionCode),
  );
  const items = all.slice(0, ON_DUTY_SHOWN);
  return (
    <Card title={t('dashboard.onDuty')} size="small" data-testid="on-duty" loading={duty.isLoading}>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.noDuty')} />
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {items.map((d) => (
            <div key={d.orgId}>
              <Typography.Text strong>{d.orgName}</Typography.Text>
              <div style={{ fontSize: 13 }}>
                {t('dashboard.leader')}：{d.leaderName ?? '—'} · {t('dashboard.officers')}：
                {d.officers.map((o) => o.name).join('、') || '—'}
              </div>
              <div style={{ fontSize: 13 }}>
                {t('dashboard.phone')}：{d.phone ?? '—'}
              </div>
            </div>
          ))}
          {all.length > items.length && (
            <Link to="/duty?tab=roster">{t('dashboard.moreOnDuty', { count: all.length - items.length })}</Link>
          )}
        </Space>
      )}
    </Card>
  );
}

export function DashboardPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const todayStart = useMemo(() => dayjs().startOf('day').format('YYYY-MM-DDTHH:mm:ssZ'), []);
  const today = useAccidents({ from: todayStart, pageSize: 50 }, { refetchInterval: 60_000 });
  const pending = useAccidents({ status: 'pending', pageSize: 100 }, { refetchInterval: 60_000 });
  const overdue = useAccidents({ status: 'overdue', pageSize: 100 }, { refetchInterval: 60_000 });
  const myLevel = me?.regionLevel;
  const screens = Grid.useBreakpoint();

  const deadlines = useMemo(
    () => byUrgency([...(overdue.data?.items ?? []), ...(pending.data?.items ?? [])], myLevel, Date.now()).slice(0, 30),
    [pending.data, overdue.data, myLevel],
  );

  const deadlineColumns: TableProps<AccidentListItem>['columns'] = [
    {
      title: t('accident.unitName'),
      dataIndex: 'unitName',
      ellipsis: true,
      render: (v: string, r) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/accidents/${r.id}`}>{v}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.reportNo}
          </Typography.Text>
          {!screens.md && <Countdown dueAt={r.nextDueAt} />}
        </Space>
      ),
    },
    {
      title: t('accident.grade'),
      dataIndex: 'grade',
      width: 90,
      render: (_: unknown, r) => <GradeTag grade={r.grade} short />,
    },
    {
      title: t('accident.holder'),
      key: 'holder',
      width: 120,
      hidden: !screens.md,
      render: (_: unknown, r) => (
        <Space size={2} wrap>
          {t(`level.${r.holderLevel}`)}
          {r.holderLevel === myLevel && <Tag color="cyan">{t('dashboard.mine')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('accident.nextDue'),
      key: 'due',
      width: 190,
      hidden: !screens.md,
      render: (_: unknown, r) => (
        <Space orientation="vertical" size={0}>
          <Countdown dueAt={r.nextDueAt} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatTime(r.nextDueAt)}
          </Typography.Text>
        </Space>
      ),
    },
  ];

  const todayColumns: TableProps<AccidentListItem>['columns'] = [
    {
      title: t('accident.unitName'),
      dataIndex: 'unitName',
      ellipsis: true,
      render: (v: string, r) => <Link to={`/accidents/${r.id}`}>{v}</Link>,
    },
    { title: t('accident.regionShort'), dataIndex: 'regionName', width: 160, ellipsis: true },
    { title: t('accident.occurredAt'), dataIndex: 'occurredAt', width: 140, render: (v: string) => formatTime(v) },
    {
      title: t('accident.grade'),
      dataIndex: 'grade',
      width: 100,
      render: (_: unknown, r) => <GradeTag grade={r.grade} short />,
    },
    {
      title: t('accident.status'),
      dataIndex: 'status',
      width: 100,
      render: (_: unknown, r) => <StatusBadge status={r.status} />,
    },
  ];

  const error = today.error ?? pending.error ?? overdue.error;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {error && <Alert type="error" showIcon title={t('common.loadFailed', { message: error.message })} />}
      <Row gutter={[12, 12]}>
        <Col xs={8}>
          <Card size="small">
            <Statistic title={t('dashboard.today')} value={today.data?.total ?? 0} />
          </Card>
        </Col>
        <Col xs={8}>
          <Card size="small">
            <Statistic title={t('dashboard.pending')} value={pending.data?.total ?? 0} />
          </Card>
        </Col>
        <Col xs={8}>
          <Card size="small">
            <Statistic
              title={t('dashboard.overdue')}
              value={overdue.data?.total ?? 0}
              styles={{ content: { color: (overdue.data?.total ?? 0) > 0 ? '#cf1322' : undefined } }}
            />
          </Card>
        </Col>
      </Row>
      <Row gutter={[12, 12]}>
        <Col xs={{ span: 24, order: 2 }} xl={{ span: 16, order: 1 }}>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <Card
              title={t('dashboard.pending')}
              size="small"
              extra={
                screens.md ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('dashboard.pendingHint')}
                  </Typography.Text>
                ) : null
              }
            >
              <Table<AccidentListItem>
                data-testid="deadlines"
                size="small"
                rowKey="id"
                columns={deadlineColumns}
                dataSource={deadlines}
                loading={pending.isPending}
                pagination={false}
                scroll={screens.md ? { x: 560, y: 360 } : { y: 360 }}
                rowClassName={(r) => (r.status === 'overdue' ? 'row-overdue' : '')}
              />
            </Card>
            <Trend />
            <Card title={t('dashboard.todayList')} size="small">
              <Table<AccidentListItem>
                data-testid="today"
                size="small"
                rowKey="id"
                columns={todayColumns}
                dataSource={today.data?.items ?? []}
                loading={today.isPending}
                pagination={false}
                scroll={{ x: 600 }}
              />
            </Card>
          </Space>
        </Col>
        <Col xs={{ span: 24, order: 1 }} xl={{ span: 8, order: 2 }}>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <LiveFeed />
            {me?.org.kind === 'enterprise' ? <ReportingContacts /> : <OnDuty />}
            {mayDo(me, 'enterprise.read') && <LicenceAlertsCard />}
            {mayDo(me, 'danger.read') && <DangerAlertsCard />}
          </Space>
        </Col>
      </Row>
    </Space>
  );
}
