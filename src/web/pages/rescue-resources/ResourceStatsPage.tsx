/**
 * 应急资源统计 (/rescue-resources/stats): by child region of the jurisdiction, the 第十条 enterprises and their coverage
 * (own team, valid agreement, neither) on a day, and the resources by kind and by specialty; the same table as .xlsx.
 * The server counts (in SQL); this page only shows.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Row, Table, type TableProps } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ResourceStatsRow, SPECIALTIES } from '../../../contracts/rescue-resources.js';
import { buildUrl } from '../../api/client.js';
import { RegionCascader } from '../../components/RegionCascader.js';
import { useResourceStats } from './queries.js';
import { RescueLinks } from './RescueResourcesPage.js';

export function ResourceStatsPage() {
  const { t } = useTranslation();
  const [regionCode, setRegionCode] = useState<string | undefined>();
  const [on, setOn] = useState<string | undefined>();
  const params = { regionCode, on };
  const stats = useResourceStats(params);
  const num = (key: keyof ResourceStatsRow, title: string) => ({
    key,
    title,
    dataIndex: key,
    width: 90,
    align: 'right' as const,
  });
  const columns: TableProps<ResourceStatsRow>['columns'] = [
    { title: t('rescue.stats.region'), dataIndex: 'regionName', fixed: 'left', width: 140 },
    {
      title: t('rescue.stats.coverage'),
      children: [
        num('highRisk', t('rescue.stats.highRisk')),
        num('ownTeam', t('rescue.stats.ownTeam')),
        num('agreement', t('rescue.stats.agreement')),
        {
          ...num('uncovered', t('rescue.stats.uncovered')),
          render: (v: number) => <span style={{ color: v > 0 ? '#cf1322' : undefined }}>{v}</span>,
        },
      ],
    },
    {
      title: t('rescue.stats.resources'),
      children: [
        num('teams', t('rescue.stats.teams')),
        num('teamMembers', t('rescue.stats.teamMembers')),
        num('equipment', t('rescue.stats.equipment')),
        num('experts', t('rescue.stats.experts')),
      ],
    },
    {
      title: t('rescue.stats.bySpecialty'),
      children: SPECIALTIES.map((s) => ({
        key: s,
        title: t(`rescue.specialtyNames.${s}`),
        width: 100,
        align: 'center' as const,
        render: (_: unknown, r: ResourceStatsRow) =>
          `${r.bySpecialty[s].teams}/${r.bySpecialty[s].equipment}/${r.bySpecialty[s].experts}`,
      })),
    },
  ];
  const data = stats.data;
  return (
    <Card
      title={t('rescue.stats.title')}
      extra={
        <Button
          icon={<DownloadOutlined />}
          href={buildUrl('/api/rescue-resources/statistics.xlsx', params)}
          download
          data-testid="rescue-stats-xlsx"
        >
          {t('rescue.export')}
        </Button>
      }
    >
      <Row gutter={[8, 8]} style={{ marginBottom: 12 }} justify="space-between">
        <Col>
          <Row gutter={8}>
            <Col>
              <RegionCascader value={regionCode} onChange={setRegionCode} style={{ width: 260 }} />
            </Col>
            <Col>
              <DatePicker
                placeholder={t('rescue.stats.on')}
                value={on ? dayjs(on) : null}
                onChange={(d) => setOn(d ? d.format('YYYY-MM-DD') : undefined)}
              />
            </Col>
          </Row>
        </Col>
        <Col>
          <RescueLinks />
        </Col>
      </Row>
      <Table<ResourceStatsRow>
        data-testid="rescue-stats"
        size="small"
        bordered
        rowKey="regionCode"
        columns={columns}
        dataSource={
          data ? [...data.rows, { ...data.total, regionCode: 'total', regionName: t('rescue.stats.total') }] : []
        }
        loading={stats.isFetching}
        pagination={false}
        scroll={{ x: 1800 }}
      />
    </Card>
  );
}
