/**
 * 危险源普查 (/hazards/censuses): the campaigns the bureau sees (its own, its parents' covering it, its children's),
 * 发起普查 for census.write, and the selected campaign's progress — enterprises asked (operating, in the campaign's
 * sectors), those that have declared (申报), the rate and the units declared — in the region and per child region,
 * with drill-down into a child and 返回上级. The campaign and the region are in the address bar.
 */

import { ArrowUpOutlined, PlusOutlined } from '@ant-design/icons';
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
  Progress,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  type TableProps,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { CensusProgressRow, CensusView } from '../../../contracts/hazards.js';
import { SECTORS, type Sector } from '../../../domain/enterprise.js';
import { levelOfCode } from '../../../domain/region-code.js';
import { ApiError } from '../../api/client.js';
import { useMe } from '../../api/queries.js';
import { validValues } from '../../components/form-issues.js';
import { formatTime } from '../../components/format.js';
import { RegionCascader } from '../../components/RegionCascader.js';
import { SaveModal } from '../../components/SaveModal.js';
import { mayDo } from '../../routes.js';
import { SectorTags } from '../enterprises/tags.js';
import { type CensusPhase, censusPhase, useCensuses, useCensusProgress, useCreateCensus } from './queries.js';

const PHASE_COLORS: Record<CensusPhase, string> = { upcoming: 'default', open: 'processing', closed: 'default' };

function PhaseTag({ census }: { census: CensusView }) {
  const { t } = useTranslation();
  const phase = censusPhase(census);
  return (
    <Tag color={PHASE_COLORS[phase]} data-testid="census-phase" data-phase={phase}>
      {t(`census.phase.${phase}`)}
    </Tag>
  );
}

interface CensusFormValues {
  name?: string;
  regionCode?: string;
  period?: [Dayjs, Dayjs] | null;
  sectors?: Sector[];
}

function CensusFormModal({ onClose, onSaved }: { onClose: () => void; onSaved: (c: CensusView) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<CensusFormValues>();
  const create = useCreateCensus();

  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    try {
      const census = await create.mutateAsync({
        name: v.name?.trim() ?? '',
        ...(v.regionCode ? { regionCode: v.regionCode } : {}),
        startsOn: v.period?.[0]?.format('YYYY-MM-DD') ?? '',
        endsOn: v.period?.[1]?.format('YYYY-MM-DD') ?? '',
        ...(v.sectors?.length ? { sectors: v.sectors } : {}),
      });
      message.success(t('census.created', { name: census.name }));
      onSaved(census);
    } catch (e) {
      if (e instanceof ApiError && e.fieldIssues.length) {
        const name = (path: string) => (path === 'startsOn' || path === 'endsOn' ? 'period' : path);
        form.setFields(
          e.fieldIssues.map((i) => ({ name: name(i.path) as keyof CensusFormValues, errors: [i.message] })),
        );
      } else {
        message.error(t('errors.generic', { message: e instanceof Error ? e.message : String(e) }));
      }
    }
  };

  return (
    <SaveModal
      open
      width={620}
      title={t('census.new')}
      saving={create.isPending}
      onCancel={onClose}
      onOk={() => void submit()}
    >
      <Form<CensusFormValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ period: [dayjs(), dayjs().add(2, 'month')] }}
        data-testid="census-form"
      >
        <Form.Item
          name="name"
          label={t('census.name')}
          rules={[{ required: true, whitespace: true, message: t('form.required', { field: t('census.name') }) }]}
        >
          <Input id="censusName" maxLength={100} placeholder={t('census.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="regionCode" label={t('census.region')} extra={t('census.regionHint')}>
          <RegionCascader style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="period"
          label={t('census.period')}
          rules={[{ required: true, message: t('form.select', { field: t('census.period') }) }]}
        >
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="sectors" label={t('census.sectors')} extra={t('census.sectorsHint')}>
          <Select mode="multiple" allowClear options={SECTORS.map((s) => ({ value: s, label: t(`sector.${s}`) }))} />
        </Form.Item>
      </Form>
    </SaveModal>
  );
}

function RateBar({ row }: { row: CensusProgressRow }) {
  const { t } = useTranslation();
  if (row.rate === null) return <Typography.Text type="secondary">{t('census.noEnterprises')}</Typography.Text>;
  const status = row.rate >= 100 ? 'success' : 'normal';
  return <Progress percent={row.rate} size="small" status={status} format={() => `${row.rate}%`} />;
}

function ProgressCard({ census }: { census: CensusView }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const regionCode = params.get('regionCode') ?? undefined;
  // The regions drilled down from, so 返回上级 goes back the way the user came.
  const [trail, setTrail] = useState<(string | undefined)[]>([]);
  const progress = useCensusProgress(census.id, regionCode);
  const p = progress.data?.census.id === census.id ? progress.data : undefined;
  // Regions with enterprises asked; those without are only counted.
  const rows = (p?.children ?? []).filter((r) => r.enterprises > 0);
  const empty = (p?.children.length ?? 0) - rows.length;

  const setRegion = (code: string | undefined) => {
    const next = new URLSearchParams(params);
    if (code) next.set('regionCode', code);
    else next.delete('regionCode');
    setParams(next, { replace: true });
  };
  const drill = (code: string) => {
    setTrail((x) => [...x, regionCode]);
    setRegion(code);
  };
  const up = () => {
    setRegion(trail[trail.length - 1]);
    setTrail((x) => x.slice(0, -1));
  };

  const columns: TableProps<CensusProgressRow>['columns'] = [
    {
      title: t('census.childRegion'),
      dataIndex: 'name',
      width: 160,
      fixed: 'left',
      render: (name: string, r) =>
        p && r.code !== p.region.code && levelOfCode(r.code) !== 'town' && r.enterprises > 0 ? (
          <Button type="link" size="small" style={{ padding: 0 }} onClick={() => drill(r.code)}>
            {name}
          </Button>
        ) : (
          name
        ),
    },
    { title: t('census.rate'), key: 'rate', width: 220, render: (_: unknown, r) => <RateBar row={r} /> },
    { title: t('census.enterprises'), dataIndex: 'enterprises', width: 100, align: 'right' },
    { title: t('census.returned'), dataIndex: 'returned', width: 90, align: 'right' },
    {
      title: t('census.pending'),
      key: 'pending',
      width: 90,
      align: 'right',
      render: (_: unknown, r) => r.enterprises - r.returned,
    },
    { title: t('census.units'), dataIndex: 'units', width: 100, align: 'right' },
    { title: t('census.majorUnits'), dataIndex: 'majorUnits', width: 130, align: 'right' },
  ];

  return (
    <Card
      title={
        <Space wrap size={8}>
          <span>{t('census.progressTitle', { name: census.name })}</span>
          {p && <Tag data-testid="census-region">{p.region.name}</Tag>}
        </Space>
      }
      extra={
        trail.length > 0 ? (
          <Button icon={<ArrowUpOutlined />} onClick={up} data-testid="census-up">
            {t('census.up')}
          </Button>
        ) : null
      }
      styles={{ body: { padding: 12 } }}
      data-testid="census-progress"
      data-region={p?.region.code}
    >
      {progress.error ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('common.loadFailed', { message: progress.error.message })}
        />
      ) : null}
      {p && (
        <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
          <Col xs={12} md={5}>
            <Statistic title={t('census.enterprises')} value={p.region.enterprises} data-testid="census-enterprises" />
          </Col>
          <Col xs={12} md={5}>
            <Statistic title={t('census.returned')} value={p.region.returned} data-testid="census-returned" />
          </Col>
          <Col xs={12} md={4}>
            <Statistic
              title={t('census.rate')}
              value={p.region.rate ?? '—'}
              suffix={p.region.rate === null ? undefined : '%'}
              data-testid="census-rate"
            />
          </Col>
          <Col xs={12} md={5}>
            <Statistic title={t('census.units')} value={p.region.units} />
          </Col>
          <Col xs={12} md={5}>
            <Statistic title={t('census.majorUnits')} value={p.region.majorUnits} />
          </Col>
        </Row>
      )}
      <Table<CensusProgressRow>
        data-testid="census-children"
        size="small"
        bordered
        rowKey="code"
        columns={columns}
        dataSource={rows}
        loading={progress.isFetching}
        pagination={false}
        scroll={{ x: 890 }}
      />
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
        {empty > 0 && `${t('census.emptyRegions', { count: empty })} `}
        {t('census.note')}
      </Typography.Paragraph>
    </Card>
  );
}

export function CensusPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const censuses = useCensuses();
  const items = censuses.data?.items ?? [];
  // The campaign in the address bar, else the latest one.
  const selected = items.find((c) => c.id === params.get('census')) ?? items[0];

  const select = (id: string) => {
    if (id === selected?.id) return;
    setParams(new URLSearchParams({ census: id }), { replace: true });
  };

  const columns: TableProps<CensusView>['columns'] = [
    {
      title: t('census.name'),
      dataIndex: 'name',
      width: 280,
      render: (v: string, c) => (
        <Typography.Link strong={c.id === selected?.id} onClick={() => select(c.id)}>
          {v}
        </Typography.Link>
      ),
    },
    { title: t('census.region'), dataIndex: 'regionName', width: 140, ellipsis: true },
    {
      title: t('census.period'),
      key: 'period',
      width: 210,
      render: (_: unknown, c) => `${c.startsOn} ～ ${c.endsOn}`,
    },
    { title: t('census.state'), key: 'phase', width: 90, render: (_: unknown, c) => <PhaseTag census={c} /> },
    {
      title: t('census.sectors'),
      dataIndex: 'sectors',
      width: 200,
      render: (v: Sector[]) => (v.length ? <SectorTags sectors={v} /> : t('census.allSectors')),
    },
    { title: t('census.createdAt'), dataIndex: 'createdAt', width: 140, render: (v: string) => formatTime(v) },
  ];

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card
        title={t('census.title')}
        extra={
          mayDo(me, 'census.write') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="census-new">
              {t('census.new')}
            </Button>
          ) : null
        }
        styles={{ body: { padding: 12 } }}
      >
        {censuses.error ? (
          <Alert type="error" showIcon title={t('common.loadFailed', { message: censuses.error.message })} />
        ) : (
          <Table<CensusView>
            data-testid="census-list"
            size="small"
            rowKey="id"
            columns={columns}
            dataSource={items}
            loading={censuses.isFetching}
            pagination={items.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
            scroll={{ x: 1060 }}
            rowClassName={(c) => (c.id === selected?.id ? 'ant-table-row-selected' : '')}
            onRow={(c) => ({ onClick: () => select(c.id), style: { cursor: 'pointer' } })}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('census.empty')} /> }}
          />
        )}
      </Card>
      {selected && <ProgressCard key={selected.id} census={selected} />}
      {creating && (
        <CensusFormModal
          onClose={() => setCreating(false)}
          onSaved={(c) => {
            setCreating(false);
            select(c.id);
          }}
        />
      )}
    </Space>
  );
}
