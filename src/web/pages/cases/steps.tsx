/**
 * The steps of a case a user may take now (moves between stages, and what is done within one), each a small form:
 * which fields it asks for, and the body it sends. The server decides (400 with the field, 409, 422 with the reason);
 * the form only offers what the stage and the user's role allow (domain/penalty-case.ts CASE_MOVES, policies).
 */
import { App, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { PenaltyCase } from '../../../contracts/cases.js';
import { PENALTY_KINDS } from '../../../domain/discretion-defaults.js';
import {
  APPROVAL_MOVES,
  CASE_MOVES,
  CASE_OUTCOMES,
  type CaseStatus,
  SERVICE_METHODS,
} from '../../../domain/penalty-case.js';
import { ApiError } from '../../api/client.js';
import type { Me } from '../../api/types.js';
import { showFieldIssues, validValues } from '../../components/form-issues.js';
import { mayDo } from '../../routes.js';
import { useOfficers } from '../inspections/queries.js';
import { useCaseStep } from './queries.js';

type Kind =
  | 'date'
  | 'text'
  | 'area'
  | 'yuan'
  | 'kinds'
  | 'check'
  | 'officers'
  | { options: readonly string[]; labels: string };

interface Field {
  name: string;
  kind: Kind;
  optional?: boolean;
}

const ACTIONS = ['record', 'extension', 'filed', 'appeal', 'police_transfer', 'correction_verified'] as const;
export type ActionStep = (typeof ACTIONS)[number];
export type Step = CaseStatus | ActionStep;

const FIELDS: Partial<Record<Step, Field[]>> = {
  investigating: [
    { name: 'approvedOn', kind: 'date' },
    { name: 'opinion', kind: 'text' },
  ],
  not_filed: [{ name: 'reason', kind: 'area' }],
  reviewing: [
    { name: 'proposedFineYuan', kind: 'yuan' },
    { name: 'proposedKinds', kind: 'kinds' },
    { name: 'mitigation', kind: 'area', optional: true },
    { name: 'outsideBandReason', kind: 'area', optional: true },
    { name: 'correctionDeadline', kind: 'date', optional: true },
  ],
  notified: [
    { name: 'noticeServedOn', kind: 'date' },
    { name: 'reviewer', kind: 'text', optional: true },
    { name: 'reviewOpinion', kind: 'area', optional: true },
    { name: 'reviewOn', kind: 'date', optional: true },
  ],
  hearing: [
    { name: 'requestedOn', kind: 'date' },
    { name: 'noticeOn', kind: 'date' },
    { name: 'hearingOn', kind: 'date' },
    { name: 'place', kind: 'text' },
    { name: 'host', kind: 'text' },
  ],
  decided: [
    { name: 'decidedOn', kind: 'date' },
    { name: 'fineYuan', kind: 'yuan' },
    { name: 'kinds', kind: 'kinds' },
    { name: 'hearingHeldOn', kind: 'date', optional: true },
    { name: 'waived', kind: 'check', optional: true },
    { name: 'discussionOn', kind: 'date', optional: true },
    { name: 'conclusion', kind: 'area', optional: true },
    { name: 'statement', kind: 'area', optional: true },
  ],
  served: [
    { name: 'servedOn', kind: 'date' },
    { name: 'method', kind: { options: SERVICE_METHODS, labels: 'cases.methods' } },
    { name: 'recipient', kind: 'text' },
  ],
  enforcing: [{ name: 'reminderServedOn', kind: 'date' }],
  court: [
    { name: 'appliedOn', kind: 'date' },
    { name: 'court', kind: 'text' },
  ],
  closing: [
    { name: 'outcome', kind: { options: CASE_OUTCOMES, labels: 'cases.outcomes' } },
    { name: 'paidOn', kind: 'date', optional: true },
    { name: 'paidYuan', kind: 'yuan', optional: true },
    { name: 'reason', kind: 'area', optional: true },
  ],
  closed: [
    { name: 'approvedOn', kind: 'date' },
    { name: 'opinion', kind: 'text' },
  ],
  archived: [
    { name: 'archivedOn', kind: 'date' },
    { name: 'fileNumber', kind: 'text' },
  ],
  record: [
    { name: 'recordKind', kind: { options: ['interview', 'examination'], labels: 'cases.field' } },
    { name: 'officers', kind: 'officers' },
    { name: 'heldOn', kind: 'date' },
    { name: 'place', kind: 'text' },
    { name: 'subject', kind: 'text', optional: true },
    { name: 'content', kind: 'area' },
  ],
  extension: [
    { name: 'level', kind: { options: ['head', 'higher'], labels: 'cases.field' } },
    { name: 'approvedOn', kind: 'date' },
    { name: 'reason', kind: 'area' },
  ],
  filed: [{ name: 'filedOn', kind: 'date' }],
  appeal: [
    { name: 'appealKind', kind: { options: ['review', 'litigation'], labels: 'cases.field' } },
    { name: 'appealFiledOn', kind: 'date' },
    {
      name: 'appealOutcome',
      kind: {
        options: ['pending', 'upheld', 'changed', 'revoked', 'confirmed_illegal', 'withdrawn'],
        labels: 'cases.appealOutcomes',
      },
    },
    { name: 'appealDecidedOn', kind: 'date', optional: true },
  ],
  police_transfer: [
    { name: 'on', kind: 'date' },
    { name: 'reason', kind: 'area' },
  ],
  correction_verified: [{ name: 'verifiedOn', kind: 'date' }],
};

const RECORD_STAGES: ReadonlySet<CaseStatus> = new Set(['investigating', 'reviewing', 'notified', 'hearing']);
const UNDECIDED: ReadonlySet<CaseStatus> = new Set(['investigating', 'reviewing', 'notified', 'hearing']);

/** The steps open to this user on this case now. */
export function stepsFor(me: Me | null | undefined, c: PenaltyCase): Step[] {
  if (me?.org.kind !== 'bureau') return [];
  const write = mayDo(me, 'case.write');
  const approve = mayDo(me, 'case.approve');
  const moves = CASE_MOVES[c.status].filter((to) => (APPROVAL_MOVES.has(to) ? approve : write));
  const actions: Step[] = [];
  if (write && RECORD_STAGES.has(c.status)) actions.push('record');
  if (approve && UNDECIDED.has(c.status) && c.decisionExtension !== 'higher') actions.push('extension');
  if (
    write &&
    c.decidedOn &&
    c.outcome !== 'no_penalty' &&
    (c.filingRequired || c.procedure === 'summary') &&
    !c.filedOn
  )
    actions.push('filed');
  if (write && c.servedOn) actions.push('appeal');
  if (write && c.openedOn && !['pending_approval', 'not_filed'].includes(c.status)) actions.push('police_transfer');
  if (write && c.correctionDeadline && !c.correctionVerifiedOn) actions.push('correction_verified');
  return [...moves, ...actions];
}

const isAction = (s: Step): s is ActionStep => (ACTIONS as readonly string[]).includes(s);

type Values = Record<string, unknown>;

const dateText = (v: unknown) => (v ? (v as Dayjs).format('YYYY-MM-DD') : undefined);

/** The body of the step from the form's values: dates as YYYY-MM-DD, empty optional fields left out. */
function bodyOf(step: Step, v: Values): Record<string, unknown> {
  const fields = FIELDS[step] ?? [];
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const raw = v[f.name];
    const value = f.kind === 'date' ? dateText(raw) : typeof raw === 'string' ? raw.trim() : raw;
    if (value === undefined || value === '' || value === null || (f.kind === 'check' && value === false)) continue;
    out[f.name] = value;
  }
  const {
    reviewer,
    reviewOpinion,
    reviewOn,
    discussionOn,
    conclusion,
    recordKind,
    appealKind,
    appealFiledOn,
    appealOutcome,
    appealDecidedOn,
    ...rest
  } = out;
  return {
    ...(isAction(step) ? { kind: step } : { to: step }),
    ...rest,
    ...(reviewer
      ? { legalReview: { reviewer, opinion: reviewOpinion ?? '', on: reviewOn ?? out.noticeServedOn } }
      : {}),
    ...(conclusion ? { collectiveDiscussion: { on: discussionOn ?? out.decidedOn, conclusion } } : {}),
    ...(recordKind ? { record: recordKind } : {}),
    ...(appealKind
      ? {
          appeal: appealKind,
          filedOn: appealFiledOn,
          outcome: appealOutcome,
          ...(appealDecidedOn ? { decidedOn: appealDecidedOn } : {}),
        }
      : {}),
  };
}

function initialOf(step: Step, c: PenaltyCase): Values {
  const today = dayjs();
  const init: Values = {};
  for (const f of FIELDS[step] ?? []) if (f.kind === 'date' && !f.optional) init[f.name] = today;
  if (step === 'investigating' || step === 'closed') init.opinion = '同意';
  if (step === 'decided') Object.assign(init, { fineYuan: c.proposedFineYuan ?? 0, kinds: c.proposedKinds });
  if (step === 'served')
    Object.assign(init, { method: 'direct', recipient: c.parties[0]?.legalRepresentative ?? c.parties[0]?.name });
  if (step === 'closing') {
    const owed = (c.fineYuan ?? 0) + (c.lateFee?.lateFeeYuan ?? 0);
    Object.assign(init, {
      outcome: c.status === 'reviewing' ? 'no_penalty' : 'executed',
      ...(owed ? { paidOn: today, paidYuan: owed } : {}),
    });
  }
  if (step === 'record') Object.assign(init, { recordKind: 'interview', officers: c.officers.map((o) => o.userId) });
  if (step === 'extension') init.level = c.decisionExtension === 'none' ? 'head' : 'higher';
  if (step === 'appeal') init.appealOutcome = 'pending';
  return init;
}

export function StepModal({ step, c, onClose }: { step: Step; c: PenaltyCase; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const run = useCaseStep(c.id);
  const officers = useOfficers();

  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    try {
      await run.mutateAsync({ path: isAction(step) ? 'actions' : 'transitions', body: bodyOf(step, v) });
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.fieldIssues.length) showFieldIssues(form, e, message);
      else message.error(e instanceof Error ? e.message : String(e));
    }
  };

  const input = (f: Field) => {
    if (f.kind === 'date') return <DatePicker style={{ width: '100%' }} data-testid={`step-${f.name}`} />;
    if (f.kind === 'yuan') return <InputNumber min={0} style={{ width: '100%' }} data-testid={`step-${f.name}`} />;
    if (f.kind === 'area') return <Input.TextArea rows={3} data-testid={`step-${f.name}`} />;
    if (f.kind === 'check') return <Checkbox data-testid={`step-${f.name}`}>{t(`cases.field.${f.name}`)}</Checkbox>;
    if (f.kind === 'text') return <Input data-testid={`step-${f.name}`} />;
    if (f.kind === 'kinds')
      return (
        <Select
          mode="multiple"
          options={PENALTY_KINDS.filter((k) => k !== 'detention').map((k) => ({
            value: k,
            label: t(`cases.kinds.${k}`),
          }))}
          data-testid={`step-${f.name}`}
        />
      );
    if (f.kind === 'officers')
      return (
        <Select
          mode="multiple"
          options={(officers.data?.items ?? []).map((o) => ({ value: o.userId, label: `${o.name}（${o.cert}）` }))}
        />
      );
    const { options, labels } = f.kind;
    return (
      <Select options={options.map((o) => ({ value: o, label: t(`${labels}.${o}`) }))} data-testid={`step-${f.name}`} />
    );
  };

  return (
    <Modal
      open
      title={t(`cases.step.${step}`)}
      okText={t('cases.step.submit')}
      confirmLoading={run.isPending}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={initialOf(step, c)} data-testid={`step-form-${step}`}>
        {(FIELDS[step] ?? []).map((f) => (
          <Form.Item
            key={f.name}
            name={f.name}
            label={f.kind === 'check' ? undefined : t(`cases.field.${f.name}`)}
            valuePropName={f.kind === 'check' ? 'checked' : 'value'}
            rules={
              f.optional ? [] : [{ required: true, message: t('form.required', { field: t(`cases.field.${f.name}`) }) }]
            }
          >
            {input(f)}
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}
