/**
 * 统计报表 (统计月报): a region's accidents by 领域, 行业门类 or 地区 over a range of months, against the same period
 * last year — per indicator 本期, 去年同期, 增减 and 增减率(%) under a group header, with 合计 — and the same table as
 * an .xlsx file. The server shapes and rounds the table (万元 rows add up to 合计); this page only shows it.
 */

import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, DatePicker, Row, Segmented, Space, Table, type TableProps, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  REPORT_DIMENSIONS,
  type ReportDimension,
  type StatsReport,
  type StatsReportLine,
} from '../../../contracts/reports.js';
import { REPORT_INDICATORS, REPORT_SUBCOLUMNS, type ReportCell } from '../../../domain/report-table.js';
import { formatPercentFixed } from '../../../domain/statistics.js';
import { useMe } from '../../api/queries.js';
import { industryName } from '../../components/code-options.js';
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

/**
 * The words around the figures in the language in use: the server writes them in Chinese (the official table, the
 * .xlsx); in English the code labels (领域, 门类) and the headings come from the locale, region names stay.
 */
function useReportWords(data: StatsReport | undefined) {
  const { t, i18n } = useTranslation();
  if (!data || i18n.language !== 'en') {
    return {
      title: data?.title,
      period: data?.periodLabel,
      unitLine: data?.unitLine,
      label: (r: StatsReportLine) => r.label,
    };
  }
  const day = (iso: string) => dayjs(iso).format('D MMM YYYY');
  const lastDay = dayjs(data.to).subtract(1, 'ms').toISOString();
  return {
    title: t('reports.tableTitle', { region: data.regionName, by: t(`reports.by.${data.by}`) }),
    period: `${day(data.from)} – ${day(lastDay)}`,
    unitLine: t('reports.unitLine'),
    keyHeader: t(`reports.keyHeader.${data.by}`),
    label: (r: StatsReportLine) => {
      if (r.key === TOTAL_KEY) return t('reports.total');
      if (data.by === 'domain') return t(`domain.${r.key}`, { defaultValue: r.label });
      if (data.by === 'industry') return industryName(t, r.key);
      return r.label;
    },
  };
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
  const words = useReportWords(data);

  const columns: TableProps<StatsReportLine>['columns'] = [
    {
      title: words.keyHeader ?? t(`reports.by.${by}`),
      dataIndex: 'label',
      fixed: 'left',
      width: 170,
      render: (_: string, r) =>
        r.key === TOTAL_KEY ? <Typography.Text strong>{words.label(r)}</Typography.Text> : words.label(r),
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
        <Space className="no-print">
          <Button icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!data} data-testid="report-print">
            {t('reports.print')}
          </Button>
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
        </Space>
      }
      styles={{ body: { padding: 12 } }}
    >
      {data && <ReportPrintSheet data={data} words={words} />}
      <Row gutter={[8, 8]} style={{ marginBottom: 12 }} className="no-print">
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
        <div style={{ textAlign: 'center', marginBottom: 8 }} className="no-print">
          <Typography.Title level={5} style={{ margin: 0 }} data-testid="report-title">
            {words.title}
          </Typography.Title>
          <Typography.Text type="secondary">
            {t('reports.period', { period: words.period })}
            <span style={{ float: 'right' }}>{words.unitLine}</span>
          </Typography.Text>
        </div>
      )}
      <Table<StatsReportLine>
        className="no-print"
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
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8 }} className="no-print">
        {t('reports.note')}
      </Typography.Paragraph>
    </Card>
  );
}

type ReportWords = ReturnType<typeof useReportWords>;

const PRINT_CSS = `
@media print {
  @page { size: A4 landscape; margin: 12mm 10mm; }
  #root .ant-card { box-shadow: none; border: 0; }
  #root .ant-card-head { display: none; }
}
.report-sheet table { width: 100%; border-collapse: collapse; font-size: 9pt; }
.report-sheet th, .report-sheet td { border: 1px solid #000; padding: 1pt 2pt; }
.report-sheet td { text-align: right; font-variant-numeric: tabular-nums; }
.report-sheet td:first-child { text-align: left; white-space: nowrap; }
.report-sheet th { font-weight: normal; font-family: "黑体", "SimHei", sans-serif; }
.report-sheet tr.total td { font-weight: bold; }
`;

/**
 * 报表打印: the table as the statistical form prints it (A4 landscape) — title, period and unit line, the indicators
 * with their 本期 / 去年同期 / 增减 / 增减率 columns, 合计 in bold, the note, and the 制表 lines with the signature
 * blanks of 单位负责人, 统计负责人 and 填表人. Hidden on screen (print-only).
 */
function ReportPrintSheet({ data, words }: { data: StatsReport; words: ReportWords }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const lines = [...data.rows, { ...data.total, key: TOTAL_KEY }];
  return (
    <div className="print-only report-sheet" data-testid="report-print-sheet">
      <style>{PRINT_CSS}</style>
      <h2 style={{ textAlign: 'center', margin: '0 0 4pt', fontFamily: '"宋体", "SimSun", serif' }}>{words.title}</h2>
      <div style={{ display: 'flex', justifyContent: 'space-between', fontSize: '10pt', marginBottom: '3pt' }}>
        <span>{t('reports.period', { period: words.period })}</span>
        <span>{words.unitLine}</span>
      </div>
      <table>
        <thead>
          <tr>
            <th rowSpan={2}>{words.keyHeader}</th>
            {REPORT_INDICATORS.map((ind) => (
              <th key={ind.key} colSpan={REPORT_SUBCOLUMNS.length}>
                {t(`reports.indicator.${ind.key}`)}
              </th>
            ))}
          </tr>
          <tr>
            {REPORT_INDICATORS.flatMap((ind) =>
              REPORT_SUBCOLUMNS.map((sub) => <th key={`${ind.key}.${sub.key}`}>{t(`reports.sub.${sub.key}`)}</th>),
            )}
          </tr>
        </thead>
        <tbody>
          {lines.map((r) => (
            <tr key={r.key} className={r.key === TOTAL_KEY ? 'total' : undefined}>
              <td>{words.label(r)}</td>
              {REPORT_INDICATORS.flatMap((ind) =>
                REPORT_SUBCOLUMNS.map((sub) => (
                  <td key={`${ind.key}.${sub.key}`}>
                    {cellText(
                      r.cells[ind.key],
                      sub.key,
                      ind.key === 'directLossWan' && sub.key !== 'changePct' ? 1 : 0,
                    )}
                  </td>
                )),
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <p style={{ fontSize: '9pt', margin: '3pt 0' }}>{t('reports.note')}</p>
      <div style={{ display: 'flex', justifyContent: 'space-between', fontSize: '10pt', marginTop: '8pt' }}>
        <span>{t('reports.signHead')}：</span>
        <span>{t('reports.signStats')}：</span>
        <span>{t('reports.signFiller')}：</span>
        <span>
          {t('reports.madeBy')}：{me?.org.name ?? ''}
        </span>
        <span>
          {t('reports.madeOn')}：{dayjs().format(t('reports.dateFormat'))}
        </span>
      </div>
    </div>
  );
}
