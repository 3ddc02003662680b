/**
 * 隐患排查治理统计 (/hidden-dangers/stats): for a region of the jurisdiction and a period (by date found), the dangers
 * per child region and in all — found (一般 / 重大), rectified (on time), overdue, awaiting and done 复查, under 督办,
 * 整改率 and 复查率 — and the same table as an .xlsx. The server counts; this page only shows.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Row, Table, type TableProps, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DangerStatsRow } from '../../../contracts/hidden-dangers.js';
import { RegionCascader } from '../../components/RegionCascader.js';
import { useDangerStats } from './queries.js';

const percent = (v: number | null) => (v === null ? '—' : v.toFixed(1));

export function DangerStatsPage() {
  const { t } = useTranslation();
  const [regionCode, setRegionCode] = useState<string | undefined>();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('year'), dayjs()]);
  const params = { regionCode, from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') };
  const stats = useDangerStats(params);
  const num = (key: keyof DangerStatsRow, title: string) => ({
    title,
    dataIndex: key,
    align: 'right' as const,
    width: 80,
  });
  const columns: TableProps<DangerStatsRow>['columns'] = [
    { title: t('dangers.stats.region'), dataIndex: 'label', fixed: 'left', width: 120 },
    {
      title: t('dangers.stats.enforcement'),
      children: [
        num('inspections', t('dangers.stats.inspections')),
        num('enterprisesInspected', t('dangers.stats.enterprisesInspected')),
        num('ordersIssued', t('dangers.stats.ordersIssued')),
      ],
    },
    {
      title: t('dangers.stats.found'),
      children: [
        num('found', t('dangers.stats.all')),
        num('general', t('danger.levelShort.general')),
        num('major', t('danger.levelShort.major')),
      ],
    },
    {
      title: t('dangers.stats.rectification'),
      children: [
        num('closed', t('dangers.stats.closed')),
        num('closedOnTime', t('dangers.stats.onTime')),
        num('overdue', t('danger.status.overdue')),
        num('awaitingRecheck', t('danger.status.awaiting_recheck')),
        num('rechecked', t('dangers.stats.rechecked')),
      ],
    },
    num('supervised', t('dangers.supervised')),
    {
      title: t('dangers.stats.rectificationRate'),
      dataIndex: 'rectificationRate',
      align: 'right',
      width: 90,
      render: percent,
    },
    { title: t('dangers.stats.recheckRate'), dataIndex: 'recheckRate', align: 'right', width: 90, render: percent },
  ];
  const data = stats.data;
  const query = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1])).toString();
  return (
    <Card
      title={t('dangers.stats.title')}
      extra={
        <Button
          icon={<DownloadOutlined />}
          href={`/api/hidden-dangers/stats.xlsx?${query}`}
          download
          data-testid="danger-stats-xlsx"
        >
          {t('list.export')}
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
      <Table<DangerStatsRow>
        data-testid="danger-stats"
        size="small"
        bordered
        rowKey="regionCode"
        columns={columns}
        dataSource={data ? [...data.rows, { ...data.total, regionCode: 'total', label: t('reports.total') }] : []}
        loading={stats.isFetching}
        pagination={false}
        scroll={{ x: 1100 }}
      />
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8 }}>
        {t('dangers.stats.note')}
      </Typography.Paragraph>
    </Card>
  );
}
