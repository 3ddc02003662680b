/**
 * 应急预案详情 (/emergency-plans/:id): the plan and its duties (第二十一条, 第二十六条, 第三十三条, 第三十五条 classes), the
 * clocks — filing, the bureau's check, the next drill, the 3-yearly evaluation — each with its last day and status (a
 * year without its calendar says so), the drill duties of the unit, the filings with their answers (登记表 or 补正告知书
 * as .docx), the drills with their 评估报告, the versions — and the writes this user may make now.
 */
import { ArrowLeftOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Row,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ATTACHMENT_KINDS, type EmergencyPlan, type PlanClock } from '../../../contracts/emergency-plans.js';
import { useMe } from '../../api/queries.js';
import { formatTime } from '../../components/format.js';
import { mayDo } from '../../routes.js';
import { type PlanAction, PlanActionModal } from './PlanActionModal.js';
import { usePlan, useUploadAttachment } from './queries.js';
import { DueDay, FilingStatusTag, PlanClockTag } from './tags.js';

function actionsFor(me: ReturnType<typeof useMe>['data'], p: EmergencyPlan): PlanAction[] {
  const out: PlanAction[] = [];
  const pending = p.filings.some((f) => f.status === 'submitted');
  if (
    mayDo(me, 'emergency_plan.file') &&
    p.ownerKind === 'enterprise' &&
    !pending &&
    !['filed', 'deemed'].includes(p.filing.status)
  )
    out.push('file');
  if (mayDo(me, 'emergency_plan.decide') && pending) out.push('decide');
  if (mayDo(me, 'emergency_plan.write')) out.push('drill', 'revise', 'evaluate');
  return out;
}

function Facts({ p }: { p: EmergencyPlan }) {
  const { t } = useTranslation();
  const yes = (b: boolean) => (b ? t('plans.yes') : t('plans.no'));
  return (
    <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered data-testid="plan-facts">
      <Descriptions.Item label={t('plans.owner')}>
        {p.ownerName}
        {p.creditCode ? `（${p.creditCode}）` : ''}
      </Descriptions.Item>
      <Descriptions.Item label={t('plans.kind')}>{t(`plans.kinds.${p.kind}`)}</Descriptions.Item>
      <Descriptions.Item label={t('plans.version')}>{t('plans.versionN', { n: p.revision })}</Descriptions.Item>
      <Descriptions.Item label={t('plans.publishedOn')}>
        {p.publishedOn}（{p.signer}）
      </Descriptions.Item>
      <Descriptions.Item label={t('plans.risks')} span={2}>
        {p.risks.join('、')}
      </Descriptions.Item>
      <Descriptions.Item label={t('plans.reviewKind')}>
        {t(`plans.reviewKinds.${p.reviewKind}`)} {p.reviewedOn ?? ''}
      </Descriptions.Item>
      <Descriptions.Item label={t('plans.reviewSummary')}>{p.reviewSummary ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('plans.classes')} span={2}>
        {p.duties.classes.length ? p.duties.classes.map((c) => <Tag key={c}>{t(`plans.classNames.${c}`)}</Tag>) : '—'}
        <Typography.Text type="secondary">
          {t('plans.dutiesLine', {
            filing: yes(p.duties.filingRequired),
            review: yes(p.duties.reviewRequired),
            highRisk: yes(p.duties.highRisk),
            evaluation: yes(p.duties.evaluationRequired),
          })}
        </Typography.Text>
      </Descriptions.Item>
      <Descriptions.Item label={t('plans.filingStatus')}>
        <FilingStatusTag status={p.filing.status} late={p.filing.late} />
        {p.filing.number && <span data-testid="plan-filing-number">{p.filing.number}</span>}
      </Descriptions.Item>
      <Descriptions.Item label={t('plans.filedAt')}>
        {p.filing.filedAt ? formatTime(p.filing.filedAt) : '—'}
      </Descriptions.Item>
      {p.filing.bureauName && (
        <Descriptions.Item label={t('plans.filingBureau')}>{p.filing.bureauName}</Descriptions.Item>
      )}
      {p.filing.missing.length > 0 && (
        <Descriptions.Item label={t('plans.missing')} span={2}>
          {p.filing.missing.join('；')}
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}

function Clocks({ p }: { p: EmergencyPlan }) {
  const { t } = useTranslation();
  return (
    <Table<PlanClock>
      size="small"
      rowKey="name"
      pagination={false}
      dataSource={p.clocks}
      data-testid="plan-clocks"
      columns={[
        { title: t('plans.clock'), dataIndex: 'label' },
        {
          title: t('plans.dueOn'),
          dataIndex: 'dueOn',
          render: (_: unknown, k) => <DueDay dueOn={k.dueOn} nominalOn={k.nominalOn} />,
        },
        {
          title: t('plans.status'),
          dataIndex: 'status',
          render: (_: unknown, k) => <PlanClockTag status={k.status} />,
        },
      ]}
    />
  );
}

/** The plan's files (PDF, .docx, .xlsx, kept by their SHA-256) and, for a writer, the upload. */
function Attachments({ p, canWrite }: { p: EmergencyPlan; canWrite: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [kind, setKind] = useState<string>('plan_document');
  const upload = useUploadAttachment(p.id);
  return (
    <Card
      size="small"
      title={t('plans.attachments')}
      extra={
        canWrite && (
          <Space>
            <Select
              size="small"
              style={{ width: 180 }}
              value={kind}
              onChange={setKind}
              options={ATTACHMENT_KINDS.map((k) => ({ value: k, label: t(`plans.attachmentKinds.${k}`) }))}
            />
            <Upload
              accept=".pdf,.docx,.xlsx"
              showUploadList={false}
              beforeUpload={(file) => {
                upload.mutate(
                  { kind, file },
                  {
                    onSuccess: () => void message.success(t('plans.saved')),
                    onError: (e) => void message.error(e.message),
                  },
                );
                return false;
              }}
            >
              <Button size="small" icon={<UploadOutlined />} loading={upload.isPending} data-testid="plan-attach">
                {t('plans.attach')}
              </Button>
            </Upload>
          </Space>
        )
      }
    >
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={p.attachments}
        data-testid="plan-attachments"
        columns={[
          {
            title: t('plans.attachmentKind'),
            dataIndex: 'kind',
            width: 160,
            render: (v: string) => t(`plans.attachmentKinds.${v}`),
          },
          {
            title: t('plans.fileName'),
            dataIndex: 'fileName',
            render: (v: string, a) => (
              <a href={`/api/emergency-plans/${p.id}/attachments/${a.id}`} download>
                {v}
              </a>
            ),
          },
          { title: t('plans.version'), dataIndex: 'revision', width: 70 },
          {
            title: t('plans.size'),
            dataIndex: 'size',
            width: 100,
            align: 'right',
            render: (v: number) => `${Math.ceil(v / 1024)} KB`,
          },
          {
            title: t('plans.uploaded'),
            dataIndex: 'uploadedAt',
            width: 170,
            render: (v: string, a) => `${formatTime(v)} ${a.uploadedByName}`,
          },
        ]}
      />
    </Card>
  );
}

export function EmergencyPlanDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const me = useMe().data;
  const q = usePlan(id);
  const [action, setAction] = useState<PlanAction | null>(null);
  if (q.isPending) return <Spin />;
  if (q.error || !q.data) return <Alert type="error" title={q.error?.message ?? '—'} />;
  const p = q.data;
  const called = [
    ...p.drills.filter(
      (d) => d.evaluation?.problems.some((x) => x.revisionNeeded) && !p.revisions.some((r) => r.sourceDrillId === d.id),
    ),
  ];
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap>
        <Link to="/emergency-plans">
          <Button icon={<ArrowLeftOutlined />}>{t('plans.listTitle')}</Button>
        </Link>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="plan-title">
          {p.title}
        </Typography.Title>
        {actionsFor(me, p).map((a) => (
          <Button key={a} onClick={() => setAction(a)} data-testid={`plan-action-${a}`}>
            {t(`plans.actions.${a}`)}
          </Button>
        ))}
      </Space>
      {called.length > 0 && <Alert type="warning" showIcon title={t('plans.revisionCalled', { n: called.length })} />}
      <Facts p={p} />
      <Row gutter={12}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('plans.clocks')}>
            <Clocks p={p} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('plans.drillDuties')}>
            <Table
              size="small"
              rowKey="duty"
              pagination={false}
              dataSource={p.drillDuties}
              data-testid="plan-drill-duties"
              columns={[
                { title: t('plans.duty'), dataIndex: 'label' },
                {
                  title: t('plans.lastDrilledOn'),
                  dataIndex: 'lastDrilledOn',
                  render: (v: string | null, d) => (
                    <>
                      {v ?? '—'}
                      {d.unreportedOn && (
                        <Tag color="warning" data-testid="plan-drill-unreported">
                          {t('plans.drillUnreported', { day: d.unreportedOn })}
                        </Tag>
                      )}
                    </>
                  ),
                },
                {
                  title: t('plans.dueOn'),
                  dataIndex: 'dueOn',
                  render: (_: unknown, d) => (
                    <Typography.Text type={d.overdue ? 'danger' : undefined}>
                      <DueDay dueOn={d.dueOn} nominalOn={d.nominalOn} />
                    </Typography.Text>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('plans.filings')}>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={p.filings}
          data-testid="plan-filings"
          columns={[
            { title: t('plans.version'), dataIndex: 'revision', width: 70 },
            { title: t('plans.receivedOn'), dataIndex: 'receivedOn', width: 110 },
            { title: t('plans.checkDueOn'), dataIndex: 'checkDueOn', width: 110 },
            {
              title: t('plans.materials'),
              dataIndex: 'materials',
              render: (m: string[]) => m.map((x) => t(`plans.materialNames.${x}`)).join('；'),
            },
            {
              title: t('plans.decision'),
              key: 'decision',
              render: (_: unknown, f) =>
                f.decision ? (
                  <Space orientation="vertical" size={0}>
                    <span>
                      {t(`plans.outcomes.${f.decision.outcome}`)} {f.decision.decidedOn} {f.decision.decidedByName}
                    </span>
                    {f.decision.missing.length > 0 && (
                      <Typography.Text type="warning">{f.decision.missing.join('；')}</Typography.Text>
                    )}
                    {f.decision.documentId && (
                      <a href={`/api/plan-filings/${f.id}/document.docx`} download data-testid="plan-filing-docx">
                        {f.decision.number}（.docx）
                      </a>
                    )}
                  </Space>
                ) : (
                  <Tag color="cyan">{t('plans.awaiting')}</Tag>
                ),
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('plans.drills')}>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={p.drills}
          data-testid="plan-drills"
          columns={[
            { title: t('plans.drilledOn'), dataIndex: 'drilledOn', width: 110 },
            {
              title: t('plans.drillForm'),
              dataIndex: 'form',
              width: 100,
              render: (v: string) => t(`plans.drillForms.${v}`),
            },
            { title: t('plans.participants'), dataIndex: 'participants', width: 80, align: 'right' },
            { title: t('plans.scenario'), dataIndex: 'scenario' },
            {
              title: t('plans.evaluationReport'),
              key: 'evaluation',
              render: (_: unknown, d) =>
                d.evaluation ? (
                  <Space orientation="vertical" size={0}>
                    <span>
                      {d.evaluation.evaluatedOn} {d.evaluation.summary}
                    </span>
                    {d.evaluation.problems.map((x) => (
                      <Typography.Text key={x.description} type={x.revisionNeeded ? 'danger' : 'secondary'}>
                        · {x.description}
                        {x.revisionNeeded ? `（${t('plans.revisionNeeded')}）` : ''}
                      </Typography.Text>
                    ))}
                  </Space>
                ) : (
                  '—'
                ),
            },
            {
              title: t('plans.reportedOn'),
              dataIndex: 'reportedOn',
              width: 110,
              render: (v: string | null) => v ?? '—',
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('plans.revisions')}>
        <Table
          size="small"
          rowKey="revision"
          pagination={false}
          dataSource={p.revisions}
          data-testid="plan-revisions"
          columns={[
            { title: t('plans.version'), dataIndex: 'revision', width: 70 },
            { title: t('plans.publishedOn'), dataIndex: 'publishedOn', width: 110 },
            { title: t('plans.title'), dataIndex: 'title' },
            {
              title: t('plans.trigger'),
              dataIndex: 'trigger',
              render: (v: string | null) => (v ? t(`plans.triggers.${v}`) : t('plans.firstVersion')),
            },
            {
              title: t('plans.changes'),
              dataIndex: 'changes',
              render: (c: string[]) => c.map((x) => t(`plans.changeNames.${x}`)).join('、') || '—',
            },
            {
              title: t('plans.refiling'),
              dataIndex: 'requiresFiling',
              width: 90,
              render: (v: boolean) => (v ? t('plans.yes') : t('plans.no')),
            },
          ]}
        />
      </Card>
      <Attachments p={p} canWrite={mayDo(me, 'emergency_plan.write')} />
      {p.evaluations.length > 0 && (
        <Card size="small" title={t('plans.evaluations')}>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={p.evaluations}
            columns={[
              { title: t('plans.evaluatedOn'), dataIndex: 'evaluatedOn', width: 110 },
              { title: t('plans.conclusion'), dataIndex: 'conclusion' },
              {
                title: t('plans.revisionNeeded'),
                dataIndex: 'revisionNeeded',
                width: 100,
                render: (v: boolean) => (v ? t('plans.yes') : t('plans.no')),
              },
            ]}
          />
        </Card>
      )}
      {action && <PlanActionModal action={action} plan={p} onClose={() => setAction(null)} />}
    </Space>
  );
}
