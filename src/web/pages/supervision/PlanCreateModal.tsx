/**
 * 制定年度监督检查计划: the year, and optionally the random share, the team size and the seed. The key enterprises
 * and the teams are the server's to compute. One Idempotency-Key per opening of the dialog, so a retried save is the
 * same plan; a changed form gets a new key.
 */
import { App, Form, Input, InputNumber } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreatePlanInput } from '../../../contracts/supervision.js';
import { ApiError, uuid } from '../../api/client.js';
import { showFieldIssues } from '../../components/form-issues.js';
import { SaveModal } from '../../components/SaveModal.js';
import { useCreatePlan } from './queries.js';

interface FormValues {
  year: number;
  randomCount?: number | null;
  teamSize?: number | null;
  seed?: string;
}

export function PlanCreateModal({
  year,
  onClose,
  onCreated,
}: {
  year: number;
  onClose: () => void;
  onCreated: (id: string) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const create = useCreatePlan();
  const idempotency = useRef<{ body: string; key: string }>({ body: '', key: uuid() });

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const body: CreatePlanInput = {
      year: v.year,
      ...(v.randomCount != null ? { randomCount: v.randomCount } : {}),
      ...(v.teamSize != null ? { teamSize: v.teamSize } : {}),
      ...(v.seed?.trim() ? { seed: v.seed.trim() } : {}),
    };
    const json = JSON.stringify(body);
    if (idempotency.current.body && idempotency.current.body !== json) idempotency.current.key = uuid();
    idempotency.current.body = json;
    try {
      const plan = await create.mutateAsync({ body, key: idempotency.current.key });
      void message.success(t('supervision.plans.created'));
      onCreated(plan.id);
    } catch (e) {
      if (e instanceof ApiError && e.fieldIssues.length) showFieldIssues(form, e, message);
      else void message.error(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <SaveModal
      open
      width={560}
      title={t('supervision.plans.newTitle')}
      saving={create.isPending}
      onCancel={onClose}
      onOk={() => void submit()}
    >
      <Form<FormValues> form={form} layout="vertical" initialValues={{ year }} data-testid="plan-form">
        <Form.Item
          name="year"
          label={t('supervision.plans.year')}
          rules={[{ required: true, message: t('form.required', { field: t('supervision.plans.year') }) }]}
        >
          <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="randomCount"
          label={t('supervision.plans.randomCount')}
          extra={t('supervision.plans.randomCountHint')}
        >
          <InputNumber min={0} max={20000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="teamSize" label={t('supervision.plans.teamSize')} extra={t('supervision.plans.teamSizeHint')}>
          <InputNumber min={2} max={5} precision={0} placeholder="2" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="seed" label={t('supervision.plans.seed')} extra={t('supervision.plans.seedHint')}>
          <Input maxLength={128} />
        </Form.Item>
      </Form>
    </SaveModal>
  );
}
