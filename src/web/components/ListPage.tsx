/** The one list-page idiom: a card with a title, actions, a filter bar and a paged table. */
import { Alert, Card, Table, type TableProps } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface ListPageProps<T> {
  title: ReactNode;
  extra?: ReactNode;
  filters?: ReactNode;
  columns: TableProps<T>['columns'];
  rowKey: keyof T & string;
  /** totalExact false: the server stopped counting at `total` (lists of 10,000+ rows). */
  data: { items: T[]; total: number; totalExact?: boolean } | undefined;
  loading?: boolean;
  error?: unknown;
  page?: number;
  pageSize?: number;
  onPageChange?: (page: number, pageSize: number) => void;
  rowClassName?: TableProps<T>['rowClassName'];
  onRow?: TableProps<T>['onRow'];
  scrollX?: number;
  testId?: string;
}

export function ListPage<T extends object>(props: ListPageProps<T>) {
  const { t } = useTranslation();
  return (
    <Card title={props.title} extra={props.extra} styles={{ body: { padding: 12 } }}>
      {props.filters && <div style={{ marginBottom: 12 }}>{props.filters}</div>}
      {props.error ? (
        <Alert
          type="error"
          showIcon
          title={t('common.loadFailed', { message: props.error instanceof Error ? props.error.message : '' })}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <Table<T>
        data-testid={props.testId}
        size="small"
        rowKey={props.rowKey}
        columns={props.columns}
        dataSource={props.data?.items ?? []}
        loading={props.loading}
        rowClassName={props.rowClassName}
        onRow={props.onRow}
        scroll={{ x: props.scrollX ?? 900 }}
        pagination={
          props.onPageChange
            ? {
                current: props.page ?? 1,
                pageSize: props.pageSize ?? 20,
                total: props.data?.total ?? 0,
                showSizeChanger: true,
                showTotal: (total) =>
                  t(props.data?.totalExact === false ? 'common.totalAtLeast' : 'common.total', { count: total }),
                onChange: props.onPageChange,
              }
            : false
        }
      />
    </Card>
  );
}
