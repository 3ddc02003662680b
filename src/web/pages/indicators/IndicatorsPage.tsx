/**
 * 控制指标: a region's yearly caps and its children's — actual figures for the year to date against the caps and
 * the pace of the year, worst first — and, for the bureau that allocates, an edit dialog per child that shows the
 * warnings the server returns when the children add up to more than the parent.
 */
import { EditOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Row,
  Space,
  Table,
  type TableProps,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { type HTMLAttributes, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AllocationWarning, IndicatorBoard, IndicatorInput, IndicatorRow } from '../../../contracts/indicators.js';
import { ApiError } from '../../api/client.js';
import { useMe } from '../../api/queries.js';
import type { Me } from '../../api/types.js';
import { formatTime } from '../../components/format.js';
import { RegionCascader } from '../../components/RegionCascader.js';
import { SaveModal } from '../../components/SaveModal.js';
import { mayDo } from '../../routes.js';
import { useIndicatorBoard, useSetIndicator } from './queries.js';
import { IndicatorStatusTag, PaceBar, percent } from './status.js';

const INDICATORS = ['deaths', 'accidents', 'largerAccidents'] as const;
const NOTE_MAX = 500;

/** The bureau of the parent allocates; a province's administrator may also enter the province's own figures. */
function mayEdit(me: Me | null | undefined, board: IndicatorBoard | undefined, row: IndicatorRow): boolean {
  if (!me || !board || !mayDo(me, 'indicator.write')) return false;
  if (row.code !== board.region.code) return board.region.code === me.regionCode;
  return row.code === me.regionCode && me.regionLevel === 'province' && me.role === 'admin';
}

type FormValues = Omit<IndicatorInput, 'deathReductionPct' | 'accidentReductionPct'> & {
  deathReductionPct?: number | null;
  accidentReductionPct?: number | null;
};

function EditModal({ year, row, onClose }: { year: number; row: IndicatorRow; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const save = useSetIndicator();
  const [warnings, setWarnings] = useState<AllocationWarning[] | null>(null);
  const target = row.target;
  const count = (name: 'deathCap' | 'accidentCap' | 'largerAccidentCap') => (
    <Form.Item
      name={name}
      label={t(`indicators.${name}`)}
      rules={[{ required: true, message: t('indicators.required') }]}
    >
      <InputNumber min={0} max={1_000_000} precision={0} style={{ width: '100%' }} />
    </Form.Item>
  );
  const pct = (name: 'deathReductionPct' | 'accidentReductionPct') => (
    <Form.Item name={name} label={t(`indicators.${name}`)}>
      <InputNumber min={0} max={100} precision={2} step={0.5} style={{ width: '100%' }} />
    </Form.Item>
  );
  return (
    <SaveModal
      open
      title={t('indicators.editTitle', { name: row.name, year })}
      saving={save.isPending}
      onCancel={onClose}
      // After a save with warnings the dialog stays open to show them; 保存 then only closes it.
      onOk={async () => {
        if (warnings) return onClose();
        const v = await form.validateFields();
        const body: IndicatorInput = {
          deathCap: v.deathCap,
          accidentCap: v.accidentCap,
          largerAccidentCap: v.largerAccidentCap,
          deathReductionPct: v.deathReductionPct ?? null,
          accidentReductionPct: v.accidentReductionPct ?? null,
          note: v.note?.trim() || undefined,
        };
        try {
          const res = await save.mutateAsync({ year, regionCode: row.code, body });
          message.success(res.changed ? t('common.saved') : t('indicators.unchanged'));
          if (res.warnings.length) setWarnings(res.warnings);
          else onClose();
        } catch (e) {
          if (e instanceof ApiError && e.fieldIssues.length) {
            form.setFields(e.fieldIssues.map((i) => ({ name: i.path as keyof FormValues, errors: [i.message] })));
          } else message.error(e instanceof ApiError ? e.message : String(e));
        }
      }}
    >
      {warnings && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('indicators.warnings')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="indicator-warnings">
              {warnings.map((w) => (
                <li key={`${w.indicator}-${w.message}`}>{w.message}</li>
              ))}
            </ul>
          }
        />
      )}
      <Form<FormValues>
        form={form}
        layout="vertical"
        preserve={false}
        disabled={!!warnings}
        initialValues={{
          deathCap: target?.deathCap,
          accidentCap: target?.accidentCap,
          largerAccidentCap: target?.largerAccidentCap,
          deathReductionPct: target?.deathReductionPct,
          accidentReductionPct: target?.accidentReductionPct,
          note: target?.note ?? undefined,
        }}
      >
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            {count('deathCap')}
          </Col>
          <Col xs={24} sm={8}>
            {count('accidentCap')}
          </Col>
          <Col xs={24} sm={8}>
            {count('largerAccidentCap')}
          </Col>
          <Col xs={24} sm={12}>
            {pct('deathReductionPct')}
          </Col>
          <Col xs={24} sm={12}>
            {pct('accidentReductionPct')}
          </Col>
        </Row>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: -8 }}>
          {t('indicators.reductionHint')}
        </Typography.Paragraph>
        <Form.Item name="note" label={t('indicators.note')}>
          <Input.TextArea maxLength={NOTE_MAX} rows={2} />
        </Form.Item>
      </Form>
    </SaveModal>
  );
}

function RegionCard({ board, onEdit }: { board: IndicatorBoard; onEdit?: (() => void) | undefined }) {
  const { t } = useTranslation();
  const r = board.region;
  const a = board.allocation;
  return (
    <Card
      size="small"
      title={
        <Space>
          {r.name}
          <IndicatorStatusTag status={r.status} />
        </Space>
      }
      extra={
        <Space>
          <Typography.Text type="secondary">
            {t('indicators.paceValue', { pct: percent(board.pace) })} ·{' '}
            {t('indicators.asOf', { time: formatTime(board.asOf) })}
          </Typography.Text>
          {onEdit && (
            <Button size="small" icon={<EditOutlined />} onClick={onEdit}>
              {t('indicators.edit')}
            </Button>
          )}
        </Space>
      }
    >
      <Row gutter={[16, 8]}>
        {INDICATORS.map((k) => (
          <Col xs={24} md={8} key={k}>
            <Typography.Text strong>{t(`indicators.${k}`)}</Typography.Text>
            <PaceBar
              actual={r.actual[k]}
              cap={r.target ? r.target.effective[k] : null}
              ratio={r.ratio[k]}
              pace={board.pace}
              status={r.statuses?.[k] ?? 'none'}
            />
          </Col>
        ))}
      </Row>
      <Descriptions size="small" column={{ xs: 1, md: 2 }} style={{ marginTop: 8 }}>
        <Descriptions.Item label={t('indicators.allocationSum')}>
          <span data-testid="allocation-sum">
            {INDICATORS.map((k) => (
              <Typography.Text key={k} type={a.exceeds[k] ? 'danger' : undefined} style={{ marginInlineEnd: 12 }}>
                {t(`indicators.${k}`)} {a.sum[k]}
                {a.parent ? ` / ${a.parent[k]}` : ''}
              </Typography.Text>
            ))}
          </span>
        </Descriptions.Item>
        {r.target && (
          <Descriptions.Item label={t('indicators.setBy')}>
            {t('indicators.setByValue', {
              name: r.target.setByName,
              time: formatTime(r.target.setAt),
              version: r.target.version,
            })}
            {r.target.note ? ` · ${r.target.note}` : ''}
          </Descriptions.Item>
        )}
      </Descriptions>
      {a.warnings.map((w) => (
        <Alert key={w.indicator} type="warning" showIcon title={w.message} style={{ marginTop: 8 }} />
      ))}
    </Card>
  );
}

export function IndicatorsPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const [year, setYear] = useState(dayjs().year());
  const [regionCode, setRegionCode] = useState<string | undefined>();
  const [editing, setEditing] = useState<IndicatorRow | null>(null);
  const board = useIndicatorBoard(year, regionCode);
  const data = board.data;

  const bar = (k: (typeof INDICATORS)[number]) => (_: unknown, r: IndicatorRow) => (
    <PaceBar
      actual={r.actual[k]}
      cap={r.target ? r.target.effective[k] : null}
      ratio={r.ratio[k]}
      pace={r.pace}
      status={r.statuses?.[k] ?? 'none'}
    />
  );
  const columns: TableProps<IndicatorRow>['columns'] = [
    { title: t('indicators.region'), dataIndex: 'name', width: 130, fixed: 'left' },
    {
      title: t('indicators.statusCol'),
      dataIndex: 'status',
      width: 90,
      render: (_: unknown, r) => <IndicatorStatusTag status={r.status} />,
    },
    ...INDICATORS.map((k) => ({ title: t(`indicators.${k}`), key: k, render: bar(k) })),
    {
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      render: (_: unknown, r) =>
        mayEdit(me, data, r) && (
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(r)} data-testid="indicator-edit">
            {t('indicators.edit')}
          </Button>
        ),
    },
  ];

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small">
        <Space wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('indicators.title')}
          </Typography.Title>
          <DatePicker
            picker="year"
            allowClear={false}
            value={dayjs().year(year)}
            onChange={(v) => v && setYear(v.year())}
            aria-label={t('indicators.year')}
          />
          <RegionCascader
            value={regionCode}
            onChange={setRegionCode}
            placeholder={t('indicators.region')}
            style={{ minWidth: 220 }}
          />
        </Space>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
          {t('indicators.rules')}
        </Typography.Paragraph>
      </Card>
      {board.isError && (
        <Alert
          type="error"
          showIcon
          title={
            board.error instanceof ApiError && board.error.status === 404
              ? t('common.notFound')
              : t('common.loadFailed', { message: board.error.message })
          }
        />
      )}
      {data && (
        <RegionCard board={data} onEdit={mayEdit(me, data, data.region) ? () => setEditing(data.region) : undefined} />
      )}
      <Card size="small" title={t('indicators.children')}>
        <Table<IndicatorRow>
          size="small"
          rowKey="code"
          columns={columns}
          dataSource={data?.children ?? []}
          loading={board.isPending || board.isFetching}
          pagination={false}
          scroll={{ x: 760 }}
          locale={{ emptyText: t('indicators.noChildren') }}
          onRow={(r) => ({ 'data-status': r.status }) as HTMLAttributes<HTMLElement>}
        />
      </Card>
      {editing && <EditModal year={year} row={editing} onClose={() => setEditing(null)} />}
    </Space>
  );
}
