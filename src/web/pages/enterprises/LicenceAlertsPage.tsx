/**
 * 许可证到期提醒 (/licences/alerts): every licence of the jurisdiction that has expired or expires within 30 or 90 days
 * (GET /api/licences/alerts, the most urgent first), with the count of each stage as its filter; region and stage in
 * the address bar; each row links to the enterprise's card. 导出许可证: the 许可证台账 (.xlsx) of the chosen region.
 * The 工作台 card shows the first few and links here.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Col, Row, Segmented, Space, type TableProps, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { LicenceAlert } from '../../../contracts/enterprises.js';
import type { ExpiryStage, LicenceState, LicenceType } from '../../../domain/enterprise.js';
import { formatTime } from '../../components/format.js';
import { ListPage } from '../../components/ListPage.js';
import { RegionCascader } from '../../components/RegionCascader.js';
import { useUrlFilters } from '../../components/use-url-filters.js';
import { licencesXlsxUrl, useLicenceAlerts } from './queries.js';
import { DaysLeft, ExpiryTag, LicenceStateTag } from './tags.js';

const STAGES: ExpiryStage[] = ['expired', 'd30', 'd90'];

export function LicenceAlertsPage() {
  const { t } = useTranslation();
  const { params, page, pageSize, set } = useUrlFilters([]);
  const regionCode = params.get('regionCode') ?? undefined;
  const stage = (params.get('stage') as ExpiryStage | null) ?? undefined;
  const alerts = useLicenceAlerts({ page, pageSize, regionCode, stage });
  const data = alerts.data;

  const columns: TableProps<LicenceAlert>['columns'] = [
    {
      title: t('enterprise.name'),
      dataIndex: 'enterpriseName',
      width: 240,
      fixed: 'left',
      render: (v: string, l) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/enterprises/${l.enterpriseId}`}>{v}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {l.regionName}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('licence.type'),
      dataIndex: 'type',
      width: 220,
      render: (v: LicenceType, l) => (
        <Space orientation="vertical" size={0}>
          <span>{t(`licenceType.${v}`)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {l.number}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('licence.issuer'), dataIndex: 'issuer', width: 160, ellipsis: true },
    { title: t('licence.validTo'), dataIndex: 'validTo', width: 110 },
    {
      title: t('licence.daysLeftTitle'),
      dataIndex: 'daysLeft',
      width: 120,
      render: (v: number) => <DaysLeft days={v} />,
    },
    {
      title: t('licenceAlerts.stage'),
      dataIndex: 'alert',
      width: 110,
      render: (v: ExpiryStage | null) => <ExpiryTag stage={v} />,
    },
    {
      title: t('licence.state'),
      dataIndex: 'state',
      width: 90,
      render: (v: LicenceState) => <LicenceStateTag state={v} />,
    },
  ];

  const all = data ? STAGES.reduce((n, s) => n + data.counts[s], 0) : undefined;
  const count = (n: number | undefined) => (n === undefined ? '' : ` ${n}`);
  const filters = (
    <Row gutter={[8, 8]} align="middle">
      <Col xs={24} md={12} xl={6}>
        <RegionCascader style={{ width: '100%' }} value={regionCode} onChange={(code) => set({ regionCode: code })} />
      </Col>
      <Col xs={24} md={12} xl={12}>
        <Segmented<string>
          value={stage ?? 'all'}
          onChange={(v) => set({ stage: v === 'all' ? undefined : v })}
          options={[
            { value: 'all', label: `${t('common.all')}${count(all)}` },
            ...STAGES.map((s) => ({ value: s, label: `${t(`expiryStage.${s}`)}${count(data?.counts[s])}` })),
          ]}
          data-testid="alert-stage"
        />
      </Col>
      {data && (
        <Col xs={24} xl={6} style={{ textAlign: 'right' }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('licenceAlerts.asOf', { at: formatTime(data.asOf) })}
          </Typography.Text>
        </Col>
      )}
    </Row>
  );

  return (
    <ListPage<LicenceAlert>
      testId="licence-alerts-list"
      title={t('licenceAlerts.title')}
      extra={
        <Button icon={<DownloadOutlined />} href={licencesXlsxUrl(regionCode)} download data-testid="licence-export">
          {t('licenceAlerts.export')}
        </Button>
      }
      filters={filters}
      columns={columns}
      rowKey="id"
      data={data}
      loading={alerts.isFetching}
      error={alerts.error}
      page={page}
      pageSize={pageSize}
      onPageChange={(p, s) => set({ page: String(p), pageSize: String(s) })}
      scrollX={1060}
    />
  );
}
