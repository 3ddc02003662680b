/** 操作留痕: the audit trail of my jurisdiction — who did what, when, to which record, and what changed. */
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Col, DatePicker, Grid, Input, Row, Select, Space, type TableProps, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES, type AuditRecord } from '../../../contracts/audit.js';
import { actionLabel, entityLabel } from '../../../contracts/audit-text.js';
import { useAudit } from '../../api/queries.js';
import { ActionTag, AuditDiff } from '../../components/audit.js';
import { formatTimeSeconds, toIsoWithOffset } from '../../components/format.js';
import { ListPage } from '../../components/ListPage.js';

/** Groups offered before the single actions: a group matches every action under it. */
const ACTION_GROUPS = ['accident', 'duty', 'auth'] as const;
const DIFF_LINES = 3;

interface Filters {
  action?: string;
  entityType?: string;
  entityId?: string;
  actor?: string;
  range?: [Dayjs, Dayjs] | null;
}

export function AuditPage() {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [filters, setFilters] = useState<Filters>({});
  // Remounts the (uncontrolled) search box on reset.
  const [resetKey, setResetKey] = useState(0);
  const set = (f: Partial<Filters>) => {
    setFilters((prev) => ({ ...prev, ...f }));
    setPage((p) => ({ ...p, page: 1 }));
  };
  const query = {
    action: filters.action,
    entityType: filters.entityType,
    entityId: filters.entityId,
    actor: filters.actor,
    from: filters.range ? toIsoWithOffset(filters.range[0].startOf('day')) : undefined,
    to: filters.range ? toIsoWithOffset(filters.range[1].add(1, 'day').startOf('day')) : undefined,
  };
  const audit = useAudit({ ...page, ...query });
  // The export takes the list's filters: the file holds what the screen shows, all pages of it.
  const exportHref = `/api/audit/export.xlsx?${new URLSearchParams(
    Object.entries(query).filter((e): e is [string, string] => !!e[1]),
  ).toString()}`;

  const entity = (r: AuditRecord) => (
    <Space orientation="vertical" size={0}>
      <span>{entityLabel(t, r.entityType)}</span>
      {r.entityType === 'accident' ? (
        <Link to={`/accidents/${r.entityId}`}>{t('common.view')}</Link>
      ) : (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} copyable={{ text: r.entityId }}>
          {r.entityId.slice(0, 8)}
        </Typography.Text>
      )}
    </Space>
  );
  const wide = !!screens.md;
  const columns: TableProps<AuditRecord>['columns'] = [
    // Phones: one column, the row as a small card.
    {
      title: t('audit.title'),
      key: 'compact',
      hidden: wide,
      render: (_: unknown, r) => (
        <Space orientation="vertical" size={2} style={{ width: '100%' }}>
          <Space wrap size={4}>
            <ActionTag action={r.action} />
            {r.entityType === 'accident' ? (
              <Link to={`/accidents/${r.entityId}`}>{entityLabel(t, r.entityType)}</Link>
            ) : (
              entityLabel(t, r.entityType)
            )}
          </Space>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatTimeSeconds(r.at)} · {r.actorName}
          </Typography.Text>
          <AuditDiff record={r} limit={DIFF_LINES} />
        </Space>
      ),
    },
    { title: t('audit.at'), dataIndex: 'at', width: 165, hidden: !wide, render: (v: string) => formatTimeSeconds(v) },
    { title: t('audit.actor'), dataIndex: 'actorName', width: 210, hidden: !wide, ellipsis: true },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      width: 130,
      hidden: !wide,
      render: (v: string) => <ActionTag action={v} />,
    },
    { title: t('audit.entityCol'), key: 'entity', width: 150, hidden: !wide, render: (_: unknown, r) => entity(r) },
    {
      title: t('audit.changes'),
      key: 'diff',
      hidden: !wide,
      render: (_: unknown, r) => <AuditDiff record={r} limit={DIFF_LINES} />,
    },
    {
      title: t('audit.clientAddr'),
      dataIndex: 'clientAddr',
      width: 130,
      hidden: !wide,
      render: (v: string | null) => <span data-testid="audit-client-addr">{v ?? '—'}</span>,
    },
  ];

  const actionOptions = [
    {
      label: t('audit.actionGroups'),
      options: ACTION_GROUPS.map((g) => ({ value: g, label: t(`audit.group.${g}`) })),
    },
    { label: t('audit.actions'), options: AUDIT_ACTIONS.map((a) => ({ value: a, label: actionLabel(t, a) })) },
  ];

  return (
    <ListPage<AuditRecord>
      title={t('audit.title')}
      testId="audit-table"
      extra={
        <Space>
          {screens.md ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('audit.hint')}
            </Typography.Text>
          ) : null}
          <Button icon={<DownloadOutlined />} href={exportHref} download data-testid="audit-export">
            {t('list.export')}
          </Button>
        </Space>
      }
      filters={
        <Row gutter={[8, 8]}>
          <Col xs={12} md={4}>
            <Select
              allowClear
              style={{ width: '100%' }}
              placeholder={t('audit.action')}
              showSearch
              optionFilterProp="label"
              options={actionOptions}
              value={filters.action}
              onChange={(v?: string) => set({ action: v })}
              data-testid="audit-action-filter"
            />
          </Col>
          <Col xs={12} md={4}>
            <Select
              allowClear
              style={{ width: '100%' }}
              placeholder={t('audit.entityType')}
              options={AUDIT_ENTITY_TYPES.map((e) => ({ value: e, label: entityLabel(t, e) }))}
              value={filters.entityType}
              onChange={(v?: string) => set({ entityType: v })}
            />
          </Col>
          <Col xs={12} md={4}>
            <Input.Search
              key={`actor-${resetKey}`}
              allowClear
              placeholder={t('audit.actor')}
              onSearch={(q) => set({ actor: q.trim() || undefined })}
              data-testid="audit-actor-filter"
            />
          </Col>
          <Col xs={12} md={5}>
            <DatePicker.RangePicker
              style={{ width: '100%' }}
              value={filters.range ?? null}
              onChange={(v) => set({ range: v?.[0] && v[1] ? [v[0], v[1]] : null })}
            />
          </Col>
          <Col xs={18} md={3}>
            <Input.Search
              key={resetKey}
              allowClear
              placeholder={t('audit.entityId')}
              onSearch={(q) => set({ entityId: q.trim() || undefined })}
            />
          </Col>
          <Col xs={6} md={2}>
            <Button
              block
              onClick={() => {
                set({ action: undefined, entityType: undefined, entityId: undefined, actor: undefined, range: null });
                setResetKey((k) => k + 1);
              }}
            >
              {t('common.reset')}
            </Button>
          </Col>
        </Row>
      }
      columns={columns}
      rowKey="id"
      data={audit.data}
      loading={audit.isFetching}
      error={audit.error}
      page={page.page}
      pageSize={page.pageSize}
      onPageChange={(p, s) => setPage({ page: p, pageSize: s })}
      scrollX={wide ? 1130 : 0}
    />
  );
}
