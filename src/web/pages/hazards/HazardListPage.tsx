/**
 * 重大危险源 (/hazards): the schematic map of the jurisdiction's enterprises coloured by grade, the count by child
 * region and grade, and the register of 重大危险源 (region, grade and 备案 filters in the address bar), each row
 * linking to its enterprise's card and opening the unit's evaluation and grade history.
 */
import { CalculatorOutlined, DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Grid, Input, Row, Select, Space, Table, type TableProps, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { HazardSummaryRow, HazardUnitView } from '../../../contracts/hazards.js';
import { FILING_STATUSES } from '../../../contracts/hazards.js';
import { useMe } from '../../api/queries.js';
import { ListPage } from '../../components/ListPage.js';
import { RegionCascader } from '../../components/RegionCascader.js';
import { filterQuery, useUrlFilters } from '../../components/use-url-filters.js';
import { HazardMap } from './HazardMap.js';
import { useHazardSummary, useMajorHazards } from './queries.js';
import { FilingTag, figure, HAZARD_GRADE_COLORS, HAZARD_GRADES, HazardGradeTag, substancesText } from './tags.js';
import { UnitDrawer } from './UnitDrawer.js';

const FILTER_KEYS = ['regionCode', 'grade', 'filingStatus', 'q'];

function SummaryCard({ regionCode, onRegion }: { regionCode?: string; onRegion: (code: string) => void }) {
  const { t } = useTranslation();
  const summary = useHazardSummary(regionCode);
  const data = summary.data;
  // Regions with a 重大危险源, the most first; those without are only counted.
  const rows = [...(data?.children ?? [])].filter((r) => r.total > 0).sort((a, b) => b.total - a.total);
  const empty = (data?.children.length ?? 0) - rows.length;
  const columns: TableProps<HazardSummaryRow>['columns'] = [
    {
      title: t('enterprise.region'),
      dataIndex: 'name',
      ellipsis: true,
      width: 96,
      render: (v: string, r) =>
        data && r.code !== data.region.code && r.total > 0 ? (
          <Typography.Link onClick={() => onRegion(r.code)}>{v}</Typography.Link>
        ) : (
          v
        ),
    },
    ...HAZARD_GRADES.map((g) => ({
      // The grade's colour under its name, as on the map.
      title: (
        <span style={{ borderBottom: `3px solid ${HAZARD_GRADE_COLORS[g]}`, whiteSpace: 'nowrap' }}>
          {t(`hazard.gradeShort.${g}`)}
        </span>
      ),
      key: `g${g}`,
      width: 52,
      align: 'right' as const,
      render: (_: unknown, r: HazardSummaryRow) => r.byGrade[g] || '—',
    })),
    { title: t('hazard.summary.total'), dataIndex: 'total', width: 48, align: 'right' },
    { title: t('hazard.summary.unfiled'), dataIndex: 'unfiled', width: 60, align: 'right' },
  ];
  return (
    <Card title={t('hazard.summary.title')} data-testid="hazard-summary" styles={{ body: { padding: 12 } }}>
      {summary.error ? (
        <Alert type="error" showIcon title={t('common.loadFailed', { message: summary.error.message })} />
      ) : (
        <Table<HazardSummaryRow>
          size="small"
          rowKey="code"
          columns={columns}
          dataSource={rows}
          loading={summary.isFetching}
          pagination={false}
          scroll={{ x: 400, y: 380 }}
          summary={() =>
            data ? (
              <Table.Summary fixed>
                <Table.Summary.Row style={{ fontWeight: 600 }}>
                  <Table.Summary.Cell index={0}>
                    <span title={data.region.name}>{t('hazard.summary.total')}</span>
                  </Table.Summary.Cell>
                  {HAZARD_GRADES.map((g, i) => (
                    <Table.Summary.Cell key={g} index={i + 1} align="right">
                      {data.region.byGrade[g]}
                    </Table.Summary.Cell>
                  ))}
                  <Table.Summary.Cell index={5} align="right">
                    <span data-testid="summary-total">{data.region.total}</span>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={6} align="right">
                    {data.region.unfiled}
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              </Table.Summary>
            ) : null
          }
        />
      )}
      {empty > 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 8 }}>
          {t('hazard.summary.emptyRegions', { count: empty })}
        </Typography.Text>
      )}
    </Card>
  );
}

export function HazardListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const me = useMe().data;
  /** An enterprise user sees its own units: no region to choose. */
  const bureau = me?.org.kind === 'bureau';
  const { params, page, pageSize, query, set, reset } = useUrlFilters(FILTER_KEYS);
  const [shown, setShown] = useState<string | null>(null);
  const regionCode = params.get('regionCode') ?? undefined;
  const list = useMajorHazards(query);

  const columns: TableProps<HazardUnitView>['columns'] = [
    {
      title: t('enterprise.name'),
      dataIndex: 'enterpriseName',
      width: 240,
      fixed: 'left',
      render: (v: string, u) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/enterprises/${u.enterpriseId}`}>{v}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {u.regionName}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('hazard.unit.name'),
      dataIndex: 'name',
      width: 170,
      render: (v: string, u) => (
        <Space orientation="vertical" size={0}>
          <Typography.Link onClick={() => setShown(u.id)}>{v}</Typography.Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`unitKind.${u.kind}`)}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('hazard.substance.title'),
      key: 'substances',
      width: 200,
      ellipsis: true,
      render: (_: unknown, u) => substancesText(u.substances),
    },
    { title: 'S', dataIndex: 's', width: 70, align: 'right', render: (v: number) => figure(v) },
    { title: 'R', dataIndex: 'r', width: 70, align: 'right', render: (v: number) => figure(v) },
    {
      title: t('hazard.grade'),
      dataIndex: 'grade',
      width: 90,
      render: (_: unknown, u) => <HazardGradeTag grade={u.grade} />,
    },
    {
      title: t('hazard.unit.filing'),
      dataIndex: 'filingStatus',
      width: 90,
      render: (_: unknown, u) => <FilingTag status={u.filingStatus} no={u.filingNo} />,
    },
    {
      title: t('hazard.unit.principalName'),
      dataIndex: 'principalName',
      width: 130,
      render: (v: string | null, u) => (
        <Space orientation="vertical" size={0}>
          <span>{v ?? '—'}</span>
          {u.principalPhone && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {u.principalPhone}
            </Typography.Text>
          )}
        </Space>
      ),
    },
  ];

  const filters = (
    <Row gutter={[8, 8]}>
      {bureau && (
        <Col xs={24} md={12} xl={6}>
          <RegionCascader style={{ width: '100%' }} value={regionCode} onChange={(code) => set({ regionCode: code })} />
        </Col>
      )}
      <Col xs={12} md={6} xl={4}>
        <Select
          style={{ width: '100%' }}
          allowClear
          placeholder={t('hazard.grade')}
          value={params.get('grade') ?? undefined}
          options={HAZARD_GRADES.map((g) => ({ value: String(g), label: t(`majorHazardGrade.${g}`) }))}
          onChange={(v?: string) => set({ grade: v })}
          data-testid="grade-filter"
        />
      </Col>
      <Col xs={12} md={6} xl={4}>
        <Select
          style={{ width: '100%' }}
          allowClear
          placeholder={t('hazard.unit.filing')}
          value={params.get('filingStatus') ?? undefined}
          options={FILING_STATUSES.map((s) => ({ value: s, label: t(`hazard.filing.${s}`) }))}
          onChange={(v?: string) => set({ filingStatus: v })}
        />
      </Col>
      <Col xs={24} md={12} xl={7}>
        <Input.Search
          allowClear
          placeholder={t('hazard.keyword')}
          defaultValue={params.get('q') ?? ''}
          onSearch={(q) => set({ q: q.trim() || undefined })}
          enterButton={t('common.search')}
          data-testid="hazard-search"
        />
      </Col>
      <Col xs={12} md={6} xl={3}>
        <Button onClick={reset}>{t('common.reset')}</Button>
      </Col>
    </Row>
  );

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={14} xxl={15}>
          <HazardMap regionCode={regionCode} height={screens.xxl ? 520 : 440} />
        </Col>
        <Col xs={24} xl={10} xxl={9}>
          <SummaryCard regionCode={regionCode} onRegion={(code) => set({ regionCode: code })} />
        </Col>
      </Row>
      <ListPage<HazardUnitView>
        testId="hazard-list"
        title={t('hazard.listTitle')}
        extra={
          <Space>
            <Button
              icon={<DownloadOutlined />}
              href={`/api/major-hazards/export.xlsx?${filterQuery(params, FILTER_KEYS)}`}
              download
              data-testid="hazard-export-xlsx"
            >
              {t('list.export')}
            </Button>
            <Button icon={<CalculatorOutlined />} onClick={() => void navigate('/hazards/evaluate')}>
              {t('menu.hazardEvaluate')}
            </Button>
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
      <UnitDrawer unitId={shown} onClose={() => setShown(null)} />
    </Space>
  );
}
