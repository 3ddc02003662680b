/** 值班值守: roster (排班), duty log with 转为快报 (值班记录), handover notes (交接班). */
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Form,
  Input,
  Row,
  Select,
  Space,
  Table,
  type TableProps,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { DUTY_CHANNELS, MAX_OFFICERS } from '../../../contracts/duty.js';
import { ApiError, api } from '../../api/client.js';
import { queryKeys, useDutyLog, useDutyShifts, useDutyStaff, useHandovers, useMe } from '../../api/queries.js';
import type { DutyChannel, DutyLogEntry, DutyShift, Handover } from '../../api/types.js';
import { formatTime, toIsoWithOffset } from '../../components/format.js';
import { ListPage } from '../../components/ListPage.js';
import { RegionCascader } from '../../components/RegionCascader.js';
import { SaveModal } from '../../components/SaveModal.js';
import { mayDo } from '../../routes.js';

const CHANNELS = DUTY_CHANNELS;

function Unavailable() {
  const { t } = useTranslation();
  return <Alert type="info" showIcon title={t('common.unavailable')} style={{ marginBottom: 12 }} />;
}

function useDutyMutation<B>(path: string, done: () => void) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { t } = useTranslation();
  return useMutation({
    mutationFn: (body: B) => api(path, { body: body as object }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.duty });
      message.success(t('common.saved'));
      done();
    },
    onError: (e) => message.error(e instanceof ApiError ? e.message : String(e)),
  });
}

// ——————————————————————————————————————————— 排班

function RosterTab({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation();
  const [week, setWeek] = useState<Dayjs>(dayjs().startOf('week'));
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ range: [Dayjs, Dayjs]; leaderName?: string; officerIds?: string[]; phone?: string }>();
  const staff = useDutyStaff({ enabled: canWrite && open });
  const shifts = useDutyShifts({
    from: toIsoWithOffset(week),
    to: toIsoWithOffset(week.add(7, 'day')),
  });
  const add = useDutyMutation<object>('/api/duty/shifts', () => setOpen(false));
  const columns: TableProps<DutyShift>['columns'] = [
    {
      title: t('duty.shiftTime'),
      key: 'time',
      render: (_: unknown, s) => (
        <>
          {formatTime(s.startsAt)} — {formatTime(s.endsAt)}{' '}
          {s.onDutyNow && <Tag color="green">{t('duty.onDutyNow')}</Tag>}
        </>
      ),
    },
    { title: t('duty.org'), dataIndex: 'orgName', width: 180 },
    { title: t('duty.leaderName'), dataIndex: 'leaderName', width: 120, render: (v) => v ?? '—' },
    {
      title: t('duty.officers'),
      dataIndex: 'officers',
      render: (o: DutyShift['officers']) => o?.map((x) => x.name).join('、') || '—',
    },
    { title: t('duty.phone'), dataIndex: 'phone', width: 140, render: (v) => v ?? '—' },
  ];
  return (
    <Card
      size="small"
      title={
        <DatePicker picker="week" value={week} allowClear={false} onChange={(v) => v && setWeek(v.startOf('week'))} />
      }
      extra={
        canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            {t('duty.addShift')}
          </Button>
        )
      }
    >
      {shifts.data?.unavailable && <Unavailable />}
      <Table<DutyShift>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={shifts.data?.items ?? []}
        loading={shifts.isPending}
        pagination={false}
        scroll={{ x: 760 }}
      />
      <SaveModal
        open={open}
        title={t('duty.addShift')}
        onCancel={() => setOpen(false)}
        saving={add.isPending}
        onOk={async () => {
          const v = await form.validateFields();
          add.mutate({
            startsAt: toIsoWithOffset(v.range[0]),
            endsAt: toIsoWithOffset(v.range[1]),
            leaderName: v.leaderName?.trim() || undefined,
            officerIds: v.officerIds?.length ? v.officerIds : undefined,
            phone: v.phone?.trim() || undefined,
          });
        }}
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            name="range"
            label={t('duty.shiftTime')}
            rules={[{ required: true, message: t('form.select', { field: t('duty.shiftTime') }) }]}
          >
            <DatePicker.RangePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              style={{ width: '100%' }}
            />
          </Form.Item>
          <Form.Item name="leaderName" label={t('duty.leaderName')}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item
            name="officerIds"
            label={t('duty.officers')}
            rules={[{ type: 'array', max: MAX_OFFICERS, message: t('duty.tooManyOfficers', { max: MAX_OFFICERS }) }]}
          >
            <Select
              mode="multiple"
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              loading={staff.isPending}
              placeholder={t('duty.officersPlaceholder')}
              notFoundContent={staff.isPending ? t('common.loading') : undefined}
              // Display names carry the post already, e.g. 王立新（值班员）.
              options={(staff.data?.items ?? []).map((p) => ({ value: p.id, label: p.displayName }))}
              data-testid="shift-officers"
            />
          </Form.Item>
          <Form.Item name="phone" label={t('duty.phone')}>
            <Input maxLength={30} />
          </Form.Item>
        </Form>
      </SaveModal>
    </Card>
  );
}

// ——————————————————————————————————————————— 值班记录

interface LogForm {
  channel: DutyChannel;
  receivedAt: Dayjs;
  callerName?: string;
  callerPhone?: string;
  callerUnit?: string;
  content: string;
  accidentRegionCode?: string;
}

function LogTab({ canWrite, canCreateReport }: { canWrite: boolean; canCreateReport: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [filters, setFilters] = useState<{ channel?: string; converted?: string; q?: string }>({});
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<LogForm>();
  const log = useDutyLog({ ...page, ...filters });
  const add = useDutyMutation<object>('/api/duty/log', () => setOpen(false));

  const convert = (e: DutyLogEntry) => {
    const params = new URLSearchParams({ dutyLogId: e.id, receivedAt: e.receivedAt, summary: e.content });
    if (e.accidentRegionCode) params.set('regionCode', e.accidentRegionCode);
    // The caller's unit, name and phone become the report's unit and reporter; the officer checks them.
    if (e.callerUnit) params.set('unitName', e.callerUnit);
    if (e.callerName) params.set('reporterName', e.callerName);
    if (e.callerPhone) params.set('reporterPhone', e.callerPhone);
    void navigate(`/accidents/new?${params.toString()}`);
  };

  const columns: TableProps<DutyLogEntry>['columns'] = [
    { title: t('duty.logReceivedAt'), dataIndex: 'receivedAt', width: 140, render: (v: string) => formatTime(v) },
    { title: t('duty.channel'), dataIndex: 'channel', width: 90, render: (v: DutyChannel) => t(`duty.channels.${v}`) },
    {
      title: t('duty.callerName'),
      key: 'caller',
      width: 200,
      render: (_: unknown, e) => [e.callerName, e.callerUnit, e.callerPhone].filter(Boolean).join(' · ') || '—',
    },
    { title: t('duty.content'), dataIndex: 'content', ellipsis: true },
    { title: t('duty.loggedBy'), key: 'by', width: 100, render: (_: unknown, e) => e.loggedBy?.name ?? '—' },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      fixed: 'right',
      render: (_: unknown, e) =>
        e.accidentId ? (
          <Link to={`/accidents/${e.accidentId}`}>{t('duty.converted')}</Link>
        ) : canCreateReport ? (
          <Button size="small" type="primary" ghost onClick={() => convert(e)}>
            {t('duty.convert')}
          </Button>
        ) : null,
    },
  ];

  return (
    <>
      {log.data?.unavailable && <Unavailable />}
      <ListPage<DutyLogEntry>
        title={t('duty.log')}
        extra={
          <Space>
            <Button
              icon={<DownloadOutlined />}
              href={`/api/duty/log/export.xlsx?${new URLSearchParams(
                Object.entries(filters).filter((e): e is [string, string] => !!e[1]),
              ).toString()}`}
              download
              data-testid="duty-log-export"
            >
              {t('list.export')}
            </Button>
            {canWrite && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
                {t('duty.newLog')}
              </Button>
            )}
          </Space>
        }
        filters={
          <Row gutter={[8, 8]}>
            <Col xs={12} md={6}>
              <Select
                allowClear
                style={{ width: '100%' }}
                placeholder={t('duty.channel')}
                options={CHANNELS.map((c) => ({ value: c, label: t(`duty.channels.${c}`) }))}
                onChange={(v?: string) => setFilters((f) => ({ ...f, channel: v }))}
              />
            </Col>
            <Col xs={12} md={6}>
              <Select
                allowClear
                style={{ width: '100%' }}
                placeholder={t('duty.convertedFilter')}
                options={[
                  { value: 'true', label: t('common.yes') },
                  { value: 'false', label: t('common.no') },
                ]}
                onChange={(v?: string) => setFilters((f) => ({ ...f, converted: v }))}
              />
            </Col>
            <Col xs={24} md={12}>
              <Input.Search
                allowClear
                enterButton={t('common.search')}
                onSearch={(q) => setFilters((f) => ({ ...f, q: q.trim() || undefined }))}
              />
            </Col>
          </Row>
        }
        columns={columns}
        rowKey="id"
        data={log.data}
        loading={log.isFetching}
        error={log.error}
        page={page.page}
        pageSize={page.pageSize}
        onPageChange={(p, s) => setPage({ page: p, pageSize: s })}
        scrollX={900}
      />
      <SaveModal
        open={open}
        title={t('duty.newLog')}
        onCancel={() => setOpen(false)}
        saving={add.isPending}
        onOk={async () => {
          const v = await form.validateFields();
          add.mutate({
            channel: v.channel,
            receivedAt: toIsoWithOffset(v.receivedAt),
            callerName: v.callerName?.trim() || undefined,
            callerPhone: v.callerPhone?.trim() || undefined,
            callerUnit: v.callerUnit?.trim() || undefined,
            content: v.content.trim(),
            accidentRegionCode: v.accidentRegionCode,
          });
        }}
      >
        <Form form={form} layout="vertical" preserve={false} initialValues={{ channel: 'phone', receivedAt: dayjs() }}>
          <Row gutter={12}>
            <Col xs={24} md={10}>
              <Form.Item name="channel" label={t('duty.channel')} rules={[{ required: true }]}>
                <Select options={CHANNELS.map((c) => ({ value: c, label: t(`duty.channels.${c}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={14}>
              <Form.Item name="receivedAt" label={t('duty.logReceivedAt')} rules={[{ required: true }]}>
                <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="callerName" label={t('duty.callerName')}>
                <Input maxLength={50} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="callerPhone" label={t('duty.callerPhone')}>
                <Input maxLength={30} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="callerUnit" label={t('duty.callerUnit')}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            name="content"
            label={t('duty.content')}
            rules={[{ required: true, whitespace: true, message: t('form.required', { field: t('duty.content') }) }]}
          >
            <Input.TextArea rows={4} maxLength={5000} />
          </Form.Item>
          <Form.Item name="accidentRegionCode" label={t('duty.accidentRegion')}>
            <RegionCascader countyOnly style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </SaveModal>
    </>
  );
}

// ——————————————————————————————————————————— 交接班

function HandoverTab({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ notes: string; pendingItems?: string; receivedByName?: string }>();
  const handovers = useHandovers();
  const add = useDutyMutation<object>('/api/duty/handovers', () => form.resetFields());
  const items = handovers.data?.items ?? [];
  return (
    <Row gutter={[12, 12]}>
      {canWrite && (
        <Col xs={24} lg={10}>
          <Card size="small" title={t('duty.newHandover')}>
            <Form
              form={form}
              layout="vertical"
              onFinish={(v) =>
                add.mutate({
                  notes: v.notes.trim(),
                  pendingItems: v.pendingItems?.trim() || undefined,
                  receivedByName: v.receivedByName?.trim() || undefined,
                })
              }
            >
              <Form.Item
                name="notes"
                label={t('duty.handoverNotes')}
                rules={[
                  { required: true, whitespace: true, message: t('form.required', { field: t('duty.handoverNotes') }) },
                ]}
              >
                <Input.TextArea rows={4} maxLength={5000} />
              </Form.Item>
              <Form.Item name="pendingItems" label={t('duty.pendingItems')}>
                <Input.TextArea rows={3} maxLength={5000} />
              </Form.Item>
              <Form.Item name="receivedByName" label={t('duty.receivedByName')}>
                <Input maxLength={50} />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={add.isPending}>
                {t('common.submit')}
              </Button>
            </Form>
          </Card>
        </Col>
      )}
      <Col xs={24} lg={canWrite ? 14 : 24}>
        <Card size="small" title={t('duty.handover')}>
          {handovers.data?.unavailable && <Unavailable />}
          {items.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
          ) : (
            items.map((h: Handover) => (
              <Card key={h.id} size="small" style={{ marginBottom: 8 }} type="inner" title={formatTime(h.createdAt)}>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>
                  {h.notes}
                </Typography.Paragraph>
                {h.pendingItems && (
                  <Typography.Paragraph type="warning" style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>
                    {t('duty.pendingItems')}：{h.pendingItems}
                  </Typography.Paragraph>
                )}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('duty.handedOverBy')}：{h.handedBy.name} · {t('duty.receivedByName')}：{h.receivedByName ?? '—'}
                </Typography.Text>
              </Card>
            ))
          )}
        </Card>
      </Col>
    </Row>
  );
}

export function DutyPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const [params, setParams] = useSearchParams();
  const canWrite = mayDo(me, 'duty.write');
  const tab = params.get('tab') ?? 'log';
  return (
    <Card title={t('duty.title')} styles={{ body: { paddingTop: 0 } }}>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        items={[
          { key: 'roster', label: t('duty.roster'), children: <RosterTab canWrite={canWrite} /> },
          {
            key: 'log',
            label: t('duty.log'),
            children: <LogTab canWrite={canWrite} canCreateReport={mayDo(me, 'accident.create')} />,
          },
          { key: 'handover', label: t('duty.handover'), children: <HandoverTab canWrite={canWrite} /> },
        ]}
      />
    </Card>
  );
}
