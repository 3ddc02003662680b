/**
 * 未覆盖企业 (/rescue-resources/uncovered): the operating high-risk enterprises of the jurisdiction (应急条例 第十条, as
 * the registry records them) with neither a rescue team of their own nor an agreement valid on the day chosen.
 */
import { Alert, Col, DatePicker, Row, Space, type TableProps, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { UncoveredEnterprise } from '../../../contracts/rescue-resources.js';
import { ListPage } from '../../components/ListPage.js';
import { RegionCascader } from '../../components/RegionCascader.js';
import { useUrlFilters } from '../../components/use-url-filters.js';
import { useUncovered } from './queries.js';
import { RescueLinks } from './RescueResourcesPage.js';

const FILTER_KEYS = ['regionCode', 'on'] as const;

export function UncoveredPage() {
  const { t } = useTranslation();
  const { query, set } = useUrlFilters(FILTER_KEYS);
  const list = useUncovered(query);
  const columns: TableProps<UncoveredEnterprise>['columns'] = [
    {
      title: t('rescue.agreements.enterprise'),
      dataIndex: 'name',
      render: (v: string, e) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/enterprises/${e.id}`}>{v}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {e.creditCode} · {e.address}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('rescue.region'), dataIndex: 'regionName', width: 200 },
    { title: t('rescue.uncovered.industry'), dataIndex: 'industryCode', width: 90 },
    {
      title: t('rescue.uncovered.sectors'),
      dataIndex: 'sectors',
      width: 200,
      render: (s: string[]) => s.map((x) => t(`sector.${x}`, { defaultValue: x })).join('、'),
    },
    {
      title: t('rescue.uncovered.lastAgreementTo'),
      dataIndex: 'lastAgreementTo',
      width: 130,
      render: (v: string | null) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : '—'),
    },
  ];
  return (
    <ListPage<UncoveredEnterprise>
      title={t('rescue.uncovered.title')}
      testId="uncovered-table"
      extra={<RescueLinks />}
      filters={
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Alert type="info" showIcon title={t('rescue.uncovered.hint')} />
          <Row gutter={[8, 8]}>
            <Col xs={12} md={7}>
              <RegionCascader value={query.regionCode} onChange={(v) => set({ regionCode: v })} />
            </Col>
            <Col xs={12} md={5}>
              <DatePicker
                style={{ width: '100%' }}
                placeholder={t('rescue.uncovered.on')}
                value={query.on ? dayjs(query.on) : null}
                onChange={(d) => set({ on: d ? d.format('YYYY-MM-DD') : undefined })}
              />
            </Col>
          </Row>
        </Space>
      }
      columns={columns}
      rowKey="id"
      data={list.data}
      loading={list.isFetching}
      error={list.error}
      page={query.page}
      pageSize={query.pageSize}
      onPageChange={(page, pageSize) => set({ page: String(page), pageSize: String(pageSize) })}
    />
  );
}
