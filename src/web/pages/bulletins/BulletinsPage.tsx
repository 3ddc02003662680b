/**
 * 事故情况通报: generate a 周分析, 月通报, 季度研判 or a bulletin over any dates for a region of the jurisdiction, and
 * the list of bulletins issued, each previewed as text or downloaded as a GB/T 9704 Word document. A bulletin is
 * written once from the figures of that moment and never changes.
 */

import { DownloadOutlined, EyeOutlined, FileTextOutlined, PrinterOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Modal,
  Row,
  Select,
  Space,
  type TableProps,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  BULLETIN_KINDS,
  type BulletinKind,
  type BulletinSummary,
  type CreateBulletinInput,
} from '../../../contracts/bulletins.js';
import { ApiError } from '../../api/client.js';
import { useMe } from '../../api/queries.js';
import { validValues } from '../../components/form-issues.js';
import { formatTime, toIsoWithOffset } from '../../components/format.js';
import { ListPage } from '../../components/ListPage.js';
import { RegionCascader } from '../../components/RegionCascader.js';
import { mayDo } from '../../routes.js';
import {
  bulletinDocxUrl,
  bulletinPrintPath,
  bulletinTextUrl,
  useBulletins,
  useBulletinText,
  useCreateBulletin,
} from './queries.js';

const PICKER: Record<Exclude<BulletinKind, 'range'>, 'week' | 'month' | 'quarter'> = {
  weekly: 'week',
  monthly: 'month',
  quarterly: 'quarter',
};

interface FormValues {
  kind: BulletinKind;
  regionCode?: string;
  at?: Dayjs;
  range?: [Dayjs, Dayjs];
}

/** An instant in the last whole week, month or quarter before today. */
function lastWhole(kind: Exclude<BulletinKind, 'range'>): Dayjs {
  const unit = { weekly: 'week', monthly: 'month', quarterly: 'month' } as const;
  return dayjs().subtract(kind === 'quarterly' ? 3 : 1, unit[kind]);
}

/** What the API takes: a calendar period by any instant inside it, or [from, the day after to). */
function bodyOf(v: FormValues): CreateBulletinInput {
  if (v.kind === 'range') {
    const [a, b] = v.range ?? [];
    return {
      kind: 'range',
      regionCode: v.regionCode,
      from: a ? toIsoWithOffset(a.startOf('day')) : undefined,
      to: b ? toIsoWithOffset(b.add(1, 'day').startOf('day')) : undefined,
    };
  }
  return { kind: v.kind, regionCode: v.regionCode, from: v.at ? toIsoWithOffset(v.at.startOf('day')) : undefined };
}

function PreviewModal({ bulletin, onClose }: { bulletin: BulletinSummary; onClose: () => void }) {
  const { t } = useTranslation();
  const text = useBulletinText(bulletin.id);
  return (
    <Modal
      open
      width={820}
      title={bulletin.title}
      onCancel={onClose}
      footer={[
        <Link key="print" to={bulletinPrintPath(bulletin.id)}>
          <Button icon={<PrinterOutlined />}>{t('bulletins.print')}</Button>
        </Link>,
        <Button key="txt" icon={<FileTextOutlined />} href={bulletinTextUrl(bulletin.id)} target="_blank">
          {t('bulletins.openText')}
        </Button>,
        <Button key="docx" type="primary" icon={<DownloadOutlined />} href={bulletinDocxUrl(bulletin.id)} download>
          {t('bulletins.downloadDocx')}
        </Button>,
      ]}
    >
      {text.error ? <Alert type="error" showIcon title={String(text.error)} /> : null}
      <pre
        data-testid="bulletin-preview-text"
        style={{
          whiteSpace: 'pre-wrap',
          fontFamily: '"仿宋_GB2312", "仿宋", FangSong, STFangsong, serif',
          fontSize: 16,
          lineHeight: 1.8,
          maxHeight: '65vh',
          overflow: 'auto',
        }}
      >
        {text.data ?? t('common.loading')}
      </pre>
    </Modal>
  );
}

export function BulletinsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe().data;
  const [form] = Form.useForm<FormValues>();
  const kind = Form.useWatch('kind', form) ?? 'monthly';
  const create = useCreateBulletin();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [listRegion, setListRegion] = useState<string | undefined>();
  const list = useBulletins({ regionCode: listRegion, ...page });
  const [created, setCreated] = useState<{ id: string } | null>(null);
  const [preview, setPreview] = useState<BulletinSummary | null>(null);
  const canCreate = mayDo(me, 'bulletin.create');

  const generate = async () => {
    const v = await validValues(form);
    if (!v) return;
    try {
      const res = await create.mutateAsync(bodyOf(v));
      setCreated(res);
      message.success(t('bulletins.generated'));
    } catch (e) {
      if (e instanceof ApiError && e.fieldIssues.length) {
        form.setFields(
          e.fieldIssues.map((i) => ({
            name: (i.path === 'from' || i.path === 'to'
              ? v.kind === 'range'
                ? 'range'
                : 'at'
              : i.path) as keyof FormValues,
            errors: [i.message],
          })),
        );
      } else message.error(e instanceof ApiError ? e.message : String(e));
    }
  };

  const createdRow = created ? list.data?.items.find((b) => b.id === created.id) : undefined;

  const columns: TableProps<BulletinSummary>['columns'] = [
    { title: t('bulletins.titleCol'), dataIndex: 'title', ellipsis: true },
    {
      title: t('bulletins.kind'),
      dataIndex: 'kind',
      width: 100,
      render: (k: BulletinKind) => t(`bulletins.kinds.${k}`),
    },
    {
      title: t('bulletins.period'),
      key: 'period',
      width: 220,
      render: (_: unknown, b) => `${formatTime(b.periodFrom)} — ${formatTime(b.periodTo)}`,
    },
    { title: t('bulletins.createdBy'), dataIndex: 'createdByName', width: 110 },
    { title: t('bulletins.createdAt'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatTime(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 280,
      fixed: 'right',
      render: (_: unknown, b) => (
        <Space size={4}>
          <Button size="small" icon={<EyeOutlined />} onClick={() => setPreview(b)} data-testid="bulletin-preview">
            {t('bulletins.preview')}
          </Button>
          <Link to={bulletinPrintPath(b.id)}>
            <Button size="small" icon={<PrinterOutlined />} data-testid="bulletin-print">
              {t('bulletins.print')}
            </Button>
          </Link>
          <Button
            size="small"
            icon={<DownloadOutlined />}
            href={bulletinDocxUrl(b.id)}
            download
            data-testid="bulletin-download-docx"
            data-bulletin-id={b.id}
          >
            {t('bulletins.downloadDocx')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {canCreate && (
        <Card title={t('bulletins.generateTitle')} styles={{ body: { paddingBottom: 0 } }}>
          <Form<FormValues>
            form={form}
            layout="vertical"
            initialValues={{ kind: 'monthly', at: lastWhole('monthly') }}
            onValuesChange={(changed: Partial<FormValues>) => {
              if (!changed.kind) return;
              // The usual choice: the last whole week, month or quarter.
              const at = changed.kind === 'range' ? undefined : lastWhole(changed.kind);
              form.setFields([
                { name: 'at', value: at, errors: [] },
                { name: 'range', errors: [] },
              ]);
            }}
          >
            <Row gutter={12}>
              <Col xs={24} md={5}>
                <Form.Item name="kind" label={t('bulletins.kind')}>
                  <Select
                    data-testid="bulletin-kind"
                    options={BULLETIN_KINDS.map((k) => ({ value: k, label: t(`bulletins.kinds.${k}`) }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={7}>
                <Form.Item name="regionCode" label={t('bulletins.region')} extra={t('bulletins.regionHint')}>
                  <RegionCascader />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                {kind === 'range' ? (
                  <Form.Item
                    name="range"
                    label={t('bulletins.period')}
                    rules={[{ required: true, message: t('bulletins.periodRequired') }]}
                  >
                    <DatePicker.RangePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
                  </Form.Item>
                ) : (
                  <Form.Item name="at" label={t('bulletins.period')} extra={t('bulletins.periodHint')}>
                    <DatePicker
                      picker={PICKER[kind]}
                      style={{ width: '100%' }}
                      data-testid="bulletin-period"
                      disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                    />
                  </Form.Item>
                )}
              </Col>
              <Col xs={24} md={4}>
                <Form.Item label=" ">
                  <Button
                    type="primary"
                    block
                    loading={create.isPending}
                    onClick={() => void generate()}
                    data-testid="bulletin-generate"
                  >
                    {t('bulletins.generate')}
                  </Button>
                </Form.Item>
              </Col>
            </Row>
          </Form>
          {created && (
            <Alert
              type="success"
              showIcon
              style={{ marginBottom: 16 }}
              data-testid="bulletin-generated"
              title={createdRow?.title ?? t('bulletins.generated')}
              action={
                <Space>
                  {createdRow && (
                    <Button size="small" icon={<EyeOutlined />} onClick={() => setPreview(createdRow)}>
                      {t('bulletins.preview')}
                    </Button>
                  )}
                  <Button
                    size="small"
                    type="primary"
                    icon={<DownloadOutlined />}
                    href={bulletinDocxUrl(created.id)}
                    download
                    data-testid="bulletin-generated-download"
                    data-bulletin-id={created.id}
                  >
                    {t('bulletins.downloadDocx')}
                  </Button>
                </Space>
              }
            />
          )}
        </Card>
      )}
      <ListPage<BulletinSummary>
        title={t('bulletins.title')}
        testId="bulletin-table"
        filters={
          <Row gutter={8}>
            <Col xs={24} md={7}>
              <RegionCascader value={listRegion} onChange={setListRegion} style={{ width: '100%' }} />
            </Col>
          </Row>
        }
        extra={
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('bulletins.immutableHint')}
          </Typography.Text>
        }
        columns={columns}
        rowKey="id"
        data={list.data}
        loading={list.isFetching}
        error={list.error}
        page={page.page}
        pageSize={page.pageSize}
        onPageChange={(p, ps) => setPage({ page: p, pageSize: ps })}
      />
      {preview && <PreviewModal bulletin={preview} onClose={() => setPreview(null)} />}
    </Space>
  );
}
