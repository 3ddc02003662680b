/** 报告详情: header, actions by role and chain position, chain timeline, direct-report nodes, content, revisions. */
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Grid,
  Result,
  Row,
  Skeleton,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { isNotFound } from '../../api/client.js';
import { useAccident, useMe } from '../../api/queries.js';
import type { AccidentView, Revision } from '../../api/types.js';
import { ChainTimeline } from '../../components/ChainTimeline.js';
import { Countdown } from '../../components/Countdown.js';
import { accidentTypeName } from '../../components/code-options.js';
import { formatTime, formatYuan } from '../../components/format.js';
import { NodeStatus } from '../../components/NodeStatus.js';
import { FlagTags, GradeTag, StatusBadge } from '../../components/tags.js';
import { mayDo } from '../../routes.js';
import { WriteoffHistoryCard, WriteoffRequestButton, WrittenOffTag } from '../writeoff/parts.js';
import { AccidentAuditCard } from './AccidentAuditCard.js';
import { actionsFor, FollowupButton, ForwardButton, SignButton } from './actions.js';
import { QuickReportSheet } from './QuickReportSheet.js';

const FIELD_LABEL_KEYS: Record<string, string> = {
  deaths: 'accident.deaths',
  missing: 'accident.missing',
  seriousInjuries: 'accident.seriousInjuries',
  minorInjuries: 'accident.minorInjuries',
  directLossYuan: 'accident.directLossYuan',
  address: 'accident.address',
  unitName: 'accident.unitName',
  summary: 'accident.summary',
  measuresTaken: 'accident.measuresTaken',
  reporterName: 'accident.reporterName',
  reporterPhone: 'accident.reporterPhone',
};

function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'number') return v.toLocaleString('zh-CN');
  return String(v);
}

function RevisionDiff({ revision }: { revision: Revision }) {
  const { t } = useTranslation();
  const entries = Object.entries(revision.changes ?? {});
  return (
    <Space orientation="vertical" size={4} style={{ width: '100%' }}>
      <Space wrap size={4}>
        <Tag color={revision.kind === 'final' ? 'green' : revision.kind === 'initial' ? 'blue' : 'default'}>
          {t(`detail.kind.${revision.kind}`)}
        </Tag>
        <Typography.Text strong>#{revision.no}</Typography.Text>
        <Typography.Text type="secondary">
          {formatTime(revision.filedAt)} · {t('detail.filedBy')}：{revision.filedBy.name}
          {revision.filedBy.org ? `（${revision.filedBy.org}）` : ''}
        </Typography.Text>
        {revision.outsideWindow && (
          <Tag color="red" data-testid="outside-window">
            {t('detail.outsideWindow')}
          </Tag>
        )}
        {revision.gradeBefore && revision.gradeAfter && revision.gradeBefore !== revision.gradeAfter && (
          <Tag color="orange">
            {t('detail.regraded', {
              from: t(`grade.${revision.gradeBefore}`),
              to: t(`grade.${revision.gradeAfter}`),
            })}
          </Tag>
        )}
      </Space>
      {revision.note && <Typography.Text>{revision.note}</Typography.Text>}
      {revision.kind !== 'initial' &&
        (entries.length === 0 ? (
          <Typography.Text type="secondary">{t('detail.noChanges')}</Typography.Text>
        ) : (
          <ul className="diff-list">
            {entries.map(([field, change]) => (
              <li key={field}>
                <Typography.Text strong>{t(FIELD_LABEL_KEYS[field] ?? field, { defaultValue: field })}</Typography.Text>
                ：<span className="diff-from">{show(change.from)}</span> →{' '}
                <span className="diff-to">{show(change.to)}</span>
              </li>
            ))}
          </ul>
        ))}
      {revision.outsideWindow && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('detail.outsideWindowHint')}
        </Typography.Text>
      )}
    </Space>
  );
}

function Header({ a }: { a: AccidentView }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const navigate = useNavigate();
  const actions = actionsFor(me, a);
  const mine = a.chain.find((c) => c.regionCode === me?.regionCode);
  return (
    <Card>
      <Row gutter={[12, 12]} align="middle">
        <Col flex="auto" style={{ minWidth: 0 }}>
          <Space orientation="vertical" size={4} style={{ width: '100%' }}>
            <Space wrap>
              <Button
                type="text"
                icon={<ArrowLeftOutlined />}
                onClick={() => void navigate(-1)}
                aria-label={t('common.back')}
              />
              <Typography.Title level={4} style={{ margin: 0 }} data-testid="detail-title">
                {a.unitName}
              </Typography.Title>
              <GradeTag grade={a.grade} />
              {a.final && <Tag color="green">{t('accident.final')}</Tag>}
              <FlagTags flags={a.flags} />
              {a.writtenOffAt && <WrittenOffTag at={a.writtenOffAt} />}
            </Space>
            <Space wrap size="middle">
              <Typography.Text type="secondary">
                {t('accident.reportNo')}：<span data-testid="report-no">{a.reportNo}</span>
              </Typography.Text>
              <Typography.Text type="secondary">
                {t('accident.regionShort')}：{a.regionName}
              </Typography.Text>
              <Typography.Text type="secondary">
                {t('accident.target')}：{t(`level.${a.targetLevel}`)}
              </Typography.Text>
              <StatusBadge status={a.status} />
              {a.status !== 'done' && <Countdown dueAt={a.nextDueAt} />}
            </Space>
          </Space>
        </Col>
        <Col>
          <Space wrap>
            {actions.canSign && <SignButton accident={a} />}
            {actions.canForward && mine && <ForwardButton accident={a} myLevel={mine.level} />}
            {actions.canFollowup && <FollowupButton accident={a} />}
            <WriteoffRequestButton accident={a} />
            <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print-report">
              {t('print.button')}
            </Button>
          </Space>
        </Col>
      </Row>
    </Card>
  );
}

export function AccidentDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = useAccident(id);
  const me = useMe().data;
  const screens = Grid.useBreakpoint();
  if (query.isPending) return <Skeleton active />;
  if (query.error)
    return isNotFound(query.error) ? (
      <Result status="404" title="404" subTitle={t('common.notFound')} />
    ) : (
      <Alert type="error" showIcon title={t('common.loadFailed', { message: query.error.message })} />
    );
  const a = query.data;
  const s = a.statistics;
  const statsDiffer = FIGURE_KEYS.some((k) => s[k] !== a[k]);
  return (
    <>
      <QuickReportSheet a={a} />
      <Space orientation="vertical" size={12} style={{ width: '100%' }} className="no-print">
        <Header a={a} />
        <Card title={t('detail.chain')} data-testid="chain-card">
          <ChainTimeline chain={a.chain} />
        </Card>
        <Card title={t('detail.nodes')}>
          <NodeStatus nodes={a.nodes} />
        </Card>
        <Row gutter={[12, 12]}>
          <Col xs={24} xl={14}>
            <Card title={t('detail.info')}>
              <Descriptions column={screens.md ? 2 : 1} size="small" bordered>
                <Descriptions.Item label={t('accident.occurredAt')}>{formatTime(a.occurredAt)}</Descriptions.Item>
                <Descriptions.Item label={t('accident.receivedAt')}>{formatTime(a.receivedAt)}</Descriptions.Item>
                <Descriptions.Item label={t('accident.regionShort')}>{a.regionName}</Descriptions.Item>
                <Descriptions.Item label={t('accident.address')}>{a.address}</Descriptions.Item>
                <Descriptions.Item label={t('accident.unitName')}>{a.unitName}</Descriptions.Item>
                <Descriptions.Item label={t('accident.unitCreditCode')}>{a.unitCreditCode ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('accident.industryCode')}>{a.industryCode}</Descriptions.Item>
                <Descriptions.Item label={t('accident.accidentType')}>
                  {a.accidentType} {accidentTypeName(t, a.accidentType)}
                </Descriptions.Item>
                <Descriptions.Item label={t('accident.domain')}>{t(`domain.${a.domain}`)}</Descriptions.Item>
                <Descriptions.Item label={t('accident.grade')}>
                  <GradeTag grade={a.grade} />
                </Descriptions.Item>
                <Descriptions.Item label={t('accident.deaths')}>{a.deaths}</Descriptions.Item>
                <Descriptions.Item label={t('accident.missing')}>{a.missing}</Descriptions.Item>
                <Descriptions.Item label={t('accident.seriousInjuries')}>{a.seriousInjuries}</Descriptions.Item>
                <Descriptions.Item label={t('accident.minorInjuries')}>{a.minorInjuries}</Descriptions.Item>
                <Descriptions.Item label={t('accident.directLossYuan')} span={screens.md ? 2 : 1}>
                  {formatYuan(a.directLossYuan)}
                </Descriptions.Item>
                <Descriptions.Item label={t('accident.summary')} span={screens.md ? 2 : 1}>
                  <span style={{ whiteSpace: 'pre-wrap' }}>{a.summary}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('accident.measuresTaken')} span={screens.md ? 2 : 1}>
                  <span style={{ whiteSpace: 'pre-wrap' }}>{a.measuresTaken}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('accident.reporterName')}>{a.reporterName}</Descriptions.Item>
                <Descriptions.Item label={t('accident.reporterPhone')}>{a.reporterPhone}</Descriptions.Item>
              </Descriptions>
              {statsDiffer && (
                <Alert
                  style={{ marginTop: 12 }}
                  type="warning"
                  showIcon
                  title={t('detail.statistics')}
                  description={FIGURE_KEYS.map((k) => `${t(`accident.${k}`)} ${show(s[k])}`).join('；')}
                />
              )}
            </Card>
          </Col>
          <Col xs={24} xl={10}>
            <Card title={t('detail.revisions')} data-testid="revisions">
              <Timeline
                items={[...a.revisions]
                  .sort((x, y) => y.no - x.no)
                  .map((r) => ({
                    key: r.no,
                    color: r.outsideWindow ? 'red' : r.kind === 'final' ? 'green' : 'blue',
                    content: <RevisionDiff revision={r} />,
                  }))}
              />
            </Card>
          </Col>
        </Row>
        {mayDo(me, 'writeoff.read') && <WriteoffHistoryCard accidentId={a.id} />}
        {mayDo(me, 'audit.read') && <AccidentAuditCard accidentId={a.id} />}
      </Space>
    </>
  );
}

const FIGURE_KEYS = ['deaths', 'missing', 'seriousInjuries', 'minorInjuries', 'directLossYuan'] as const;
