/**
 * 登记应急预案: the enterprise (a bureau: any of its jurisdiction, or its own government plan), the kind, the risks, the
 * publication and its signer, and the 评审 (with its 书面评审纪要) or 论证 — mandatory 评审 for the 第二十一条 classes is
 * checked by the server, whose field messages show under the fields.
 */
import { App, DatePicker, Form, Input, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreatePlanInput } from '../../../contracts/emergency-plans.js';
import { PLAN_KINDS, REVIEW_KINDS } from '../../../domain/emergency-plan.js';
import { ApiError, uuid } from '../../api/client.js';
import { useMe } from '../../api/queries.js';
import { showFieldIssues, validValues } from '../../components/form-issues.js';
import { SaveModal } from '../../components/SaveModal.js';
import { EnterpriseSelect } from '../dangers/EnterpriseSelect.js';
import { useCreatePlan } from './queries.js';

interface FormValues {
  ownerKind: 'enterprise' | 'government';
  enterpriseId?: string;
  kind: CreatePlanInput['kind'];
  title?: string;
  risks?: string[];
  publishedOn?: Dayjs;
  signer?: string;
  reviewKind: CreatePlanInput['reviewKind'];
  reviewedOn?: Dayjs;
  reviewSummary?: string;
}

const day = (d?: Dayjs) => d?.format('YYYY-MM-DD');

export function PlanFormModal({ onClose, onCreated }: { onClose: () => void; onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const bureau = useMe().data?.org.kind === 'bureau';
  const [form] = Form.useForm<FormValues>();
  const ownerKind = Form.useWatch('ownerKind', form) ?? 'enterprise';
  const reviewKind = Form.useWatch('reviewKind', form) ?? 'review';
  const create = useCreatePlan();
  const idempotency = useRef<{ body: string; key: string } | null>(null);

  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    const body: CreatePlanInput = {
      ownerKind: v.ownerKind,
      ...(v.ownerKind === 'enterprise' && v.enterpriseId ? { enterpriseId: v.enterpriseId } : {}),
      kind: v.kind,
      title: v.title?.trim() ?? '',
      risks: (v.risks ?? []).map((r) => r.trim()).filter(Boolean),
      publishedOn: day(v.publishedOn) ?? '',
      signer: v.signer?.trim() ?? '',
      reviewKind: v.reviewKind,
      ...(v.reviewedOn ? { reviewedOn: day(v.reviewedOn) } : {}),
      ...(v.reviewSummary?.trim() ? { reviewSummary: v.reviewSummary.trim() } : {}),
    };
    const json = JSON.stringify(body);
    if (idempotency.current?.body !== json) idempotency.current = { body: json, key: uuid() };
    try {
      const created = await create.mutateAsync({ body, key: idempotency.current.key });
      void message.success(t('plans.created'));
      onCreated(created.id);
    } catch (e) {
      if (e instanceof ApiError && e.fieldIssues.length) showFieldIssues(form, e, message);
      else void message.error(e instanceof Error ? e.message : String(e));
    }
  };

  const required = (field: string) => ({ required: true, message: t('form.required', { field }) });
  return (
    <SaveModal
      open
      width={720}
      title={t('plans.new')}
      saving={create.isPending}
      onCancel={onClose}
      onOk={() => void submit()}
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={{ ownerKind: 'enterprise', kind: 'comprehensive', reviewKind: 'review' }}
        data-testid="plan-form"
      >
        {bureau && (
          <Form.Item name="ownerKind" label={t('plans.ownerKind')}>
            <Radio.Group
              optionType="button"
              options={(['enterprise', 'government'] as const).map((k) => ({
                value: k,
                label: t(`plans.ownerKinds.${k}`),
              }))}
            />
          </Form.Item>
        )}
        {ownerKind === 'enterprise' && (
          <Form.Item name="enterpriseId" label={t('plans.enterprise')} rules={[required(t('plans.enterprise'))]}>
            <EnterpriseSelect placeholder={t('plans.enterprisePick')} />
          </Form.Item>
        )}
        <Form.Item name="kind" label={t('plans.kind')}>
          <Radio.Group
            optionType="button"
            options={PLAN_KINDS.map((k) => ({ value: k, label: t(`plans.kinds.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="title" label={t('plans.title')} rules={[required(t('plans.title'))]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="risks" label={t('plans.risks')} rules={[required(t('plans.risks'))]}>
          <Select mode="tags" tokenSeparators={['，', ',', '、']} placeholder={t('plans.risksHint')} />
        </Form.Item>
        <Form.Item name="publishedOn" label={t('plans.publishedOn')} rules={[required(t('plans.publishedOn'))]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="signer" label={t('plans.signer')} rules={[required(t('plans.signer'))]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="reviewKind" label={t('plans.reviewKind')} extra={t('plans.reviewHint')}>
          <Radio.Group
            optionType="button"
            options={REVIEW_KINDS.map((k) => ({ value: k, label: t(`plans.reviewKinds.${k}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="reviewedOn"
          label={t('plans.reviewedOn')}
          rules={reviewKind === 'review' ? [required(t('plans.reviewedOn'))] : []}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="reviewSummary"
          label={t('plans.reviewSummary')}
          rules={reviewKind === 'review' ? [required(t('plans.reviewSummary'))] : []}
        >
          <Input.TextArea rows={3} maxLength={4000} showCount />
        </Form.Item>
      </Form>
    </SaveModal>
  );
}
