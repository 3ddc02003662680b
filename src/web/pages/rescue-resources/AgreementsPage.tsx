/**
 * 救助协议 (/rescue-resources/agreements): agreements between rescue teams and enterprises, with their state on today
 * (有效, 已过期, 未生效, 已作废); filtered by state and region. The admin and duty room register one (an enterprise of
 * the jurisdiction, a team of the jurisdiction or above it), renew or change it (a new revision) and void it.
 */
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Col, DatePicker, Form, Input, Row, Select, Space, type TableProps, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  AGREEMENT_STATE_LABELS,
  type AgreementState,
  type RescueAgreement,
  type RescueResource,
} from '../../../contracts/rescue-resources.js';
import { ApiError, api, uuid } from '../../api/client.js';
import { useMe } from '../../api/queries.js';
import { showFieldIssues, validValues } from '../../components/form-issues.js';
import { ListPage } from '../../components/ListPage.js';
import { RegionCascader } from '../../components/RegionCascader.js';
import { SaveModal } from '../../components/SaveModal.js';
import { useUrlFilters } from '../../components/use-url-filters.js';
import { mayDo } from '../../routes.js';
import { useAgreements, useRescueWrite } from './queries.js';
import { RescueLinks } from './RescueResourcesPage.js';

const FILTER_KEYS = ['state', 'regionCode', 'enterpriseId', 'teamId'] as const;
const STATE_COLORS: Record<AgreementState, string> = {
  valid: 'green',
  expired: 'red',
  pending: 'blue',
  retired: 'default',
};

/** A select that searches a list endpoint by name as the user types. */
function SearchSelect({
  value,
  onChange,
  path,
  query,
  label,
  placeholder,
  initial,
}: {
  value?: string;
  onChange?: (v: string) => void;
  path: string;
  query: Record<string, string>;
  label: (item: { id: string; name: string; regionName?: string }) => string;
  placeholder: string;
  initial?: { value: string; label: string } | undefined;
}) {
  const [options, setOptions] = useState<{ value: string; label: string }[]>(initial ? [initial] : []);
  const search = async (q: string) => {
    const page = await api<{ items: { id: string; name: string; regionName?: string }[] }>(path, {
      query: { ...query, q: q.trim() || undefined, pageSize: 20 },
    });
    setOptions(page.items.map((i) => ({ value: i.id, label: label(i) })));
  };
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: (q) => void search(q) }}
      value={value}
      onChange={onChange}
      onFocus={() => options.length === 0 && void search('')}
      options={options}
      placeholder={placeholder}
    />
  );
}

type Values = {
  enterpriseId: string;
  teamId: string;
  number?: string;
  signedOn?: Dayjs | null;
  validFrom: Dayjs;
  validTo: Dayjs;
  scope?: string;
  note?: string;
};

function AgreementModal({ editing, onClose }: { editing: RescueAgreement | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const write = useRescueWrite();
  const [key] = useState(uuid);
  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    const body = JSON.parse(
      JSON.stringify({
        ...(editing ? { version: editing.version } : { enterpriseId: v.enterpriseId }),
        teamId: v.teamId,
        number: v.number || undefined,
        signedOn: v.signedOn ? v.signedOn.format('YYYY-MM-DD') : undefined,
        validFrom: v.validFrom.format('YYYY-MM-DD'),
        validTo: v.validTo.format('YYYY-MM-DD'),
        scope: v.scope || undefined,
        note: v.note || undefined,
      }),
    );
    try {
      await write.mutateAsync(
        editing
          ? { path: `/api/rescue-agreements/${editing.id}`, method: 'PUT', body }
          : { path: '/api/rescue-agreements', method: 'POST', body, key },
      );
      void message.success(t('rescue.saved'));
      onClose();
    } catch (e) {
      if (e instanceof ApiError) showFieldIssues(form, e, message);
      else throw e;
    }
  };
  return (
    <SaveModal
      open
      title={editing ? `${t('rescue.agreements.renew')} · ${editing.enterpriseName}` : t('rescue.agreements.new')}
      width={680}
      saving={write.isPending}
      onOk={() => void submit()}
      onCancel={onClose}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={
          editing
            ? {
                enterpriseId: editing.enterpriseId,
                teamId: editing.teamId,
                number: editing.number ?? undefined,
                signedOn: editing.signedOn ? dayjs(editing.signedOn) : null,
                validFrom: dayjs(editing.validFrom),
                validTo: dayjs(editing.validTo),
                scope: editing.scope ?? undefined,
                note: editing.note ?? undefined,
              }
            : {}
        }
      >
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="enterpriseId" label={t('rescue.agreements.enterprise')} rules={[{ required: true }]}>
              <SearchSelect
                path="/api/enterprises"
                query={{}}
                label={(i) => i.name}
                placeholder={t('rescue.agreements.enterprisePick')}
                initial={editing ? { value: editing.enterpriseId, label: editing.enterpriseName } : undefined}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="teamId" label={t('rescue.agreements.team')} rules={[{ required: true }]}>
              <SearchSelect
                path="/api/rescue-resources"
                query={{ kind: 'team' }}
                label={(i) =>
                  `${i.name}${(i as RescueResource).regionName ? `（${(i as RescueResource).regionName}）` : ''}`
                }
                placeholder={t('rescue.agreements.teamPick')}
                initial={editing ? { value: editing.teamId, label: editing.teamName } : undefined}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="number" label={t('rescue.agreements.number')}>
              <Input maxLength={60} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="validFrom" label={t('rescue.agreements.validFrom')} rules={[{ required: true }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="validTo" label={t('rescue.agreements.validTo')} rules={[{ required: true }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="signedOn" label={t('rescue.agreements.signedOn')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="scope" label={t('rescue.agreements.scope')}>
              <Input maxLength={1000} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="note" label={t('rescue.note')}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </SaveModal>
  );
}

export function AgreementsPage() {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const me = useMe().data;
  const { query, set, reset } = useUrlFilters(FILTER_KEYS);
  const list = useAgreements(query);
  const [editing, setEditing] = useState<RescueAgreement | null>(null);
  const [creating, setCreating] = useState(false);
  const write = useRescueWrite();
  const canWrite = mayDo(me, 'rescue.write');
  const retire = (a: RescueAgreement) => {
    let reason = '';
    modal.confirm({
      title: `${t('rescue.agreements.retire')} · ${a.enterpriseName}`,
      content: <Input placeholder={t('rescue.retireReason')} onChange={(e) => (reason = e.target.value)} />,
      onOk: () =>
        write.mutateAsync({
          path: `/api/rescue-agreements/${a.id}/retire`,
          method: 'POST',
          body: { reason: reason.trim() || t('rescue.agreements.retire'), version: a.version },
        }),
    });
  };
  const columns: TableProps<RescueAgreement>['columns'] = [
    {
      title: t('rescue.agreements.enterprise'),
      dataIndex: 'enterpriseName',
      render: (v: string, a) => (
        <Space orientation="vertical" size={0}>
          {v}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {a.creditCode} · {a.regionName}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('rescue.agreements.team'), dataIndex: 'teamName', width: 220 },
    { title: t('rescue.agreements.number'), dataIndex: 'number', width: 130, render: (v: string | null) => v ?? '—' },
    {
      title: `${t('rescue.agreements.validFrom')} — ${t('rescue.agreements.validTo')}`,
      key: 'validity',
      width: 200,
      render: (_: unknown, a) => `${a.validFrom} — ${a.validTo}`,
    },
    {
      title: t('rescue.agreements.state'),
      dataIndex: 'state',
      width: 90,
      render: (s: AgreementState) => <Tag color={STATE_COLORS[s]}>{t(`rescue.agreements.states.${s}`)}</Tag>,
    },
    ...(canWrite
      ? [
          {
            title: '',
            key: 'actions',
            width: 140,
            render: (_: unknown, a: RescueAgreement) =>
              a.state === 'retired' ? null : (
                <Space>
                  <Typography.Link onClick={() => setEditing(a)}>{t('rescue.agreements.renew')}</Typography.Link>
                  <Typography.Link type="danger" onClick={() => retire(a)}>
                    {t('rescue.agreements.retire')}
                  </Typography.Link>
                </Space>
              ),
          },
        ]
      : []),
  ];
  return (
    <>
      <ListPage<RescueAgreement>
        title={t('rescue.agreements.title')}
        testId="agreement-table"
        extra={
          <Space wrap>
            <RescueLinks />
            {canWrite && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t('rescue.agreements.new')}
              </Button>
            )}
          </Space>
        }
        filters={
          <Row gutter={[8, 8]}>
            <Col xs={12} md={5}>
              <Select
                allowClear
                style={{ width: '100%' }}
                placeholder={t('rescue.agreements.state')}
                value={query.state}
                options={Object.keys(AGREEMENT_STATE_LABELS).map((s) => ({
                  value: s,
                  label: t(`rescue.agreements.states.${s}`),
                }))}
                onChange={(v?: string) => set({ state: v })}
              />
            </Col>
            {me?.org.kind === 'bureau' && (
              <Col xs={12} md={7}>
                <RegionCascader value={query.regionCode} onChange={(v) => set({ regionCode: v })} />
              </Col>
            )}
            <Col xs={6} md={3}>
              <Button block onClick={reset}>
                {t('common.reset')}
              </Button>
            </Col>
          </Row>
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
      {(creating || editing) && (
        <AgreementModal
          editing={editing}
          onClose={() => {
            setCreating(false);
            setEditing(null);
          }}
        />
      )}
    </>
  );
}
