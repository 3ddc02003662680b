/**
 * One 双随机 draw as recorded: the matter, the seed, the inputs (the list's size, the roster with 执法证号, count and
 * team size) and the result, each enterprise with its team; 复核 recomputes it on the server from the record alone
 * (一致 / 不一致), 公开 puts it on the public page (once).
 */
import { CheckCircleOutlined, CloseCircleOutlined, GlobalOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DrawnItem, DrawView } from '../../../contracts/supervision.js';
import type { Me } from '../../api/types.js';
import { formatTime } from '../../components/format.js';
import { mayDo } from '../../routes.js';
import { usePublishDraw, useVerifyDraw } from './queries.js';
import { TeamList } from './tags.js';

export function DrawResult({ draw, me }: { draw: DrawView; me: Me | null | undefined }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const verify = useVerifyDraw(draw.id);
  const publish = usePublishDraw(draw.id);
  const fail = (e: unknown) => void message.error(e instanceof Error ? e.message : String(e));
  const verdict = verify.data;
  return (
    <Card
      title={
        <Space wrap>
          <span data-testid="draw-subject">{draw.subject}</span>
          {draw.published ? (
            <Tag color="green" data-testid="draw-published">
              {t('supervision.draw.published', { on: draw.published.on })}
            </Tag>
          ) : (
            <Tag>{t('supervision.draw.unpublished')}</Tag>
          )}
        </Space>
      }
      extra={
        <Space wrap>
          {verdict && (
            <Tag
              icon={verdict.identical ? <CheckCircleOutlined /> : <CloseCircleOutlined />}
              color={verdict.identical ? 'success' : 'error'}
              data-testid="draw-verdict"
              data-identical={verdict.identical}
              title={`${t('supervision.draw.verifyHint')}：${verdict.recomputedHash}`}
            >
              {verdict.identical ? t('supervision.draw.identical') : t('supervision.draw.different')}
            </Tag>
          )}
          <Button
            icon={<SafetyCertificateOutlined />}
            loading={verify.isPending}
            onClick={() => verify.mutate(undefined, { onError: fail })}
            title={t('supervision.draw.verifyHint')}
            data-testid="draw-verify"
          >
            {t('supervision.draw.verify')}
          </Button>
          {draw.published ? (
            <a href={`/public/draws/${draw.id}`} target="_blank" rel="noreferrer" data-testid="draw-public-link">
              <GlobalOutlined /> {t('supervision.draw.publicLink')}
            </a>
          ) : (
            mayDo(me, 'supervision.plan') && (
              <Popconfirm
                title={t('supervision.draw.publish')}
                description={<div style={{ maxWidth: 320 }}>{t('supervision.draw.publishConfirm')}</div>}
                okText={t('common.confirm')}
                cancelText={t('common.cancel')}
                onConfirm={() => publish.mutateAsync().catch(fail)}
              >
                <Button type="primary" loading={publish.isPending} data-testid="draw-publish">
                  {t('supervision.draw.publish')}
                </Button>
              </Popconfirm>
            )
          )}
        </Space>
      }
      data-testid="draw-result"
    >
      {verdict && !verdict.identical && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} title={t('supervision.draw.different')} />
      )}
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2, xl: 3 }}
        items={[
          { key: 'bureau', label: t('supervision.public.bureau'), children: draw.bureauName },
          { key: 'drawnOn', label: t('supervision.draw.drawnOn'), children: draw.drawnOn },
          { key: 'plannedOn', label: t('supervision.draw.plannedOn'), children: draw.plannedOn ?? '—' },
          {
            key: 'inputs',
            label: t('supervision.draw.inputs'),
            children: `${t('supervision.draw.pool', { count: draw.inputs.enterprises.length })}；${t('supervision.draw.count')} ${draw.inputs.count}；${t('supervision.draw.teamSize')} ${draw.inputs.teamSize}`,
          },
          {
            key: 'by',
            label: t('supervision.draw.createdBy'),
            children: `${draw.createdBy} ${formatTime(draw.createdAt)}`,
          },
          { key: 'algorithm', label: t('supervision.draw.algorithm'), children: draw.algorithm },
          {
            key: 'seed',
            label: t('supervision.draw.seed'),
            span: 'filled',
            children: (
              <Typography.Text code copyable data-testid="draw-seed">
                {draw.seed}
              </Typography.Text>
            ),
          },
          {
            key: 'hash',
            label: t('supervision.draw.resultHash'),
            span: 'filled',
            children: (
              <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>
                {draw.resultHash}
              </Typography.Text>
            ),
          },
          {
            key: 'roster',
            label: t('supervision.draw.roster'),
            span: 'filled',
            children: draw.inputs.inspectors.map((i) => `${i.name}（${i.cert}）`).join('、'),
          },
        ]}
      />
      <Table<DrawnItem & { n: number }>
        style={{ marginTop: 12 }}
        data-testid="draw-items"
        size="small"
        rowKey="enterpriseId"
        pagination={false}
        dataSource={draw.result.map((item, i) => ({ ...item, n: i + 1 }))}
        columns={[
          { title: '#', dataIndex: 'n', width: 48 },
          { title: t('supervision.draw.enterprise'), dataIndex: 'enterpriseName' },
          { title: t('supervision.draw.team'), key: 'team', render: (_: unknown, d) => <TeamList team={d.team} /> },
        ]}
      />
    </Card>
  );
}
