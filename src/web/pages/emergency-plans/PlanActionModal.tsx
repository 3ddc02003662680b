/**
 * The writes about one plan, each a dialog: 报送备案 (the enterprise: the 第二十七条 materials), 备案审核 (the bureau:
 * complete, or everything missing at once), 记录演练 (with its 评估报告 and the problems found), 修订 (the 第三十六条
 * trigger and what changes: 第三十七条 decides re-filing) and 评估 (第三十五条). The server's field messages show under the
 * fields.
 */
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, DatePicker, Form, Input, InputNumber, Radio, Select, Space, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { EmergencyPlan } from '../../../contracts/emergency-plans.js';
import {
  DRILL_FORMS,
  FILING_MATERIALS,
  REVIEW_KINDS,
  REVISION_CHANGES,
  REVISION_TRIGGERS,
} from '../../../domain/emergency-plan.js';
import { ApiError, uuid } from '../../api/client.js';
import { showFieldIssues, validValues } from '../../components/form-issues.js';
import { SaveModal } from '../../components/SaveModal.js';
import { usePlanAction } from './queries.js';

export type PlanAction = 'file' | 'decide' | 'drill' | 'revise' | 'evaluate';

// biome-ignore lint/suspicious/noExplicitAny: one form for five dialogs, each reads its own fields
type Values = Record<string, any>;

const day = (d?: Dayjs) => d?.format('YYYY-MM-DD');
const trimmed = (s?: string) => (s?.trim() ? s.trim() : undefined);
const lines = (s?: string) =>
  (s ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** The request of an action: its path and body from the form's values. */
function request(action: PlanAction, plan: EmergencyPlan, v: Values): { path: string; body: object } {
  const base = `/api/emergency-plans/${plan.id}`;
  switch (action) {
    case 'file':
      return { path: `${base}/filings`, body: { materials: v.materials ?? [], note: trimmed(v.note) } };
    case 'decide': {
      const pending = plan.filings.find((f) => f.status === 'submitted');
      return {
        path: `/api/plan-filings/${pending?.id}/decide`,
        body: v.complete
          ? { complete: true, note: trimmed(v.note) }
          : { complete: false, missing: lines(v.missing), note: trimmed(v.note) },
      };
    }
    case 'drill':
      return {
        path: `${base}/drills`,
        body: {
          drilledOn: day(v.drilledOn),
          form: v.form,
          participants: v.participants,
          participantUnits: trimmed(v.participantUnits),
          scenario: v.scenario?.trim() ?? '',
          ...(v.evaluated
            ? {
                evaluation: {
                  evaluatedOn: day(v.evaluatedOn),
                  summary: v.summary?.trim() ?? '',
                  problems: ((v.problems ?? []) as { description?: string; revisionNeeded?: boolean }[])
                    .filter((p) => p.description?.trim())
                    .map((p) => ({ description: p.description?.trim(), revisionNeeded: Boolean(p.revisionNeeded) })),
                },
              }
            : {}),
          ...(v.reportedOn ? { reportedOn: day(v.reportedOn) } : {}),
        },
      };
    case 'revise':
      return {
        path: `${base}/revisions`,
        body: {
          trigger: v.trigger,
          triggerNote: trimmed(v.triggerNote),
          changes: v.changes ?? [],
          ...(v.sourceDrillId ? { sourceDrillId: v.sourceDrillId } : {}),
          ...(trimmed(v.title) ? { title: trimmed(v.title) } : {}),
          publishedOn: day(v.publishedOn),
          signer: v.signer?.trim() ?? '',
          reviewKind: v.reviewKind,
          ...(v.reviewedOn ? { reviewedOn: day(v.reviewedOn) } : {}),
          ...(trimmed(v.reviewSummary) ? { reviewSummary: trimmed(v.reviewSummary) } : {}),
        },
      };
    default:
      return {
        path: `${base}/evaluations`,
        body: {
          evaluatedOn: day(v.evaluatedOn),
          conclusion: v.conclusion?.trim() ?? '',
          revisionNeeded: Boolean(v.revisionNeeded),
        },
      };
  }
}

export function PlanActionModal({
  action,
  plan,
  onClose,
}: {
  action: PlanAction;
  plan: EmergencyPlan;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const act = usePlanAction(plan.id);
  const complete = Form.useWatch('complete', form) ?? true;
  const evaluated = Form.useWatch('evaluated', form) ?? false;
  const key = useRef(uuid());
  const required = (field: string) => ({ required: true, message: t('form.required', { field }) });

  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    const { path, body } = request(action, plan, v);
    try {
      await act.mutateAsync({ path, body, ...(action === 'decide' ? {} : { key: key.current }) });
      void message.success(t('plans.saved'));
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.fieldIssues.length) showFieldIssues(form, e, message);
      else void message.error(e instanceof Error ? e.message : String(e));
    }
  };

  const initial: Values = {
    file: { materials: [...FILING_MATERIALS].filter((m) => m !== 'review_opinion' || plan.duties.reviewRequired) },
    decide: { complete: true },
    drill: { form: 'tabletop', participants: 10, evaluated: false, problems: [] },
    revise: { trigger: 'risk_changed', changes: [], reviewKind: 'review', signer: plan.signer },
    evaluate: { revisionNeeded: false },
  }[action];

  return (
    <SaveModal
      open
      width={680}
      title={t(`plans.actions.${action}`)}
      saving={act.isPending}
      onCancel={onClose}
      onOk={() => void submit()}
    >
      <Form<Values> form={form} layout="vertical" initialValues={initial} data-testid={`plan-${action}-form`}>
        {action === 'file' && (
          <>
            <Form.Item name="materials" label={t('plans.materials')} rules={[required(t('plans.materials'))]}>
              <Checkbox.Group
                options={FILING_MATERIALS.map((m) => ({ value: m, label: t(`plans.materialNames.${m}`) }))}
              />
            </Form.Item>
            <Form.Item name="note" label={t('plans.note')}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
          </>
        )}
        {action === 'decide' && (
          <>
            <Form.Item name="complete" label={t('plans.decision')}>
              <Radio.Group
                optionType="button"
                options={[
                  { value: true, label: t('plans.complete') },
                  { value: false, label: t('plans.incomplete') },
                ]}
              />
            </Form.Item>
            {!complete && (
              <Form.Item
                name="missing"
                label={t('plans.missing')}
                extra={t('plans.missingHint')}
                rules={[required(t('plans.missing'))]}
              >
                <Input.TextArea rows={4} />
              </Form.Item>
            )}
            <Form.Item name="note" label={t('plans.note')}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
          </>
        )}
        {action === 'drill' && (
          <>
            <Form.Item name="drilledOn" label={t('plans.drilledOn')} rules={[required(t('plans.drilledOn'))]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="form" label={t('plans.drillForm')}>
              <Radio.Group
                optionType="button"
                options={DRILL_FORMS.map((f) => ({ value: f, label: t(`plans.drillForms.${f}`) }))}
              />
            </Form.Item>
            <Form.Item name="participants" label={t('plans.participants')} rules={[required(t('plans.participants'))]}>
              <InputNumber min={0} max={1_000_000} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="participantUnits" label={t('plans.participantUnits')}>
              <Input maxLength={500} />
            </Form.Item>
            <Form.Item name="scenario" label={t('plans.scenario')} rules={[required(t('plans.scenario'))]}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
            <Form.Item
              name="reportedOn"
              label={t('plans.reportedOn')}
              extra={plan.duties.highRisk ? t('plans.reportHint') : undefined}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="evaluated" label={t('plans.evaluationReport')} valuePropName="checked">
              <Switch />
            </Form.Item>
            {evaluated && (
              <>
                <Form.Item name="evaluatedOn" label={t('plans.evaluatedOn')} rules={[required(t('plans.evaluatedOn'))]}>
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
                <Form.Item
                  name="summary"
                  label={t('plans.evaluationSummary')}
                  rules={[required(t('plans.evaluationSummary'))]}
                >
                  <Input.TextArea rows={3} maxLength={4000} />
                </Form.Item>
                <Form.List name="problems">
                  {(fields, { add, remove }) => (
                    <>
                      {fields.map((f) => (
                        <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                          <Form.Item name={[f.name, 'description']} style={{ width: 420 }}>
                            <Input placeholder={t('plans.problem')} maxLength={1000} />
                          </Form.Item>
                          <Form.Item name={[f.name, 'revisionNeeded']} valuePropName="checked">
                            <Checkbox>{t('plans.revisionNeeded')}</Checkbox>
                          </Form.Item>
                          <MinusCircleOutlined onClick={() => remove(f.name)} />
                        </Space>
                      ))}
                      <Button type="dashed" onClick={() => add({ revisionNeeded: false })} icon={<PlusOutlined />}>
                        {t('plans.addProblem')}
                      </Button>
                    </>
                  )}
                </Form.List>
              </>
            )}
          </>
        )}
        {action === 'revise' && (
          <>
            <Form.Item name="trigger" label={t('plans.trigger')}>
              <Select options={REVISION_TRIGGERS.map((k) => ({ value: k, label: t(`plans.triggers.${k}`) }))} />
            </Form.Item>
            <Form.Item name="sourceDrillId" label={t('plans.sourceDrill')}>
              <Select
                allowClear
                options={plan.drills.map((d) => ({ value: d.id, label: `${d.drilledOn} ${d.scenario}` }))}
              />
            </Form.Item>
            <Form.Item name="triggerNote" label={t('plans.triggerNote')}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
            <Form.Item
              name="changes"
              label={t('plans.changes')}
              extra={t('plans.changesHint')}
              rules={[required(t('plans.changes'))]}
            >
              <Checkbox.Group
                options={REVISION_CHANGES.map((c) => ({ value: c, label: t(`plans.changeNames.${c}`) }))}
              />
            </Form.Item>
            <Form.Item name="title" label={t('plans.newTitle')}>
              <Input maxLength={200} placeholder={plan.title} />
            </Form.Item>
            <Form.Item name="publishedOn" label={t('plans.publishedOn')} rules={[required(t('plans.publishedOn'))]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="signer" label={t('plans.signer')} rules={[required(t('plans.signer'))]}>
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item name="reviewKind" label={t('plans.reviewKind')}>
              <Radio.Group
                optionType="button"
                options={REVIEW_KINDS.map((k) => ({ value: k, label: t(`plans.reviewKinds.${k}`) }))}
              />
            </Form.Item>
            <Form.Item name="reviewedOn" label={t('plans.reviewedOn')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="reviewSummary" label={t('plans.reviewSummary')}>
              <Input.TextArea rows={2} maxLength={4000} />
            </Form.Item>
          </>
        )}
        {action === 'evaluate' && (
          <>
            <Form.Item name="evaluatedOn" label={t('plans.evaluatedOn')} rules={[required(t('plans.evaluatedOn'))]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="conclusion" label={t('plans.conclusion')} rules={[required(t('plans.conclusion'))]}>
              <Input.TextArea rows={3} maxLength={4000} />
            </Form.Item>
            <Form.Item name="revisionNeeded" valuePropName="checked">
              <Checkbox>{t('plans.revisionNeeded')}</Checkbox>
            </Form.Item>
          </>
        )}
      </Form>
    </SaveModal>
  );
}
