/**
 * The frame of a statistics page: a region of the jurisdiction and a period picked above the table, and the same
 * table as an .xlsx (the export's path gets the same query). The page brings its table; the server counts.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Row } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type ReactNode, useState } from 'react';
import { RegionCascader } from './RegionCascader.js';

export interface RegionPeriod {
  regionCode: string | undefined;
  from: string;
  to: string;
}

/** This year to today, the whole jurisdiction: the page's starting choice. */
export function useRegionPeriod() {
  const [regionCode, setRegionCode] = useState<string | undefined>();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('year'), dayjs()]);
  const params: RegionPeriod = { regionCode, from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') };
  return { params, regionCode, setRegionCode, range, setRange };
}

export function StatsCard({
  title,
  state,
  exportPath,
  exportLabel,
  exportTestId,
  children,
}: {
  title: ReactNode;
  state: ReturnType<typeof useRegionPeriod>;
  exportPath: string;
  exportLabel: ReactNode;
  exportTestId: string;
  children: ReactNode;
}) {
  const query = new URLSearchParams(
    Object.entries(state.params).filter((e): e is [string, string] => !!e[1]),
  ).toString();
  return (
    <Card
      title={title}
      extra={
        <Button icon={<DownloadOutlined />} href={`${exportPath}?${query}`} download data-testid={exportTestId}>
          {exportLabel}
        </Button>
      }
      styles={{ body: { padding: 12 } }}
    >
      <Row gutter={[8, 8]} style={{ marginBottom: 12 }}>
        <Col xs={24} md={8}>
          <RegionCascader value={state.regionCode} onChange={state.setRegionCode} style={{ width: '100%' }} />
        </Col>
        <Col xs={24} md={8}>
          <DatePicker.RangePicker
            value={state.range}
            allowClear={false}
            style={{ width: '100%' }}
            onChange={(v) => {
              if (v?.[0] && v[1]) state.setRange([v[0], v[1]]);
            }}
          />
        </Col>
      </Row>
      {children}
    </Card>
  );
}
