/**
 * 案件详情 (/cases/:id): the party, the violations with their bands, the penalty proposed and decided, the clocks with
 * their last days and status (a year without a calendar says so), the documents (.docx, PDF), the history — and the
 * steps this user may take now (steps.tsx).
 */
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Row, Space, Spin, Table, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { PenaltyCase } from '../../../contracts/cases.js';
import type { CaseClock } from '../../../domain/penalty-case.js';
import { useMe } from '../../api/queries.js';
import { formatTime } from '../../components/format.js';
import { useCase } from './queries.js';
import { type Step, StepModal, stepsFor } from './steps.js';
import { CaseStatusTag, ClockStatusTag } from './tags.js';

const yuan = (n: number | null | undefined) =>
  n === null || n === undefined ? '—' : `${n.toLocaleString('zh-CN')} 元`;

function Facts({ c }: { c: PenaltyCase }) {
  const { t } = useTranslation();
  const party = c.parties[0];
  const kinds = (ks: string[]) => ks.map((k) => t(`cases.kinds.${k}`)).join('、') || '—';
  return (
    <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered data-testid="case-facts">
      <Descriptions.Item label={t('cases.party')}>
        {party?.name}
        {party?.creditCode ? `（${party.creditCode}）` : party?.idNumber ? `（${party.idNumber}）` : ''}
      </Descriptions.Item>
      <Descriptions.Item label={t('cases.procedure')}>{t(`cases.procedures.${c.procedure}`)}</Descriptions.Item>
      <Descriptions.Item label={t('cases.cause')} span={2}>
        {c.cause}
      </Descriptions.Item>
      <Descriptions.Item label={t('cases.facts.band')}>
        {c.band ? `${yuan(c.band.minYuan)} – ${yuan(c.band.maxYuan)}` : '—'}
        {c.outsideBand && (
          <Typography.Text type="warning">
            {' '}
            {t('cases.facts.outsideBand', { reason: c.outsideBandReason })}
          </Typography.Text>
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t('cases.facts.proposed')}>
        {c.proposedFineYuan === null ? '—' : `${kinds(c.proposedKinds)} ${yuan(c.proposedFineYuan)}`}
      </Descriptions.Item>
      <Descriptions.Item label={t('cases.facts.decided')}>
        {c.decidedOn ? `${c.decidedOn} ${kinds(c.kinds)} ${yuan(c.fineYuan)}` : '—'}
        {c.outcome && <Tag style={{ marginLeft: 8 }}>{t(`cases.outcomes.${c.outcome}`)}</Tag>}
      </Descriptions.Item>
      <Descriptions.Item label={t('cases.facts.legalReview')}>
        {c.legalReview
          ? `${c.legalReview.reviewer}：${c.legalReview.opinion}`
          : c.legalReviewRequired
            ? t('cases.facts.required')
            : '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('cases.facts.hearingRight')}>
        {c.hearingRight ? t('cases.facts.yes') : t('cases.facts.no')}
      </Descriptions.Item>
      {c.lateFee && (
        <Descriptions.Item label={t('cases.facts.lateFee')}>
          <span data-testid="case-late-fee">{`${c.lateFee.daysLate} 日，${c.lateFee.lateFeeYuan.toFixed(2)} 元`}</span>
        </Descriptions.Item>
      )}
      {c.dailyPenalty && (
        <Descriptions.Item label={t('cases.facts.dailyPenalty')}>
          {t('cases.facts.days', {
            days: c.dailyPenalty.days,
            total: c.dailyPenalty.totalYuan.toLocaleString('zh-CN'),
          })}
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}

function Clocks({ clocks }: { clocks: PenaltyCase['clocks'] }) {
  const { t } = useTranslation();
  return (
    <Table<PenaltyCase['clocks'][number]>
      size="small"
      rowKey="name"
      pagination={false}
      dataSource={clocks}
      data-testid="case-clocks"
      columns={[
        { title: t('cases.clocks.name'), dataIndex: 'label' },
        {
          title: t('cases.clocks.dueOn'),
          dataIndex: 'dueOn',
          render: (v: string | null, k: CaseClock) =>
            v ?? (
              <Typography.Text type="warning">
                {t('cases.clocks.calendarMissing', { year: k.missingYear })}
              </Typography.Text>
            ),
        },
        {
          title: t('cases.clocks.status'),
          dataIndex: 'status',
          render: (_: unknown, k: CaseClock) => <ClockStatusTag status={k.status} />,
        },
      ]}
    />
  );
}

export function CaseDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const me = useMe().data;
  const q = useCase(id);
  const [step, setStep] = useState<Step | null>(null);
  if (q.isPending) return <Spin />;
  if (q.error || !q.data) return <Alert type="error" title={q.error?.message ?? '—'} />;
  const c = q.data;
  const steps = stepsFor(me, c);
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap>
        <Link to="/cases">
          <Button icon={<ArrowLeftOutlined />}>{t('cases.title')}</Button>
        </Link>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="case-title">
          {c.number ?? c.cause}
        </Typography.Title>
        <span data-testid="case-stage" data-status={c.status}>
          <CaseStatusTag status={c.status} />
        </span>
      </Space>
      {c.closureCandidate && (
        <Alert
          type="error"
          showIcon
          title={t('cases.facts.closure')}
          description={t('cases.facts.closureText', c.closureCandidate)}
        />
      )}
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={16}>
          <Card size="small">
            <Facts c={c} />
          </Card>
          <Card size="small" title={t('cases.form.violations')} style={{ marginTop: 12 }}>
            {c.violations.map((v) => (
              <div key={v.code} style={{ marginBottom: 8 }}>
                <Typography.Text strong>{v.title}</Typography.Text>{' '}
                <Tag>{t(`cases.circumstances.${v.circumstance}`)}</Tag>
                <div>
                  <Typography.Text type="secondary">
                    {v.violatedClause} → {v.penaltyClause}
                    {v.band ? `；${v.band.minYuan}–${v.band.maxYuan} 元` : ''}
                  </Typography.Text>
                </div>
                <div>{v.facts}</div>
              </div>
            ))}
          </Card>
          <Card size="small" title={t('cases.clocks.title')} style={{ marginTop: 12 }}>
            <Clocks clocks={c.clocks} />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={t('cases.step.title')} data-testid="case-steps">
            {steps.length === 0 ? (
              <Typography.Text type="secondary">{t('cases.step.none')}</Typography.Text>
            ) : (
              <Space wrap>
                {steps.map((s, i) => (
                  <Button
                    key={s}
                    type={i === 0 ? 'primary' : 'default'}
                    onClick={() => setStep(s)}
                    data-testid={`case-step-${s}`}
                  >
                    {t(`cases.step.${s}`)}
                  </Button>
                ))}
              </Space>
            )}
          </Card>
          <Card size="small" title={t('cases.documents')} style={{ marginTop: 12 }} data-testid="case-documents">
            {c.documents.map((d) => (
              <div key={d.id} style={{ marginBottom: 6 }} data-testid={`case-document-${d.kind}`}>
                <Typography.Text>{d.title}</Typography.Text>{' '}
                <Typography.Text type="secondary">{d.number}</Typography.Text>{' '}
                <a href={`/api/cases/${c.id}/documents/${d.id}.docx`} download data-testid="case-document-docx">
                  {t('cases.download')}
                </a>{' '}
                <a href={`/api/cases/${c.id}/documents/${d.id}.pdf`} download>
                  {t('cases.pdf')}
                </a>
              </div>
            ))}
          </Card>
          <Card size="small" title={t('cases.history')} style={{ marginTop: 12 }}>
            <Timeline
              items={c.history
                .filter((h) => h.kind !== 'document')
                .map((h) => ({
                  key: h.seq,
                  content: (
                    <span>
                      {formatTime(h.at)} {h.actorName}（{h.actorOrg}）
                      <Typography.Text strong> {t(`cases.events.${h.kind}`, { defaultValue: h.kind })}</Typography.Text>
                      {h.note ? `：${h.note}` : ''}
                    </span>
                  ),
                }))}
            />
          </Card>
        </Col>
      </Row>
      {step && <StepModal step={step} c={c} onClose={() => setStep(null)} />}
    </Space>
  );
}
