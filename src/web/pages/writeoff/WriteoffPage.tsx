/**
 * 核销审批: the write-off requests this bureau has to decide (approve / reject), and all requests of the
 * jurisdiction with their state (the requesting county sees and may withdraw its own).
 */
import { Segmented, Select, Space, type TableProps, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { WriteoffRequestView } from '../../../contracts/writeoff.js';
import { WRITEOFF_STATUSES } from '../../../domain/writeoff.js';
import { useMe } from '../../api/queries.js';
import { formatTime } from '../../components/format.js';
import { ListPage } from '../../components/ListPage.js';
import { GradeTag } from '../../components/tags.js';
import { mayDo } from '../../routes.js';
import { WriteoffDecisionButtons, WriteoffStatusTag } from './parts.js';
import { useWriteoffRequests } from './queries.js';

type View = 'toDecide' | 'all';

export function WriteoffPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const decides = mayDo(me, 'writeoff.decide');
  const [view, setView] = useState<View>(decides ? 'toDecide' : 'all');
  const [status, setStatus] = useState<string | undefined>(decides ? 'pending' : undefined);
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const list = useWriteoffRequests({
    ...page,
    status,
    toDecide: view === 'toDecide' ? 'true' : undefined,
  });

  const columns: TableProps<WriteoffRequestView>['columns'] = [
    {
      title: t('accident.reportNo'),
      key: 'reportNo',
      width: 170,
      fixed: 'left',
      render: (_: unknown, r) => <Link to={`/accidents/${r.accidentId}`}>{r.accident.reportNo}</Link>,
    },
    {
      title: t('accident.unitName'),
      key: 'unit',
      width: 220,
      render: (_: unknown, r) => (
        <Space orientation="vertical" size={0}>
          <span>{r.accident.unitName}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.regionName} · {formatTime(r.accident.occurredAt)}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('accident.grade'),
      key: 'grade',
      width: 100,
      render: (_: unknown, r) => <GradeTag grade={r.accident.grade} />,
    },
    {
      title: t('writeoff.reasonCode'),
      key: 'reason',
      width: 260,
      render: (_: unknown, r) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{t(`writeoff.reasons.${r.reasonCode}`)}</Typography.Text>
          <Typography.Text>{r.reason}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('writeoff.evidence')}：{r.evidence}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('writeoff.requester'),
      key: 'requester',
      width: 200,
      render: (_: unknown, r) => (
        <Space orientation="vertical" size={0}>
          <span>{r.requestedBy.org}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.requestedBy.name} · {formatTime(r.requestedAt)}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('writeoff.approver'), dataIndex: 'approverName', width: 110 },
    {
      title: t('accident.status'),
      key: 'status',
      width: 180,
      render: (_: unknown, r) => (
        <Space orientation="vertical" size={0}>
          <WriteoffStatusTag status={r.status} />
          {r.decidedBy && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.decidedBy.name} · {formatTime(r.decidedAt)}
            </Typography.Text>
          )}
          {r.decisionNote && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.decisionNote}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 200,
      fixed: 'right',
      render: (_: unknown, r) => <WriteoffDecisionButtons request={r} />,
    },
  ];

  return (
    <ListPage<WriteoffRequestView>
      title={t('writeoff.title')}
      testId="writeoff-table"
      filters={
        <Space wrap>
          <Segmented<View>
            value={view}
            onChange={(v) => {
              setView(v);
              setPage((p) => ({ ...p, page: 1 }));
            }}
            options={[
              ...(decides ? [{ value: 'toDecide' as const, label: t('writeoff.toDecide') }] : []),
              { value: 'all' as const, label: t('writeoff.all') },
            ]}
          />
          <Select
            allowClear
            style={{ width: 140 }}
            placeholder={t('accident.status')}
            value={status}
            onChange={(v?: string) => {
              setStatus(v);
              setPage((p) => ({ ...p, page: 1 }));
            }}
            options={WRITEOFF_STATUSES.map((s) => ({ value: s, label: t(`writeoff.status.${s}`) }))}
          />
          <Typography.Text type="secondary">{t('writeoff.hint')}</Typography.Text>
        </Space>
      }
      columns={columns}
      rowKey="id"
      data={list.data}
      loading={list.isFetching}
      error={list.error}
      page={page.page}
      pageSize={page.pageSize}
      onPageChange={(p, pageSize) => setPage({ page: p, pageSize })}
      scrollX={1440}
    />
  );
}
