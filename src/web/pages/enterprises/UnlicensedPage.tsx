/**
 * 无证经营 (/enterprises/unlicensed): the jurisdiction's operating enterprises of a licensed sector (危险化学品, 非煤矿山,
 * 烟花爆竹) without a valid licence of that sector on today's date — never licensed, expired, suspended or revoked.
 * Region and sector filters in the address bar; each row links to the enterprise's card (all are operating: no
 * status column).
 */
import { Button, Col, Row, Select, Space, type TableProps, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { UnlicensedRow } from '../../../contracts/enterprises.js';
import { LICENSED_SECTORS, type Sector } from '../../../domain/enterprise.js';
import { ListPage } from '../../components/ListPage.js';
import { RegionCascader } from '../../components/RegionCascader.js';
import { useUrlFilters } from '../../components/use-url-filters.js';
import { useUnlicensed } from './queries.js';
import { enterpriseNameColumn, SectorTags } from './tags.js';

const FILTER_KEYS = ['regionCode', 'sector'];

/** 缺少危险化学品类许可证 … one red tag per licensed sector without a valid licence. */
export function MissingLicenceTags({ sectors }: { sectors: readonly Sector[] }) {
  const { t } = useTranslation();
  return (
    <Space size={[0, 4]} wrap>
      {sectors.map((s) => (
        <Tag key={s} color="error" data-testid="missing-sector" data-sector={s}>
          {t('unlicensed.missing', { sector: t(`sector.${s}`) })}
        </Tag>
      ))}
    </Space>
  );
}

export function UnlicensedPage() {
  const { t } = useTranslation();
  const { params, page, pageSize, query, set, reset } = useUrlFilters(FILTER_KEYS);
  const list = useUnlicensed(query);

  const columns: TableProps<UnlicensedRow>['columns'] = [
    enterpriseNameColumn<UnlicensedRow>(t),
    { title: t('enterprise.creditCode'), dataIndex: 'creditCode', width: 180 },
    { title: t('enterprise.region'), dataIndex: 'regionName', width: 170, ellipsis: true },
    {
      title: t('unlicensed.missingTitle'),
      dataIndex: 'missingSectors',
      width: 230,
      render: (v: Sector[]) => <MissingLicenceTags sectors={v} />,
    },
    {
      title: t('enterprise.sectors'),
      dataIndex: 'sectors',
      width: 170,
      render: (v: Sector[]) => <SectorTags sectors={v} />,
    },
  ];

  const filters = (
    <Row gutter={[8, 8]}>
      <Col xs={24} md={12} xl={6}>
        <RegionCascader
          style={{ width: '100%' }}
          value={params.get('regionCode') ?? undefined}
          onChange={(code) => set({ regionCode: code })}
        />
      </Col>
      <Col xs={12} md={6} xl={4}>
        <Select
          style={{ width: '100%' }}
          allowClear
          placeholder={t('enterprise.sectors')}
          value={params.get('sector') ?? undefined}
          options={LICENSED_SECTORS.map((s) => ({ value: s, label: t(`sector.${s}`) }))}
          onChange={(v?: string) => set({ sector: v })}
        />
      </Col>
      <Col xs={12} md={6} xl={2}>
        <Button onClick={reset}>{t('common.reset')}</Button>
      </Col>
      <Col xs={24}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('unlicensed.hint')}
        </Typography.Text>
      </Col>
    </Row>
  );

  return (
    <ListPage<UnlicensedRow>
      testId="unlicensed-list"
      title={t('unlicensed.title')}
      filters={filters}
      columns={columns}
      rowKey="id"
      data={list.data}
      loading={list.isFetching}
      error={list.error}
      page={page}
      pageSize={pageSize}
      onPageChange={(p, s) => set({ page: String(p), pageSize: String(s) })}
      scrollX={1010}
    />
  );
}
