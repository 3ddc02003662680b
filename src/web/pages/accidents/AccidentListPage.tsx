/** 事故快报 list: filters kept in the address bar, paged table with grade tags and status badges. */
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, DatePicker, Input, Row, Select, Space, type TableProps, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useAccidents, useMe } from '../../api/queries.js';
import type { AccidentListItem } from '../../api/types.js';
import { Countdown } from '../../components/Countdown.js';
import {
  accidentTypeName,
  accidentTypeOptions,
  DOMAINS,
  GRADES,
  industrySectionOptions,
} from '../../components/code-options.js';
import { formatTime } from '../../components/format.js';
import { ListPage } from '../../components/ListPage.js';
import { RegionCascader } from '../../components/RegionCascader.js';
import { FlagTags, GradeTag, StatusBadge } from '../../components/tags.js';
import { filterQuery, useUrlFilters } from '../../components/use-url-filters.js';
import { mayDo } from '../../routes.js';

const FILTER_KEYS = ['from', 'to', 'regionCode', 'grade', 'accidentType', 'industryCode', 'domain', 'status', 'q'];

export function AccidentListPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const navigate = useNavigate();
  const { params, page, pageSize, query, set, reset } = useUrlFilters(FILTER_KEYS);
  const list = useAccidents(query);

  const columns: TableProps<AccidentListItem>['columns'] = [
    {
      title: t('accident.reportNo'),
      dataIndex: 'reportNo',
      width: 170,
      fixed: 'left',
      render: (v: string, r) => <Link to={`/accidents/${r.id}`}>{v}</Link>,
    },
    {
      title: t('accident.unitName'),
      dataIndex: 'unitName',
      width: 240,
      ellipsis: true,
      render: (v: string, r) => (
        <Space orientation="vertical" size={0}>
          <span>{v}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.regionName} · {accidentTypeName(t, r.accidentType)}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('accident.occurredAt'), dataIndex: 'occurredAt', width: 140, render: (v: string) => formatTime(v) },
    {
      title: t('accident.grade'),
      dataIndex: 'grade',
      width: 110,
      render: (_: unknown, r) => <GradeTag grade={r.grade} />,
    },
    {
      title: `${t('list.deathsShort')} / ${t('list.missingShort')} / ${t('list.seriousShort')}`,
      key: 'casualties',
      width: 120,
      render: (_: unknown, r) => `${r.deaths} / ${r.missing} / ${r.seriousInjuries}`,
    },
    {
      title: t('accident.holder'),
      key: 'holder',
      width: 110,
      render: (_: unknown, r) => `${t(`level.${r.holderLevel}`)} → ${t(`level.${r.targetLevel}`)}`,
    },
    {
      title: t('accident.status'),
      dataIndex: 'status',
      width: 170,
      render: (_: unknown, r) => (
        <Space orientation="vertical" size={0}>
          <StatusBadge status={r.status} />
          {r.status !== 'done' && <Countdown dueAt={r.nextDueAt} />}
        </Space>
      ),
    },
    {
      title: t('accident.flags'),
      dataIndex: 'flags',
      width: 150,
      render: (flags: string[]) => <FlagTags flags={flags} />,
    },
  ];

  const range =
    params.get('from') && params.get('to')
      ? ([dayjs(params.get('from')), dayjs(params.get('to'))] as [dayjs.Dayjs, dayjs.Dayjs])
      : null;

  const gradeOptions = GRADES.map((g) => ({ value: g, label: t(`grade.${g}`) }));
  const domainOptions = DOMAINS.map((d) => ({ value: d, label: t(`domain.${d}`) }));
  const statusOptions = (['pending', 'overdue', 'done'] as const).map((v) => ({ value: v, label: t(`status.${v}`) }));
  /** One filter select bound to a query-string parameter. */
  const filterSelect = (
    key: string,
    placeholder: string,
    options: { value: string; label: string }[],
    xl: number,
    searchable = false,
  ) => (
    <Col xs={12} md={6} xl={xl}>
      <Select
        style={{ width: '100%' }}
        allowClear
        showSearch={searchable ? { optionFilterProp: 'label' } : undefined}
        placeholder={placeholder}
        value={params.get(key) ?? undefined}
        options={options}
        onChange={(v?: string) => set({ [key]: v })}
      />
    </Col>
  );

  const filters = (
    <Row gutter={[8, 8]}>
      <Col xs={24} md={12} xl={8}>
        <DatePicker.RangePicker
          style={{ width: '100%' }}
          value={range}
          placeholder={[t('list.timeRange'), t('list.timeRange')]}
          onChange={(v) =>
            set({
              from: v?.[0] ? v[0].startOf('day').format('YYYY-MM-DDTHH:mm:ssZ') : undefined,
              to: v?.[1] ? v[1].endOf('day').format('YYYY-MM-DDTHH:mm:ssZ') : undefined,
            })
          }
        />
      </Col>
      <Col xs={24} md={12} xl={6}>
        <RegionCascader
          style={{ width: '100%' }}
          value={params.get('regionCode') ?? undefined}
          onChange={(code) => set({ regionCode: code })}
        />
      </Col>
      {filterSelect('grade', t('accident.grade'), gradeOptions, 4)}
      {filterSelect('accidentType', t('accident.accidentType'), accidentTypeOptions(t), 6, true)}
      {filterSelect('industryCode', t('accident.industryCode'), industrySectionOptions(t), 6, true)}
      {filterSelect('domain', t('accident.domain'), domainOptions, 4)}
      {filterSelect('status', t('accident.status'), statusOptions, 4)}
      <Col xs={24} md={12} xl={6}>
        <Input.Search
          allowClear
          placeholder={t('list.keyword')}
          defaultValue={params.get('q') ?? ''}
          onSearch={(q) => set({ q: q.trim() || undefined })}
          enterButton={t('common.search')}
        />
      </Col>
      <Col xs={12} md={6} xl={4}>
        <Button onClick={reset}>{t('common.reset')}</Button>
      </Col>
    </Row>
  );

  return (
    <ListPage<AccidentListItem>
      testId="accident-list"
      title={t('list.title')}
      extra={
        <Space>
          <Button
            icon={<DownloadOutlined />}
            href={`/api/accidents/export.xlsx?${filterQuery(params, FILTER_KEYS)}`}
            download
            data-testid="accident-export-xlsx"
          >
            {t('list.export')}
          </Button>
          {mayDo(me, 'accident.create') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/accidents/new')}>
              {t('list.new')}
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
      rowClassName={(r) => (r.status === 'overdue' ? 'row-overdue' : '')}
      scrollX={1250}
    />
  );
}
