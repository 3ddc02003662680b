/**
 * 应急资源 (/rescue-resources): teams, equipment and experts of the jurisdiction (an enterprise: its own), by kind in
 * tabs, filtered in the address bar by specialty, region and text; a row opens its card with the revisions (and a
 * team's agreements). The admin and duty room register, edit and retire resources, and import or export them.
 */
import { AimOutlined, BarChartOutlined, DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Checkbox,
  Col,
  Descriptions,
  Drawer,
  Input,
  Modal,
  Row,
  Select,
  Space,
  Table,
  type TableProps,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  RESOURCE_KINDS,
  type RescueResource,
  type ResourceKind,
  SPECIALTIES,
} from '../../../contracts/rescue-resources.js';
import { ApiError, api, uuid } from '../../api/client.js';
import { useMe } from '../../api/queries.js';
import { FileDropper } from '../../components/FileDropper.js';
import { ListPage } from '../../components/ListPage.js';
import { RegionCascader } from '../../components/RegionCascader.js';
import { filterQuery, useUrlFilters } from '../../components/use-url-filters.js';
import { mayDo } from '../../routes.js';
import { rescueKeys, useRescueWrite, useResource, useResources } from './queries.js';
import { ResourceFormModal } from './ResourceFormModal.js';
import { KIND_COLORS } from './ResourceMap.js';

const FILTER_KEYS = ['kind', 'specialty', 'regionCode', 'q'] as const;

export function SpecialtyTags({ values }: { values: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <>
      {values.map((s) => (
        <Tag key={s}>{t(`rescue.specialtyNames.${s}`)}</Tag>
      ))}
    </>
  );
}

export function RescueLinks() {
  const { t } = useTranslation();
  const me = useMe().data;
  if (me?.org.kind !== 'bureau') return null;
  return (
    <Space wrap>
      <Link to="/rescue-resources/nearest">
        <Button icon={<AimOutlined />}>{t('rescue.nearest.open')}</Button>
      </Link>
      <Link to="/rescue-resources/agreements">
        <Button>{t('rescue.agreements.open')}</Button>
      </Link>
      <Link to="/rescue-resources/uncovered">
        <Button>{t('rescue.uncovered.open')}</Button>
      </Link>
      <Link to="/rescue-resources/stats">
        <Button icon={<BarChartOutlined />}>{t('rescue.stats.open')}</Button>
      </Link>
    </Space>
  );
}

/** What a resource is, in one line: level and members, type and quantity, or organisation and title. */
function summaryOf(r: RescueResource, t: (k: string) => string): string {
  if (r.kind === 'team')
    return `${r.level ? t(`rescue.levels.${r.level}`) : ''} · ${r.members ?? 0}人 · ${r.dutyPhone ?? ''}`;
  if (r.kind === 'equipment')
    return `${r.equipmentType ?? ''} × ${r.quantity ?? 0}${r.unit ?? ''} · ${r.ownerName ?? ''}`;
  return [r.organization, r.title, r.contactPhone].filter(Boolean).join(' · ');
}

export function ResourceDrawer({
  id,
  onClose,
  onEdit,
}: {
  id: string | null;
  onClose: () => void;
  onEdit?: (r: RescueResource) => void;
}) {
  const { t } = useTranslation();
  const me = useMe().data;
  const detail = useResource(id);
  const r = detail.data;
  const today = new Date().toISOString().slice(0, 10);
  return (
    <Drawer open={id !== null} onClose={onClose} size="large" title={r?.name} data-testid="rescue-drawer">
      {r && (
        <Space orientation="vertical" style={{ width: '100%' }} size="large">
          <Descriptions column={2} size="small" bordered>
            <Descriptions.Item label={t('rescue.kind')}>
              <Tag color={KIND_COLORS[r.kind]}>{t(`rescue.kinds.${r.kind}`)}</Tag>
              {r.retiredAt && <Tag color="default">{t('rescue.retired')}</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label={t('rescue.region')}>{r.regionName}</Descriptions.Item>
            <Descriptions.Item label={t('rescue.specialties')} span={2}>
              <SpecialtyTags values={r.specialties} />
            </Descriptions.Item>
            <Descriptions.Item label={t('rescue.address')} span={2}>
              {r.address || '—'}（{r.lng.toFixed(4)}, {r.lat.toFixed(4)}）
            </Descriptions.Item>
            {r.enterpriseName && (
              <Descriptions.Item label={t('rescue.enterprise')}>{r.enterpriseName}</Descriptions.Item>
            )}
            {r.kind === 'team' && (
              <>
                <Descriptions.Item label={t('rescue.level')}>
                  {r.level && t(`rescue.levels.${r.level}`)}
                </Descriptions.Item>
                <Descriptions.Item label={t('rescue.members')}>{r.members}</Descriptions.Item>
                <Descriptions.Item label={t('rescue.dutyPhone')}>{r.dutyPhone}</Descriptions.Item>
                <Descriptions.Item label={t('rescue.readiness')}>
                  {r.readiness && t(`rescue.readinessNames.${r.readiness}`)}
                </Descriptions.Item>
              </>
            )}
            {r.kind === 'equipment' && (
              <>
                <Descriptions.Item label={t('rescue.equipmentType')}>{r.equipmentType}</Descriptions.Item>
                <Descriptions.Item label={t('rescue.quantity')}>
                  {r.quantity} {r.unit}
                </Descriptions.Item>
                <Descriptions.Item label={t('rescue.ownerName')}>{r.ownerName}</Descriptions.Item>
                <Descriptions.Item label={t('rescue.nextMaintenanceOn')}>
                  <Typography.Text type={r.nextMaintenanceOn && r.nextMaintenanceOn < today ? 'danger' : undefined}>
                    {r.maintainedOn ?? '—'} → {r.nextMaintenanceOn ?? '—'}
                  </Typography.Text>
                </Descriptions.Item>
              </>
            )}
            {r.kind === 'expert' && (
              <>
                <Descriptions.Item label={t('rescue.organization')}>{r.organization ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('rescue.titleField')}>{r.title ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('rescue.availability')}>
                  {r.availability && t(`rescue.availabilityNames.${r.availability}`)}
                </Descriptions.Item>
              </>
            )}
            <Descriptions.Item label={t('rescue.contactName')}>
              {[r.contactName, r.contactPhone].filter(Boolean).join(' ') || '—'}
            </Descriptions.Item>
          </Descriptions>
          {onEdit && !r.retiredAt && mayDo(me, 'rescue.write') && (
            <Button onClick={() => onEdit(r)} data-testid="rescue-edit">
              {t('rescue.edit')}
            </Button>
          )}
          {r.kind === 'team' && r.agreements.length > 0 && (
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              title={() => t('rescue.agreements.title')}
              dataSource={r.agreements}
              columns={[
                { title: t('rescue.agreements.enterprise'), dataIndex: 'enterpriseName' },
                { title: t('rescue.agreements.validTo'), dataIndex: 'validTo', width: 110 },
                {
                  title: t('rescue.agreements.state'),
                  dataIndex: 'state',
                  width: 90,
                  render: (s: string) => t(`rescue.agreements.states.${s}`),
                },
              ]}
            />
          )}
          <div>
            <Typography.Title level={5}>{t('rescue.revisions')}</Typography.Title>
            <Timeline
              items={r.revisions.map((v) => ({
                content: `v${v.version} ${t(`rescue.revisionChanges.${v.change}`)} · ${v.actorName} · ${new Date(v.at).toLocaleString()}`,
              }))}
            />
          </div>
        </Space>
      )}
    </Drawer>
  );
}

interface ImportResult {
  total: number;
  created: number;
  duplicates: number;
  invalid: number;
  rows: {
    line: number;
    sheet: string;
    status: string;
    name?: string;
    problems?: { header?: string; field: string; message: string }[];
  }[];
}

function ImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);
  const queryClient = useQueryClient();
  const start = async () => {
    if (!file) return;
    const body = new FormData();
    body.append('file', file);
    setBusy(true);
    try {
      const r = await api<ImportResult>('/api/rescue-resources/import', {
        method: 'POST',
        body,
        query: { dryRun: dryRun ? 'true' : 'false' },
        headers: { 'idempotency-key': uuid() },
      });
      setResult(r);
      void queryClient.invalidateQueries({ queryKey: rescueKeys.all });
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={t('rescue.importTitle')}
      width={820}
      onCancel={onClose}
      onOk={() => void start()}
      okText={t('rescue.startImport')}
      confirmLoading={busy}
      okButtonProps={{ disabled: !file }}
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary">
          {t('rescue.importHint')}{' '}
          <a href="/api/rescue-resources/import/template" download>
            {t('rescue.template')}
          </a>
        </Typography.Paragraph>
        <FileDropper
          file={file}
          disabled={busy}
          onPick={setFile}
          onRemove={() => setFile(null)}
          testId="rescue-import-file"
        />
        <Checkbox checked={dryRun} onChange={(e) => setDryRun(e.target.checked)}>
          {t('rescue.dryRun')}
        </Checkbox>
        {result && (
          <>
            <Typography.Text strong data-testid="rescue-import-result">
              {t('rescue.importResult', {
                total: result.total,
                created: result.created,
                duplicates: result.duplicates,
                invalid: result.invalid,
              })}
            </Typography.Text>
            <Table
              size="small"
              rowKey={(r) => `${r.sheet}-${r.line}`}
              pagination={{ pageSize: 10 }}
              dataSource={result.rows.filter((r) => r.status !== 'created')}
              columns={[
                { title: t('rescue.sheet'), dataIndex: 'sheet', width: 90 },
                { title: t('rescue.row'), dataIndex: 'line', width: 60 },
                { title: t('rescue.name'), dataIndex: 'name', width: 160 },
                {
                  title: t('rescue.problems'),
                  dataIndex: 'problems',
                  render: (ps: ImportResult['rows'][number]['problems']) =>
                    (ps ?? []).map((p) => `${p.header ?? p.field}：${p.message}`).join('；'),
                },
              ]}
            />
          </>
        )}
      </Space>
    </Modal>
  );
}

export function RescueResourcesPage() {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const me = useMe().data;
  const { query, params, set, reset } = useUrlFilters(FILTER_KEYS);
  const list = useResources(query);
  const [open, setOpen] = useState<string | null>(null);
  const [editing, setEditing] = useState<RescueResource | null>(null);
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const write = useRescueWrite();
  const canWrite = mayDo(me, 'rescue.write');
  const today = new Date().toISOString().slice(0, 10);

  const retire = (r: RescueResource) => {
    let reason = '';
    modal.confirm({
      title: `${t('rescue.retire')} · ${r.name}`,
      content: <Input placeholder={t('rescue.retireReason')} onChange={(e) => (reason = e.target.value)} />,
      onOk: () =>
        write.mutateAsync({
          path: `/api/rescue-resources/${r.id}/retire`,
          method: 'POST',
          body: { reason: reason.trim() || t('rescue.retire'), version: r.version },
        }),
    });
  };

  const columns: TableProps<RescueResource>['columns'] = [
    {
      title: t('rescue.name'),
      dataIndex: 'name',
      render: (v: string, r) => (
        <Space orientation="vertical" size={0}>
          <Typography.Link onClick={() => setOpen(r.id)}>{v}</Typography.Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {summaryOf(r, t)}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('rescue.kind'),
      dataIndex: 'kind',
      width: 100,
      render: (k: ResourceKind) => <Tag color={KIND_COLORS[k]}>{t(`rescue.kinds.${k}`)}</Tag>,
    },
    {
      title: t('rescue.specialties'),
      dataIndex: 'specialties',
      width: 200,
      render: (s: string[]) => <SpecialtyTags values={s} />,
    },
    { title: t('rescue.region'), dataIndex: 'regionName', width: 200, ellipsis: true },
    {
      title: t('rescue.nextMaintenanceOn'),
      dataIndex: 'nextMaintenanceOn',
      width: 120,
      render: (v: string | null) =>
        v ? <Typography.Text type={v < today ? 'danger' : undefined}>{v}</Typography.Text> : '—',
    },
    ...(canWrite
      ? [
          {
            title: '',
            key: 'actions',
            width: 130,
            render: (_: unknown, r: RescueResource) => (
              <Space>
                <Typography.Link onClick={() => setEditing(r)}>{t('rescue.edit')}</Typography.Link>
                <Typography.Link type="danger" onClick={() => retire(r)}>
                  {t('rescue.retire')}
                </Typography.Link>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <Tabs
        activeKey={query.kind ?? 'all'}
        onChange={(k) => set({ kind: k === 'all' ? undefined : k })}
        items={['all', ...RESOURCE_KINDS].map((k) => ({ key: k, label: t(`rescue.tabs.${k}`) }))}
      />
      <ListPage<RescueResource>
        title={t('rescue.title')}
        testId="rescue-table"
        extra={
          <Space wrap>
            <RescueLinks />
            <Button
              icon={<DownloadOutlined />}
              href={`/api/rescue-resources/export.xlsx?${filterQuery(params, FILTER_KEYS)}`}
              download
            >
              {t('rescue.export')}
            </Button>
            {canWrite && (
              <>
                <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
                  {t('rescue.import')}
                </Button>
                <Button
                  type="primary"
                  icon={<PlusOutlined />}
                  onClick={() => setCreating(true)}
                  data-testid="rescue-new"
                >
                  {t('rescue.new')}
                </Button>
              </>
            )}
          </Space>
        }
        filters={
          <Row gutter={[8, 8]}>
            <Col xs={12} md={5}>
              <Select
                allowClear
                style={{ width: '100%' }}
                placeholder={t('rescue.specialty')}
                value={query.specialty}
                options={SPECIALTIES.map((v) => ({ value: v, label: t(`rescue.specialtyNames.${v}`) }))}
                onChange={(v?: string) => set({ specialty: v })}
              />
            </Col>
            {me?.org.kind === 'bureau' && (
              <Col xs={12} md={7}>
                <RegionCascader value={query.regionCode} onChange={(v) => set({ regionCode: v })} />
              </Col>
            )}
            <Col xs={12} md={6}>
              <Input.Search
                key={query.q ?? ''}
                allowClear
                defaultValue={query.q}
                placeholder={t('rescue.search')}
                onSearch={(q) => set({ q: q.trim() || undefined })}
              />
            </Col>
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
      <ResourceDrawer id={open} onClose={() => setOpen(null)} onEdit={(r) => setEditing(r)} />
      {(creating || editing) && (
        <ResourceFormModal
          open
          editing={editing}
          initialKind={query.kind as ResourceKind | undefined}
          onClose={() => {
            setCreating(false);
            setEditing(null);
          }}
        />
      )}
      <ImportModal open={importing} onClose={() => setImporting(false)} />
    </>
  );
}
