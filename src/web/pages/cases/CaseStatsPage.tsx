/**
 * 行政执法统计 (/cases/stats): for a region of the jurisdiction and a period, the cases opened and closed, decisions by
 * kind, fines decided and collected, hearings, appeals, transfers and 按日连续处罚 per child region and in all — and the
 * same table as an .xlsx. The server counts (each event on its own day); this page only shows.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Row, Table, type TableProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseStatsRow } from '../../../contracts/cases.js';
import { RegionCascader } from '../../components/RegionCascader.js';
import { useCaseStats } from './queries.js';

const KIND_KEYS = ['warning', 'fine', 'confiscation', 'suspension', 'licence', 'closure'] as const;

export function CaseStatsPage() {
  const { t } = useTranslation();
  const [regionCode, setRegionCode] = useState<string | undefined>();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('year'), dayjs()]);
  const params = { regionCode, from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') };
  const stats = useCaseStats(params);
  const num = (key: keyof CaseStatsRow, title: string) => ({
    title,
    dataIndex: key,
    align: 'right' as const,
    width: 80,
  });
  const columns: TableProps<CaseStatsRow>['columns'] = [
    { title: t('cases.stats.region'), dataIndex: 'label', fixed: 'left', width: 120 },
    num('opened', t('cases.stats.opened')),
    num('closed', t('cases.stats.closed')),
    num('decided', t('cases.stats.decided')),
    {
      title: t('cases.field.kinds'),
      children: KIND_KEYS.map((k) => ({
        title: t(`cases.kinds.${k}`),
        key: k,
        align: 'right' as const,
        width: 80,
        render: (_: unknown, r: CaseStatsRow) => r.byKind[k],
      })),
    },
    {
      title: t('cases.stats.finedYuan'),
      dataIndex: 'finedYuan',
      align: 'right',
      width: 120,
      render: (v: number) => v.toLocaleString('zh-CN'),
    },
    {
      title: t('cases.stats.collectedYuan'),
      dataIndex: 'collectedYuan',
      align: 'right',
      width: 120,
      render: (v: number) => v.toLocaleString('zh-CN', { minimumFractionDigits: 2 }),
    },
    num('hearings', t('cases.stats.hearings')),
    num('reviews', t('cases.stats.reviews')),
    num('litigations', t('cases.stats.litigations')),
    num('court', t('cases.stats.court')),
    num('police', t('cases.stats.police')),
    num('daily', t('cases.stats.daily')),
    num('noPenalty', t('cases.stats.noPenalty')),
  ];
  const data = stats.data;
  const query = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1])).toString();
  return (
    <Card
      title={t('cases.stats.title')}
      extra={
        <Button
          icon={<DownloadOutlined />}
          href={`/api/cases/stats.xlsx?${query}`}
          download
          data-testid="case-stats-xlsx"
        >
          {t('cases.stats.export')}
        </Button>
      }
      styles={{ body: { padding: 12 } }}
    >
      <Row gutter={[8, 8]} style={{ marginBottom: 12 }}>
        <Col xs={24} md={8}>
          <RegionCascader value={regionCode} onChange={setRegionCode} style={{ width: '100%' }} />
        </Col>
        <Col xs={24} md={8}>
          <DatePicker.RangePicker
            value={range}
            allowClear={false}
            style={{ width: '100%' }}
            onChange={(v) => {
              if (v?.[0] && v[1]) setRange([v[0], v[1]]);
            }}
          />
        </Col>
      </Row>
      <Table<CaseStatsRow>
        data-testid="case-stats"
        size="small"
        bordered
        rowKey="regionCode"
        columns={columns}
        dataSource={data ? [...data.rows, { ...data.total, regionCode: 'total', label: t('reports.total') }] : []}
        loading={stats.isFetching}
        pagination={false}
        scroll={{ x: 1600 }}
      />
    </Card>
  );
}
