/**
 * 历史数据导入: download the template, upload an .xlsx or .csv, optionally only check it (仅校验), watch the progress
 * while it runs, then read the result row by row (filter the invalid ones). Below, the imports of the jurisdiction.
 */
import { CloudUploadOutlined, DownloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Progress,
  Segmented,
  Space,
  Table,
  type TableProps,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  IMPORT_MAX_FILE_BYTES,
  IMPORT_MAX_ROWS,
  type ImportListItem,
  type ImportRowResult,
  type ImportRowStatus,
  type ImportView,
} from '../../../contracts/imports.js';
import { ApiError, uuid } from '../../api/client.js';
import { FileDropper } from '../../components/FileDropper.js';
import { formatTime } from '../../components/format.js';
import { ListPage } from '../../components/ListPage.js';
import { fetchImport, IMPORT_TEMPLATE_URL, uploadImport, useImportProgress, useImports } from './queries.js';

type RowFilter = 'all' | ImportRowStatus;

const STATUS_COLORS: Record<ImportRowStatus, string> = { created: 'success', duplicate: 'default', invalid: 'error' };

function Counts({ view }: { view: ImportListItem }) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      <Tag color="success">{t('imports.counts.created', { n: view.created })}</Tag>
      <Tag>{t('imports.counts.duplicate', { n: view.duplicates })}</Tag>
      <Tag color={view.invalid ? 'error' : 'default'}>{t('imports.counts.invalid', { n: view.invalid })}</Tag>
    </Space>
  );
}

function ResultCard({ view }: { view: ImportView }) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<RowFilter>(view.invalid > 0 ? 'invalid' : 'all');
  const rows = filter === 'all' ? view.rows : view.rows.filter((r) => r.status === filter);
  const columns: TableProps<ImportRowResult>['columns'] = [
    { title: t('imports.row'), dataIndex: 'row', width: 80 },
    {
      title: t('imports.result'),
      dataIndex: 'status',
      width: 100,
      render: (s: ImportRowStatus) => <Tag color={STATUS_COLORS[s]}>{t(`imports.status.${s}`)}</Tag>,
    },
    {
      title: t('imports.accident'),
      dataIndex: 'id',
      width: 110,
      render: (id: string | undefined) => (id ? <Link to={`/accidents/${id}`}>{t('common.view')}</Link> : '—'),
    },
    {
      title: t('imports.problems'),
      key: 'errors',
      render: (_: unknown, r) =>
        r.errors?.length ? (
          <Space orientation="vertical" size={0}>
            {r.errors.map((e) => (
              <Typography.Text key={`${e.field}:${e.code}`} type={r.status === 'invalid' ? 'danger' : 'secondary'}>
                {e.column ?? e.field}：{e.message}
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
    {
      value: 'created',
      label: t(view.dryRun ? 'imports.filter.valid' : 'imports.filter.created', { n: view.created }),
    },
  ];
  return (
    <Card
      title={t(view.dryRun ? 'imports.checkedTitle' : 'imports.doneTitle', { file: view.fileName })}
      data-testid="import-result"
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Alert
          type={view.status === 'failed' ? 'error' : view.invalid > 0 ? 'warning' : 'success'}
          showIcon
          title={
            view.status === 'failed'
              ? t('imports.failed', { error: view.error ?? '' })
              : t(view.dryRun ? 'imports.summaryDry' : 'imports.summary', {
                  total: view.total,
                  created: view.created,
                  duplicates: view.duplicates,
                  invalid: view.invalid,
                })
          }
        />
        {view.ignoredColumns.length > 0 && (
          <Alert type="info" showIcon title={t('imports.ignored', { columns: view.ignoredColumns.join('、') })} />
        )}
        <Segmented<RowFilter> value={filter} onChange={setFilter} options={filters} />
        <Table<ImportRowResult>
          data-testid="import-rows"
          size="small"
          rowKey="row"
          columns={columns}
          dataSource={rows}
          pagination={{ pageSize: 50, showSizeChanger: false }}
          scroll={{ x: 700 }}
        />
      </Space>
    </Card>
  );
}

/** An upload's failure as a title and, for several field issues, their messages. */
export function problemOf(e: unknown): { title: string; details: string[] } {
  if (e instanceof ApiError) {
    const details = Array.isArray(e.details) ? e.fieldIssues.map((i) => i.message) : [];
    return { title: e.message, details: details.length > 1 ? details : [] };
  }
  return { title: String(e), details: [] };
}

export function ImportPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(false);
  const [importId, setImportId] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<ImportView | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [page, setPage] = useState({ page: 1, pageSize: 10 });
  const progress = useImportProgress(running ? importId : null, running);
  const imports = useImports(page);

  const start = async () => {
    if (!file) return;
    const id = uuid();
    setImportId(id);
    setRunning(true);
    setResult(null);
    setFailure(null);
    try {
      setResult(await uploadImport(file, { dryRun, importId: id }));
    } catch (e) {
      setFailure(e);
    } finally {
      setRunning(false);
      void queryClient.invalidateQueries({ queryKey: ['imports'] });
      if (!dryRun) void queryClient.invalidateQueries({ queryKey: ['accidents'] });
    }
  };

  const open = async (id: string) => {
    setFailure(null);
    try {
      setResult(await queryClient.fetchQuery({ queryKey: ['imports', 'one', id], queryFn: () => fetchImport(id) }));
    } catch (e) {
      setFailure(e);
    }
  };

  const live = progress.data;
  const percent = live && live.total > 0 ? Math.floor((live.processed / live.total) * 100) : 0;
  const problem = failure ? problemOf(failure) : null;

  const historyColumns: TableProps<ImportListItem>['columns'] = [
    { title: t('imports.at'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatTime(v) },
    { title: t('imports.file'), dataIndex: 'fileName', ellipsis: true },
    { title: t('imports.by'), dataIndex: 'createdBy', width: 110 },
    {
      title: t('imports.mode'),
      dataIndex: 'dryRun',
      width: 90,
      render: (d: boolean) =>
        d ? <Tag>{t('imports.dryRunTag')}</Tag> : <Tag color="blue">{t('imports.realTag')}</Tag>,
    },
    { title: t('imports.total'), dataIndex: 'total', width: 80 },
    { title: t('imports.outcome'), key: 'counts', width: 260, render: (_: unknown, v) => <Counts view={v} /> },
    {
      title: t('common.actions'),
      key: 'open',
      width: 100,
      render: (_: unknown, v) =>
        v.status === 'running' ? (
          <Tag color="processing">{t('imports.runningTag')}</Tag>
        ) : (
          <Button size="small" onClick={() => open(v.importId)}>
            {t('imports.open')}
          </Button>
        ),
    },
  ];

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card
        title={t('imports.title')}
        extra={
          <Button icon={<DownloadOutlined />} href={IMPORT_TEMPLATE_URL} download data-testid="import-template">
            {t('imports.template')}
          </Button>
        }
      >
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Alert
            type="info"
            showIcon
            title={t('imports.hint', { rows: IMPORT_MAX_ROWS, mb: IMPORT_MAX_FILE_BYTES / 1024 / 1024 })}
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
            testId="import-upload"
          />
          <Space wrap>
            <Checkbox checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} disabled={running}>
              {t('imports.dryRun')}
            </Checkbox>
            <Button
              type="primary"
              icon={<CloudUploadOutlined />}
              disabled={!file}
              loading={running}
              onClick={start}
              data-testid="import-start"
            >
              {t(dryRun ? 'imports.startCheck' : 'imports.start')}
            </Button>
          </Space>
          {running && (
            <div data-testid="import-progress">
              <Progress percent={percent} status="active" />
              <Typography.Text type="secondary">
                {live ? t('imports.progress', { processed: live.processed, total: live.total }) : t('imports.reading')}
              </Typography.Text>
            </div>
          )}
          {problem && (
            <Alert
              type="error"
              showIcon
              title={problem.title}
              description={problem.details.length ? problem.details.join('；') : undefined}
              data-testid="import-error"
            />
          )}
        </Space>
      </Card>
      {result && <ResultCard key={result.importId} view={result} />}
      <ListPage<ImportListItem>
        title={t('imports.history')}
        rowKey="importId"
        columns={historyColumns}
        data={imports.data}
        loading={imports.isLoading}
        error={imports.error}
        page={page.page}
        pageSize={page.pageSize}
        onPageChange={(p, pageSize) => setPage({ page: p, pageSize })}
      />
    </Space>
  );
}
