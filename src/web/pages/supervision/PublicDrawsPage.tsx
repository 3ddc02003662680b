/**
 * 双随机抽查结果公示 (/public/draws, /public/draws/:id), without sign-in: the published draws — bureau, matter, dates
 * and how many enterprises — and one draw's enterprises with the officers' names and 执法证号. Nothing internal is
 * shown (the public API gives no ids of people or enterprises, no seed, no roster). Plain, and printable.
 */
import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Skeleton, Space, Table, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { PublicDraw, PublicDrawSummary } from '../../../contracts/supervision.js';
import { isNotFound } from '../../api/client.js';
import { usePublicDraw, usePublicDraws } from './queries.js';

function Frame({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div style={{ maxWidth: 1080, margin: '0 auto', padding: '24px 16px', background: '#fff', minHeight: '100vh' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} className="no-print">
        <Typography.Text type="secondary">{t('app.fullName')}</Typography.Text>
        <Space>
          <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
            {t('supervision.public.print')}
          </Button>
          <Link to="/login">{t('supervision.public.login')}</Link>
        </Space>
      </Space>
      <Typography.Title level={2} style={{ textAlign: 'center', margin: '16px 0 4px' }}>
        {t('supervision.public.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
        {t('supervision.public.subtitle')}
      </Typography.Paragraph>
      {children}
    </div>
  );
}

function PublicDrawList() {
  const { t } = useTranslation();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const list = usePublicDraws(page.page, page.pageSize);
  if (list.error)
    return <Alert type="error" showIcon title={t('common.loadFailed', { message: list.error.message })} />;
  return (
    <Table<PublicDrawSummary>
      data-testid="public-draws"
      size="small"
      bordered
      rowKey="id"
      loading={list.isFetching}
      dataSource={list.data?.items ?? []}
      locale={{ emptyText: t('supervision.public.empty') }}
      pagination={{
        current: page.page,
        pageSize: page.pageSize,
        total: list.data?.total ?? 0,
        onChange: (p, s) => setPage({ page: p, pageSize: s }),
        hideOnSinglePage: true,
      }}
      scroll={{ x: 800 }}
      columns={[
        { title: t('supervision.public.bureau'), dataIndex: 'bureauName', width: 180 },
        {
          title: t('supervision.public.subject'),
          dataIndex: 'subject',
          render: (v: string, d) => <Link to={`/public/draws/${d.id}`}>{v}</Link>,
        },
        { title: t('supervision.public.enterprises'), dataIndex: 'enterprises', width: 110, align: 'right' },
        { title: t('supervision.public.drawnOn'), dataIndex: 'drawnOn', width: 110 },
        { title: t('supervision.public.plannedOn'), dataIndex: 'plannedOn', width: 120, render: (v) => v ?? '—' },
        { title: t('supervision.public.publishedOn'), dataIndex: 'publishedOn', width: 110 },
      ]}
    />
  );
}

function PublicDrawDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const query = usePublicDraw(id);
  const d: PublicDraw | undefined = query.data;
  if (query.error)
    return (
      <Alert
        type={isNotFound(query.error) ? 'warning' : 'error'}
        showIcon
        title={isNotFound(query.error) ? t('supervision.public.notFound') : query.error.message}
      />
    );
  if (!d) return <Skeleton active />;
  return (
    <div data-testid="public-draw">
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'subject', label: t('supervision.public.subject'), children: d.subject, span: 'filled' },
          { key: 'bureau', label: t('supervision.public.bureau'), children: d.bureauName },
          { key: 'region', label: t('supervision.public.region'), children: d.regionName },
          { key: 'drawnOn', label: t('supervision.public.drawnOn'), children: d.drawnOn },
          { key: 'plannedOn', label: t('supervision.public.plannedOn'), children: d.plannedOn ?? '—' },
          { key: 'publishedOn', label: t('supervision.public.publishedOn'), children: d.publishedOn },
        ]}
      />
      <Table
        style={{ marginTop: 16 }}
        data-testid="public-draw-items"
        size="small"
        bordered
        rowKey="n"
        pagination={false}
        dataSource={d.items.map((item, i) => ({ ...item, n: i + 1 }))}
        columns={[
          { title: '#', dataIndex: 'n', width: 48 },
          { title: t('supervision.public.enterprise'), dataIndex: 'enterpriseName' },
          {
            title: t('supervision.public.inspectors'),
            key: 'inspectors',
            render: (_: unknown, item) => item.inspectors.map((o) => `${o.name}（${o.cert}）`).join('、'),
          },
        ]}
      />
      <div style={{ marginTop: 16 }} className="no-print">
        <Link to="/public/draws">{t('supervision.public.back')}</Link>
      </div>
    </div>
  );
}

export function PublicDrawsPage() {
  const { id } = useParams();
  return <Frame>{id ? <PublicDrawDetail id={id} /> : <PublicDrawList />}</Frame>;
}
