/**
 * 抽取记录: the jurisdiction's draws, newest first, by year and publication, each opened for 复核 and 公开 (?id=).
 * A draw is recorded so that it can be found and recomputed long after; this is where it is found.
 */
import { Card, Segmented, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DrawSummary } from '../../../contracts/supervision.js';
import { type DrawListParams, useDraws } from './queries.js';

const PAGE_SIZE = 20;
type Published = 'all' | 'true' | 'false';

export function DrawList({ selected, onOpen }: { selected: string | undefined; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState<number | undefined>(thisYear);
  const [published, setPublished] = useState<Published>('all');
  const [page, setPage] = useState(1);
  const params: DrawListParams = {
    year,
    published: published === 'all' ? undefined : published,
    page,
    pageSize: PAGE_SIZE,
  };
  const draws = useDraws(params);
  return (
    <Card
      size="small"
      title={t('supervision.draw.list')}
      extra={
        <Space wrap>
          <Select<number | 'all'>
            value={year ?? 'all'}
            style={{ width: 120 }}
            onChange={(v) => {
              setYear(v === 'all' ? undefined : v);
              setPage(1);
            }}
            options={[
              { value: 'all', label: t('supervision.draw.allYears') },
              ...[0, 1, 2, 3, 4].map((back) => ({ value: thisYear - back, label: String(thisYear - back) })),
            ]}
            data-testid="draw-list-year"
          />
          <Segmented<Published>
            value={published}
            onChange={(v) => {
              setPublished(v);
              setPage(1);
            }}
            options={[
              { value: 'all', label: t('supervision.draw.all') },
              { value: 'true', label: t('supervision.draw.publishedShort') },
              { value: 'false', label: t('supervision.draw.unpublished') },
            ]}
          />
        </Space>
      }
    >
      <Table<DrawSummary>
        rowKey="id"
        size="small"
        loading={draws.isFetching}
        dataSource={draws.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        data-testid="draw-list"
        rowClassName={(d) => (d.id === selected ? 'ant-table-row-selected' : '')}
        onRow={(d) => ({ onClick: () => onOpen(d.id), style: { cursor: 'pointer' } })}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: draws.data?.total ?? 0,
          showSizeChanger: false,
          onChange: setPage,
        }}
        columns={[
          { title: t('supervision.draw.subject'), dataIndex: 'subject' },
          { title: t('supervision.draw.bureau'), dataIndex: 'bureauName' },
          { title: t('supervision.draw.drawnOn'), dataIndex: 'drawnOn', width: 110 },
          { title: t('supervision.draw.plannedOn'), dataIndex: 'plannedOn', width: 120, render: (v) => v ?? '—' },
          { title: t('supervision.draw.enterprises'), dataIndex: 'enterprises', width: 90, align: 'right' },
          { title: t('supervision.draw.createdBy'), dataIndex: 'createdBy', width: 100 },
          {
            title: t('supervision.draw.publication'),
            dataIndex: 'published',
            width: 150,
            render: (p: DrawSummary['published']) =>
              p ? (
                <Tag color="green">{t('supervision.draw.published', { on: p.on })}</Tag>
              ) : (
                <Tag>{t('supervision.draw.unpublished')}</Tag>
              ),
          },
        ]}
      />
    </Card>
  );
}
