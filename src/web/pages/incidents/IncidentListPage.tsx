/**
 * 应急处置 (/incidents): the incidents of the jurisdiction (an invited department user: those it is invited to), open
 * ones first; 启动应急处置 opens one from a recent quick report of the jurisdiction (较大 and above open by themselves).
 */
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Form, Modal, Select, Space, type TableProps, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { type IncidentSummary, RESPONSE_LEVELS } from '../../../contracts/incidents.js';
import { api } from '../../api/client.js';
import { useMe } from '../../api/queries.js';
import { formatTime } from '../../components/format.js';
import { ListPage } from '../../components/ListPage.js';
import { useUrlFilters } from '../../components/use-url-filters.js';
import { mayDo } from '../../routes.js';
import { useIncidentLive, useIncidents, useOpenIncident } from './queries.js';

const FILTER_KEYS = ['status', 'level'] as const;

export function LevelTag({ level }: { level: string }) {
  const { t } = useTranslation();
  const color = { I: 'red', II: 'volcano', III: 'orange', IV: 'gold' }[level] ?? 'default';
  return <Tag color={color}>{t(`incidents.levels.${level}`)}</Tag>;
}

export function IncidentListPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const { query, set } = useUrlFilters(FILTER_KEYS);
  const list = useIncidents(query);
  const [opening, setOpening] = useState(false);
  useIncidentLive();

  const columns: TableProps<IncidentSummary>['columns'] = [
    {
      title: t('incidents.unit'),
      dataIndex: 'unitName',
      render: (v: string, i) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/incidents/${i.id}`}>{v}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {i.regionName} · {i.reportNo}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('incidents.level'), dataIndex: 'level', width: 110, render: (v: string) => <LevelTag level={v} /> },
    { title: t('incidents.lead'), dataIndex: 'leadOrgName', width: 180 },
    {
      title: t('incidents.status'),
      dataIndex: 'status',
      width: 100,
      render: (v: string) => <Tag color={v === 'open' ? 'processing' : 'default'}>{t(`incidents.statuses.${v}`)}</Tag>,
    },
    { title: t('incidents.committed'), dataIndex: 'committed', width: 90, align: 'right' },
    { title: t('incidents.reportedAt'), dataIndex: 'reportedAt', width: 150, render: (v: string) => formatTime(v) },
    { title: t('incidents.closedAt'), dataIndex: 'closedAt', width: 150, render: (v: string | null) => formatTime(v) },
  ];

  return (
    <>
      <ListPage<IncidentSummary>
        title={t('incidents.title')}
        testId="incident-list"
        extra={
          mayDo(me, 'incident.command') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpening(true)}>
              {t('incidents.open')}
            </Button>
          )
        }
        filters={
          <Space wrap>
            <Select
              style={{ width: 140 }}
              allowClear
              placeholder={t('incidents.status')}
              value={query.status}
              onChange={(v) => set({ status: v })}
              options={(['open', 'closed'] as const).map((s) => ({ value: s, label: t(`incidents.statuses.${s}`) }))}
            />
            <Select
              style={{ width: 140 }}
              allowClear
              placeholder={t('incidents.level')}
              value={query.level}
              onChange={(v) => set({ level: v })}
              options={RESPONSE_LEVELS.map((l) => ({ value: l, label: t(`incidents.levels.${l}`) }))}
            />
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
      {opening && <OpenIncidentModal onClose={() => setOpening(false)} />}
    </>
  );
}

function OpenIncidentModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ accidentId: string; level?: string }>();
  const open = useOpenIncident();
  const recent = useQuery({
    queryKey: ['incidents', 'recent-accidents'],
    queryFn: ({ signal }) =>
      api<{ items: { id: string; reportNo: string; unitName: string; regionName: string }[] }>('/api/accidents', {
        query: { pageSize: 50 },
        signal,
      }),
  });
  return (
    <Modal
      open
      title={t('incidents.open')}
      onCancel={onClose}
      confirmLoading={open.isPending}
      onOk={async () => {
        const v = await form.validateFields();
        try {
          const i = await open.mutateAsync(v);
          onClose();
          void navigate(`/incidents/${i.id}`);
        } catch (e) {
          void message.error((e as Error).message);
        }
      }}
    >
      <Form form={form} layout="vertical">
        <Form.Item name="accidentId" label={t('incidents.chooseAccident')} rules={[{ required: true }]}>
          <Select
            showSearch
            optionFilterProp="label"
            loading={recent.isFetching}
            options={(recent.data?.items ?? []).map((a) => ({
              value: a.id,
              label: `${a.reportNo} ${a.unitName}（${a.regionName}）`,
            }))}
          />
        </Form.Item>
        <Form.Item name="level" label={t('incidents.level')}>
          <Select
            allowClear
            placeholder={t('incidents.levelDefault')}
            options={RESPONSE_LEVELS.map((l) => ({ value: l, label: t(`incidents.levels.${l}`) }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
