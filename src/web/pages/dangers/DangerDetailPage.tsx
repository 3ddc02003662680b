/**
 * 隐患详情 (/hidden-dangers/:id): the danger and its order, its legal clocks with due dates, status and countdown, the
 * 治理方案, the extension requests and the history — and the next steps the user may take: report it fixed, ask for
 * an extension (the enterprise), decide one, re-inspect, file the 治理方案, close (销号) a 重大 danger.
 */
import { ArrowLeftOutlined } from '@ant-design/icons';
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
  Modal,
  Radio,
  Row,
  Space,
  Spin,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { type HiddenDanger, PLAN_PARTS } from '../../../contracts/hidden-dangers.js';
import { ApiError } from '../../api/client.js';
import { useMe } from '../../api/queries.js';
import type { Me } from '../../api/types.js';
import { Countdown } from '../../components/Countdown.js';
import { showFieldIssues } from '../../components/form-issues.js';
import { formatTime } from '../../components/format.js';
import { DeadlineTag } from '../../components/tags.js';
import { mayDo } from '../../routes.js';
import { useDanger, useDangerAction } from './queries.js';
import { DangerLevelTag, DangerStatusTag, endOfShanghaiDay } from './tags.js';

type ActionKey = 'completion' | 'extension' | 'approve' | 'reject' | 'recheck' | 'plan' | 'close';

/** The steps open to this user on this danger now. */
function actionsFor(me: Me | null | undefined, d: HiddenDanger): ActionKey[] {
  if (d.status === 'closed') return [];
  const out: ActionKey[] = [];
  const pending = d.extensions.find((x) => x.status === 'pending');
  const canReport = mayDo(me, 'danger.report');
  const supervise = mayDo(me, 'danger.supervise');
  if (canReport && !d.completedOn) out.push('completion');
  if (mayDo(me, 'danger.extension') && d.deadline && !d.completedOn && !pending) out.push('extension');
  if (supervise && pending) out.push('approve', 'reject');
  if (supervise && d.completedOn && d.recheckPassed !== true) out.push('recheck');
  if (canReport && d.level === 'major' && !d.plan) out.push('plan');
  if (supervise && d.level === 'major' && d.closeBlockers.length === 0) out.push('close');
  return out;
}

interface ActionForm {
  note?: string;
  evidence?: string;
  newDeadline?: Dayjs;
  reason?: string;
  passed?: boolean;
  [part: string]: unknown;
}

/** Where each step is posted and what it sends. */
function request(key: ActionKey, d: HiddenDanger, v: ActionForm): { path: string; body: object } {
  const base = `/api/hidden-dangers/${d.id}`;
  const pending = d.extensions.find((x) => x.status === 'pending');
  switch (key) {
    case 'completion':
      return {
        path: `${base}/completion`,
        body: {
          note: v.note ?? '',
          evidence: (v.evidence ?? '')
            .split('\n')
            .map((s) => s.trim())
            .filter(Boolean),
        },
      };
    case 'extension':
      return {
        path: `${base}/extension-requests`,
        body: { newDeadline: v.newDeadline?.format('YYYY-MM-DD'), reason: v.reason ?? '' },
      };
    case 'approve':
    case 'reject':
      return {
        path: `/api/extension-requests/${pending?.id}/decide`,
        body: { approve: key === 'approve', ...(v.note ? { note: v.note } : {}) },
      };
    case 'recheck':
      return {
        path: `${base}/recheck`,
        body: {
          passed: v.passed ?? true,
          note: v.note ?? '',
          ...(v.passed === false && v.newDeadline ? { newDeadline: v.newDeadline.format('YYYY-MM-DD') } : {}),
        },
      };
    case 'plan':
      return { path: `${base}/plan`, body: Object.fromEntries(PLAN_PARTS.map((p) => [p, v[p] ?? ''])) };
    default:
      return { path: `${base}/close`, body: v.note ? { note: v.note } : {} };
  }
}

function ActionFields({ action }: { action: ActionKey }) {
  const { t } = useTranslation();
  const required = (field: string) => [{ required: true, whitespace: true, message: t('form.required', { field }) }];
  switch (action) {
    case 'completion':
      return (
        <>
          <Form.Item name="note" label={t('dangers.completionNote')} rules={required(t('dangers.completionNote'))}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Form.Item name="evidence" label={t('dangers.evidence')}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </>
      );
    case 'extension':
      return (
        <>
          <Alert type="info" showIcon title={t('dangers.extensionHint')} style={{ marginBottom: 12 }} />
          <Form.Item
            name="newDeadline"
            label={t('dangers.newDeadline')}
            rules={[{ required: true, message: t('form.required', { field: t('dangers.newDeadline') }) }]}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="reason" label={t('dangers.reason')} rules={required(t('dangers.reason'))}>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        </>
      );
    case 'recheck':
      return (
        <>
          <Form.Item name="passed" label={t('dangers.recheckPassed')} initialValue={true}>
            <Radio.Group
              options={[
                { value: true, label: t('dangers.passed') },
                { value: false, label: t('dangers.failed') },
              ]}
              optionType="button"
            />
          </Form.Item>
          <Alert type="warning" showIcon title={t('dangers.failedHint')} style={{ marginBottom: 12 }} />
          <Form.Item noStyle dependencies={['passed']}>
            {({ getFieldValue }) =>
              getFieldValue('passed') === false && (
                <Form.Item name="newDeadline" label={t('dangers.recheckNewDeadline')}>
                  <DatePicker style={{ width: '100%' }} data-testid="recheck-new-deadline" />
                </Form.Item>
              )
            }
          </Form.Item>
          <Form.Item name="note" label={t('dangers.recheckNote')} rules={required(t('dangers.recheckNote'))}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </>
      );
    case 'plan':
      return (
        <>
          {PLAN_PARTS.map((p) => (
            <Form.Item key={p} name={p} label={t(`audit.fields.${p}`)} rules={required(t(`audit.fields.${p}`))}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          ))}
        </>
      );
    default:
      return (
        <Form.Item name="note" label={t(action === 'close' ? 'dangers.closeNote' : 'dangers.decisionNote')}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      );
  }
}

function ActionModal({ action, danger, onClose }: { action: ActionKey; danger: HiddenDanger; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ActionForm>();
  const act = useDangerAction(danger.id);
  const submit = async () => {
    // A field the user left wrong shows its message under it; nothing to send then.
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      await act.mutateAsync(request(action, danger, v));
      void message.success(t('dangers.done'));
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.fieldIssues.length) showFieldIssues(form, e, message);
      else void message.error(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <Modal
      open
      width={640}
      title={t(`dangers.action.${action}`)}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={act.isPending}
      onCancel={onClose}
      onOk={() => void submit()}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" data-testid={`danger-action-form-${action}`}>
        <ActionFields action={action} />
      </Form>
    </Modal>
  );
}

function Clocks({ danger }: { danger: HiddenDanger }) {
  const { t } = useTranslation();
  return (
    <Table
      size="small"
      rowKey={(c) => `${c.kind}${c.dueOn}`}
      pagination={false}
      dataSource={danger.clocks}
      data-testid="danger-clocks"
      columns={[
        { title: t('dangers.clocks'), dataIndex: 'kind', render: (k: string) => t(`dangers.clock.${k}`) },
        { title: t('dangers.dueOn'), dataIndex: 'dueOn' },
        { title: t('dangers.status'), dataIndex: 'status', render: (s) => <DeadlineTag status={s} /> },
        {
          title: t('dangers.doneOn'),
          key: 'done',
          render: (_: unknown, c) => c.doneOn ?? <Countdown dueAt={endOfShanghaiDay(c.dueOn)} />,
        },
      ]}
    />
  );
}

/** A line of the card; a long text takes the whole width. */
function item(label: string, value: ReactNode, wide = false) {
  return { key: label, label, children: value ?? '—', ...(wide ? { span: 'filled' as const } : {}) };
}

export function DangerDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const me = useMe().data;
  const query = useDanger(id);
  const [action, setAction] = useState<ActionKey | null>(null);
  const d = query.data;
  if (query.error) return <Alert type="error" showIcon title={String(query.error)} />;
  if (!d) return <Spin />;
  const actions = actionsFor(me, d);
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            <Link to="/hidden-dangers">
              <ArrowLeftOutlined />
            </Link>
            <span data-testid="danger-title">{d.enterpriseName}</span>
            <DangerLevelTag level={d.level} />
            <DangerStatusTag status={d.status} />
            {d.supervised && <Tag color="red">{t('dangers.supervised')}</Tag>}
          </Space>
        }
        extra={
          <Space wrap>
            {actions.map((a) => (
              <Button
                key={a}
                type={a === 'recheck' || a === 'completion' || a === 'close' ? 'primary' : 'default'}
                danger={a === 'reject'}
                onClick={() => setAction(a)}
                data-testid={`danger-action-${a}`}
              >
                {t(`dangers.action.${a}`)}
              </Button>
            ))}
          </Space>
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, lg: 2 }}
          items={[
            item(t('dangers.description'), d.description, true),
            item(t('dangers.location'), d.location),
            item(t('dangers.source'), t(`danger.source.${d.source}`)),
            item(t('dangers.foundOn'), d.foundOn),
            item(t('dangers.rectification'), t(`danger.rectification.${d.rectification}`)),
            item(t('dangers.deadline'), d.deadline),
            item(t('dangers.measures'), d.measures, true),
            item(t('dangers.recheckDueOn'), d.recheckDueOn),
            ...(d.standardItem
              ? [
                  item(
                    t('dangers.standardItem'),
                    `${d.standardItem.standard} ${d.standardItem.article}：${d.standardItem.text}`,
                  ),
                ]
              : []),
            ...(d.immediateMeasures.length
              ? [
                  item(
                    t('dangers.immediateMeasures'),
                    d.immediateMeasures.map((m) => t(`danger.measure.${m}`)).join('；'),
                  ),
                ]
              : []),
            item(t('dangers.reportedBy'), `${d.reportedByName}（${d.reportedByOrg}）`, true),
          ]}
        />
        {d.level === 'major' && d.closeBlockers.length > 0 && d.status !== 'closed' && (
          <Alert
            style={{ marginTop: 12 }}
            type="warning"
            showIcon
            data-testid="danger-blockers"
            title={`${t('dangers.blockers')}：${d.closeBlockers.map((b) => t(`dangers.blocker.${b}`)).join('、')}`}
          />
        )}
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          <Card title={t('dangers.clocks')} size="small">
            <Clocks danger={d} />
          </Card>
          {d.documents.length > 0 && (
            <Card title={t('dangers.documents')} size="small" style={{ marginTop: 12 }} data-testid="danger-documents">
              {d.documents.map((x) => (
                <div key={x.id}>
                  <a href={`/api/hidden-dangers/${d.id}/documents/${x.id}.docx`} download>
                    {t(`dangers.documentKind.${x.kind}`)}
                  </a>
                  <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                    {x.number}
                  </Typography.Text>
                </div>
              ))}
            </Card>
          )}
          {d.plan && (
            <Card title={t('dangers.plan')} size="small" style={{ marginTop: 12 }}>
              <Descriptions
                size="small"
                column={1}
                items={PLAN_PARTS.map((p) => item(t(`audit.fields.${p}`), d.plan?.[p]))}
              />
            </Card>
          )}
          {d.extensions.length > 0 && (
            <Card title={t('dangers.extensions')} size="small" style={{ marginTop: 12 }}>
              {d.extensions.map((x) => (
                <Typography.Paragraph key={x.id} style={{ marginBottom: 4 }}>
                  {x.requestedOn}：{x.oldDeadline} → {x.newDeadline}（{x.reason}）
                  <Tag style={{ marginLeft: 8 }}>{t(`dangers.${x.status}`)}</Tag>
                </Typography.Paragraph>
              ))}
            </Card>
          )}
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('dangers.history')} size="small">
            <Timeline
              data-testid="danger-history"
              items={d.history.map((h) => ({
                key: h.seq,
                content: (
                  <>
                    <Typography.Text strong>{t(`dangers.event.${h.kind}`, { defaultValue: h.kind })}</Typography.Text>
                    <Typography.Text type="secondary">
                      {' '}
                      {formatTime(h.at)} · {h.actorName}（{h.actorOrg}）
                    </Typography.Text>
                    {h.note && <div>{h.note}</div>}
                  </>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
      {action && <ActionModal action={action} danger={d} onClose={() => setAction(null)} />}
    </Space>
  );
}
