/**
 * 企业批量导入 (/enterprises/import): download the template (sheets 企业 and 许可证), pick an .xlsx or a .csv, optionally
 * only check it (仅校验), then read the outcome — the counts per table and every row with its sheet, line and, per
 * problem, the column header and the message (filter 全部 / 有问题 / 重复 / 新增). Modelled on 历史数据导入; the
 * server answers in one request (no progress to poll).
 */
import { ArrowLeftOutlined, CloudUploadOutlined, DownloadOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Row,
  Segmented,
  Space,
  Statistic,
  Switch,
  Table,
  type TableProps,
  Tag,
  Typography,
} from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { IMPORT_MAX_FILE_BYTES, IMPORT_MAX_ROWS } from '../../../contracts/imports.js';
import { uuid } from '../../api/client.js';
import { FileDropper } from '../../components/FileDropper.js';
import { problemOf } from '../imports/ImportPage.js';
import {
  REGISTRY_TEMPLATE_URL,
  type RegistryImportResult,
  type RegistryRowResult,
  type RegistryRowStatus,
  type RegistrySheetCounts,
  useRegistryImport,
} from './queries.js';

type RowFilter = 'all' | RegistryRowStatus;

const STATUS_COLORS: Record<RegistryRowStatus, string> = { created: 'success', duplicate: 'default', invalid: 'error' };

/** One table's counts: 企业 12 行：新增 10，重复 1，有问题 1. */
function SheetLine({ label, counts, dryRun }: { label: string; counts: RegistrySheetCounts; dryRun: boolean }) {
  const { t } = useTranslation();
  if (counts.total === 0) return null;
  return (
    <Typography.Text>
      {t('registryImport.sheetCounts', {
        sheet: label,
        total: counts.total,
        created: counts.created,
        duplicates: counts.duplicates,
        invalid: counts.invalid,
        createdLabel: dryRun ? t('registryImport.valid') : t('imports.status.created'),
      })}
    </Typography.Text>
  );
}

function ResultCard({ view }: { view: RegistryImportResult }) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<RowFilter>(view.invalid > 0 ? 'invalid' : 'all');
  const rows = filter === 'all' ? view.rows : view.rows.filter((r) => r.status === filter);
  const enterpriseSheets = new Set(view.enterprises.sheets);
  const ignored = [...new Set([...view.enterprises.ignoredColumns, ...view.licences.ignoredColumns])];
  const createdLabel = view.dryRun ? 'imports.filter.valid' : 'imports.filter.created';

  const columns: TableProps<RegistryRowResult>['columns'] = [
    { title: t('registryImport.sheet'), dataIndex: 'sheet', width: 90 },
    { title: t('imports.row'), dataIndex: 'line', width: 70, align: 'right' },
    {
      title: t('imports.result'),
      dataIndex: 'status',
      width: 90,
      render: (s: RegistryRowStatus) => (
        <Tag color={STATUS_COLORS[s]} data-testid="row-status" data-status={s}>
          {s === 'created' && view.dryRun ? t('registryImport.valid') : t(`imports.status.${s}`)}
        </Tag>
      ),
    },
    {
      title: t('enterprise.creditCode'),
      dataIndex: 'creditCode',
      width: 190,
      render: (code: string | undefined, r) =>
        // The id of an enterprise row is the enterprise's; of a licence row, the licence's (no page of its own).
        code && r.id && enterpriseSheets.has(r.sheet) ? <Link to={`/enterprises/${r.id}`}>{code}</Link> : (code ?? '—'),
    },
    {
      title: t('imports.problems'),
      key: 'problems',
      render: (_: unknown, r) =>
        r.problems?.length ? (
          <Space orientation="vertical" size={0}>
            {r.problems.map((p) => (
              <Typography.Text
                key={`${p.field}:${p.code}`}
                type={r.status === 'invalid' ? 'danger' : 'secondary'}
                data-testid="row-problem"
                data-field={p.field}
              >
                {p.header ?? (p.field === 'row' ? t('registryImport.wholeRow') : p.field)}：{p.message}
              </Typography.Text>
            ))}
          </Space>
        ) : (
          '—'
        ),
    },
  ];

  const filters: { value: RowFilter; label: string }[] = [
    { value: 'all', label: t('imports.filter.all', { n: view.total }) },
    { value: 'invalid', label: t('imports.filter.invalid', { n: view.invalid }) },
    { value: 'duplicate', label: t('imports.filter.duplicate', { n: view.duplicates }) },
    { value: 'created', label: t(createdLabel, { n: view.created }) },
  ];

  const stat = (key: string, title: string, value: number, color?: string) => (
    <Col xs={12} md={6}>
      <Statistic
        title={title}
        value={value}
        styles={color && value > 0 ? { content: { color } } : undefined}
        data-testid={`registry-import-${key}`}
        data-value={value}
      />
    </Col>
  );

  return (
    <Card
      title={t(view.dryRun ? 'imports.checkedTitle' : 'imports.doneTitle', { file: view.fileName })}
      data-testid="registry-import-result"
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Alert
          type={view.invalid > 0 ? 'warning' : 'success'}
          showIcon
          title={t(view.dryRun ? 'registryImport.summaryDry' : 'registryImport.summary', {
            total: view.total,
            created: view.created,
            duplicates: view.duplicates,
            invalid: view.invalid,
          })}
          description={
            <Space orientation="vertical" size={0}>
              <SheetLine label={t('registryImport.enterprises')} counts={view.enterprises} dryRun={view.dryRun} />
              <SheetLine label={t('registryImport.licences')} counts={view.licences} dryRun={view.dryRun} />
            </Space>
          }
        />
        <Row gutter={[12, 12]}>
          {stat('total', t('registryImport.total'), view.total)}
          {stat(
            'created',
            view.dryRun ? t('registryImport.valid') : t('imports.status.created'),
            view.created,
            '#389e0d',
          )}
          {stat('duplicates', t('imports.status.duplicate'), view.duplicates)}
          {stat('invalid', t('imports.status.invalid'), view.invalid, '#cf1322')}
        </Row>
        {ignored.length > 0 && (
          <Alert type="info" showIcon title={t('imports.ignored', { columns: ignored.join('、') })} />
        )}
        <Segmented<RowFilter> value={filter} onChange={setFilter} options={filters} data-testid="row-filter" />
        <Table<RegistryRowResult>
          data-testid="registry-import-rows"
          size="small"
          rowKey={(r) => `${r.sheet}:${r.line}`}
          columns={columns}
          dataSource={rows}
          pagination={{ pageSize: 50, showSizeChanger: false }}
          scroll={{ x: 760 }}
        />
      </Space>
    </Card>
  );
}

export function RegistryImportPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(false);
  const [result, setResult] = useState<RegistryImportResult | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const upload = useRegistryImport();
  // One Idempotency-Key per file and mode: a retry of the same upload answers the first result.
  const key = useRef<{ file: File; dryRun: boolean; key: string } | null>(null);

  const start = async () => {
    if (!file) return;
    if (key.current?.file !== file || key.current.dryRun !== dryRun) key.current = { file, dryRun, key: uuid() };
    setResult(null);
    setFailure(null);
    try {
      setResult(await upload.mutateAsync({ file, dryRun, key: key.current.key }));
    } catch (e) {
      setFailure(e);
    }
  };

  const running = upload.isPending;
  const problem = failure ? problemOf(failure) : null;

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            <Button
              type="text"
              icon={<ArrowLeftOutlined />}
              onClick={() => void navigate('/enterprises')}
              aria-label={t('common.back')}
            />
            {t('registryImport.title')}
          </Space>
        }
        extra={
          <Button icon={<DownloadOutlined />} href={REGISTRY_TEMPLATE_URL} download data-testid="registry-template">
            {t('imports.template')}
          </Button>
        }
      >
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Alert
            type="info"
            showIcon
            title={t('registryImport.hint', { rows: IMPORT_MAX_ROWS, mb: IMPORT_MAX_FILE_BYTES / 1024 / 1024 })}
          />
          <FileDropper
            file={file}
            disabled={running}
            onPick={(f) => {
              setFile(f);
              setResult(null);
              setFailure(null);
            }}
            onRemove={() => setFile(null)}
            testId="registry-upload"
          />
          <Space wrap size="middle">
            <Space size={6}>
              <Switch
                checked={dryRun}
                onChange={setDryRun}
                disabled={running}
                data-testid="registry-dry-run"
                aria-label={t('imports.dryRun')}
              />
              <Typography.Text>{t('imports.dryRun')}</Typography.Text>
            </Space>
            <Button
              type="primary"
              icon={<CloudUploadOutlined />}
              disabled={!file}
              loading={running}
              onClick={start}
              data-testid="registry-start"
            >
              {t(dryRun ? 'imports.startCheck' : 'imports.start')}
            </Button>
          </Space>
          {problem && (
            <Alert
              type="error"
              showIcon
              title={problem.title}
              description={problem.details.length ? problem.details.join('；') : undefined}
              data-testid="registry-import-error"
            />
          )}
        </Space>
      </Card>
      {result && <ResultCard key={result.importId} view={result} />}
    </Space>
  );
}
