/**
 * 企业档案 list (/enterprises): search by name, address or credit code; region, sector, status and 重大危险源
 * filters kept in the address bar; the paged table links to each card. 登记企业 for the bureau (enterprise.write),
 * 批量导入 (enterprise.import), 导出 Excel of the filtered list and 导出许可证 of the chosen region.
 */
import { DownloadOutlined, ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Input, Row, Select, Space, type TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { EnterpriseListItem } from '../../../contracts/enterprises.js';
import { ENTERPRISE_STATUSES, type EnterpriseStatus, SECTORS, type Sector } from '../../../domain/enterprise.js';
import { useMe } from '../../api/queries.js';
import { ListPage } from '../../components/ListPage.js';
import { RegionCascader } from '../../components/RegionCascader.js';
import { useUrlFilters } from '../../components/use-url-filters.js';
import { mayDo } from '../../routes.js';
import { MajorHazardSummary } from './EnterpriseCardPage.js';
import { EnterpriseFormModal } from './EnterpriseFormModal.js';
import { enterprisesXlsxUrl, licencesXlsxUrl, useEnterprises } from './queries.js';
import { EnterpriseStatusBadge, enterpriseNameColumn, SectorTags } from './tags.js';

const FILTER_KEYS = ['q', 'regionCode', 'sector', 'status', 'majorHazard'];

export function EnterpriseListPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const navigate = useNavigate();
  const { params, page, pageSize, query, set, reset } = useUrlFilters(FILTER_KEYS);
  const [registering, setRegistering] = useState(false);
  const list = useEnterprises(query);

  const columns: TableProps<EnterpriseListItem>['columns'] = [
    enterpriseNameColumn<EnterpriseListItem>(t),
    { title: t('enterprise.creditCode'), dataIndex: 'creditCode', width: 180 },
    { title: t('enterprise.region'), dataIndex: 'regionName', width: 180, ellipsis: true },
    {
      title: t('enterprise.sectors'),
      dataIndex: 'sectors',
      width: 180,
      render: (v: Sector[]) => <SectorTags sectors={v} />,
    },
    {
      title: t('enterprise.status'),
      dataIndex: 'status',
      width: 130,
      render: (v: EnterpriseStatus) => <EnterpriseStatusBadge status={v} />,
    },
    {
      title: t('enterprise.majorHazards'),
      key: 'hazards',
      width: 150,
      render: (_: unknown, r) => <MajorHazardSummary count={r.majorHazardCount} grade={r.topHazardGrade} />,
    },
  ];

  const filterSelect = (key: string, placeholder: string, options: { value: string; label: string }[], xl: number) => (
    <Col xs={12} md={6} xl={xl}>
      <Select
        style={{ width: '100%' }}
        allowClear
        placeholder={placeholder}
        value={params.get(key) ?? undefined}
        options={options}
        onChange={(v?: string) => set({ [key]: v })}
      />
    </Col>
  );

  const filters = (
    <Row gutter={[8, 8]}>
      <Col xs={24} md={12} xl={7}>
        <Input.Search
          allowClear
          placeholder={t('enterprise.keyword')}
          defaultValue={params.get('q') ?? ''}
          onSearch={(q) => set({ q: q.trim() || undefined })}
          enterButton={t('common.search')}
          data-testid="enterprise-search"
        />
      </Col>
      <Col xs={24} md={12} xl={5}>
        <RegionCascader
          style={{ width: '100%' }}
          value={params.get('regionCode') ?? undefined}
          onChange={(code) => set({ regionCode: code })}
        />
      </Col>
      {filterSelect(
        'sector',
        t('enterprise.sectors'),
        SECTORS.map((s) => ({ value: s, label: t(`sector.${s}`) })),
        3,
      )}
      {filterSelect(
        'status',
        t('enterprise.status'),
        ENTERPRISE_STATUSES.map((s) => ({ value: s, label: t(`enterpriseStatus.${s}`) })),
        3,
      )}
      {filterSelect(
        'majorHazard',
        t('enterprise.majorHazards'),
        [
          { value: 'true', label: t('enterprise.withMajorHazard') },
          { value: 'false', label: t('enterprise.withoutMajorHazard') },
        ],
        4,
      )}
      <Col xs={12} md={6} xl={2}>
        <Button onClick={reset}>{t('common.reset')}</Button>
      </Col>
    </Row>
  );

  return (
    <>
      <ListPage<EnterpriseListItem>
        testId="enterprise-list"
        title={t('enterprise.listTitle')}
        extra={
          <Space wrap size={8}>
            {mayDo(me, 'enterprise.import') && (
              <Button
                icon={<ImportOutlined />}
                onClick={() => void navigate('/enterprises/import')}
                data-testid="enterprise-import"
              >
                {t('enterprise.import')}
              </Button>
            )}
            <Button
              icon={<DownloadOutlined />}
              href={enterprisesXlsxUrl(query)}
              download
              data-testid="enterprise-export"
            >
              {t('enterprise.export')}
            </Button>
            <Button
              icon={<DownloadOutlined />}
              href={licencesXlsxUrl(query.regionCode as string | undefined)}
              download
              data-testid="licence-export"
            >
              {t('licenceAlerts.export')}
            </Button>
            {mayDo(me, 'enterprise.write') && me?.org.kind === 'bureau' && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setRegistering(true)}
                data-testid="enterprise-new"
              >
                {t('enterprise.new')}
              </Button>
            )}
          </Space>
        }
        filters={filters}
        columns={columns}
        rowKey="id"
        data={list.data}
        loading={list.isFetching}
        error={list.error}
        page={page}
        pageSize={pageSize}
        onPageChange={(p, s) => set({ page: String(p), pageSize: String(s) })}
        scrollX={1080}
      />
      {registering && (
        <EnterpriseFormModal
          enterprise={null}
          open
          onClose={() => setRegistering(false)}
          onSaved={(e) => void navigate(`/enterprises/${e.id}`)}
        />
      )}
    </>
  );
}
