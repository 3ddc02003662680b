/**
 * 统计报表 (统计月报): a region's accidents by 领域, 行业门类 or 地区 over a range of months, against the same period
 * last year — per indicator 本期, 去年同期, 增减 and 增减率(%) under a group header, with 合计 — and the same table as
 * an .xlsx file. The server shapes and rounds the table (万元 rows add up to 合计); this page only shows it.
 */

import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, DatePicker, Row, Segmented, Table, type TableProps, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REPORT_DIMENSIONS, type ReportDimension, type StatsReportLine } from '../../../contracts/reports.js';
import { REPORT_INDICATORS, REPORT_SUBCOLUMNS, type ReportCell } from '../../../domain/report-table.js';
import { formatPercentFixed } from '../../../domain/statistics.js';
import { toIsoWithOffset } from '../../components/format.js';
import { RegionCascader } from '../../components/RegionCascader.js';
import { type ReportParams, reportXlsxUrl, useStatsReport } from './queries.js';

const TOTAL_KEY = 'total';

/** [first month start, the month after the last) — cut at now so 同比 compares the same days of last year. */
function periodOf(range: [Dayjs, Dayjs]): { from: string; to: string } {
  const end = range[1].add(1, 'month').startOf('month');
  const now = dayjs();
  return { from: toIsoWithOffset(range[0].startOf('month')), to: toIsoWithOffset(end.isAfter(now) ? now : end) };
}

function cellText(cell: ReportCell, sub: (typeof REPORT_SUBCOLUMNS)[number]['key'], decimals: number): string {
  const v = cell[sub];
  if (v === null) return '—';
  if (sub === 'changePct') return formatPercentFixed(v);
  return v.toLocaleString('zh-CN', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

export function StatsReportPage() {
  const { t } = useTranslation();
  const [regionCode, setRegionCode] = useState<string | undefined>();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('year'), dayjs()]);
  const [by, setBy] = useState<ReportDimension>('domain');
  // Computed once per chosen range: `now` in the key would change on every render and refetch without end.
  const period = useMemo(() => periodOf(range), [range]);
  const params: ReportParams = { regionCode, by, ...period };
  const report = useStatsReport(params);
  const data = report.data;

  const columns: TableProps<StatsReportLine>['columns'] = [
    {
      title: data?.keyHeader ?? t(`reports.by.${by}`),
      dataIndex: 'label',
      fixed: 'left',
      width: 170,
      render: (v: string, r) => (r.key === TOTAL_KEY ? <Typography.Text strong>{v}</Typography.Text> : v),
    },
    ...REPORT_INDICATORS.map((ind) => ({
      title: t(`reports.indicator.${ind.key}`),
      key: ind.key,
      children: REPORT_SUBCOLUMNS.map((sub) => ({
        title: t(`reports.sub.${sub.key}`),
        key: `${ind.key}.${sub.key}`,
        align: 'right' as const,
        width: sub.key === 'changePct' ? 86 : 78,
        render: (_: unknown, r: StatsReportLine) =>
          cellText(r.cells[ind.key], sub.key, ind.key === 'directLossWan' && sub.key !== 'changePct' ? 1 : 0),
      })),
    })),
  ];

  return (
    <Card
      title={t('reports.title')}
      extra={
        <Button
          type="primary"
          icon={<DownloadOutlined />}
          href={reportXlsxUrl(params)}
          download
          data-testid="report-export-xlsx"
          disabled={!data}
        >
          {t('reports.export')}
        </Button>
      }
      styles={{ body: { padding: 12 } }}
    >
      <Row gutter={[8, 8]} style={{ marginBottom: 12 }}>
        <Col xs={24} md={7}>
          <RegionCascader value={regionCode} onChange={setRegionCode} style={{ width: '100%' }} />
        </Col>
        <Col xs={24} md={8}>
          <DatePicker.RangePicker
            picker="month"
            value={range}
            allowClear={false}
            style={{ width: '100%' }}
            disabledDate={(d) => d.isAfter(dayjs(), 'month')}
            onChange={(v) => {
              if (v?.[0] && v[1]) setRange([v[0], v[1]]);
            }}
            data-testid="report-period"
          />
        </Col>
        <Col xs={24} md={9}>
          <Segmented<ReportDimension>
            value={by}
            onChange={setBy}
            options={REPORT_DIMENSIONS.map((d) => ({ value: d, label: t(`reports.by.${d}`) }))}
            data-testid="report-by"
          />
        </Col>
      </Row>
      {report.error ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('common.loadFailed', { message: report.error instanceof Error ? report.error.message : '' })}
        />
      ) : null}
      {data && (
        <div style={{ textAlign: 'center', marginBottom: 8 }}>
          <Typography.Title level={5} style={{ margin: 0 }} data-testid="report-title">
            {data.title}
          </Typography.Title>
          <Typography.Text type="secondary">
            {t('reports.period', { period: data.periodLabel })}
            <span style={{ float: 'right' }}>{data.unitLine}</span>
          </Typography.Text>
        </div>
      )}
      <Table<StatsReportLine>
        data-testid="report-table"
        size="small"
        bordered
        rowKey="key"
        columns={columns}
        dataSource={data ? [...data.rows, { ...data.total, key: TOTAL_KEY }] : []}
        loading={report.isFetching}
        pagination={false}
        scroll={{ x: 170 + 5 * (78 * 3 + 86) }}
      />
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8 }}>
        {t('reports.note')}
      </Typography.Paragraph>
    </Card>
  );
}
