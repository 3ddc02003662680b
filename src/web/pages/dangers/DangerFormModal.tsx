/**
 * 登记隐患: the enterprise, what and where, the level (重大: its 判定标准 item and the 现场处理措施 of 安全生产法 第六十五条),
 * and the order — fixed on the spot (一般) or by a deadline with its measures. An enterprise records its own (自查自报).
 * A retry of the same form is the same danger (Idempotency-Key).
 */
import { App, DatePicker, Form, Input, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type CreateDangerInput,
  DANGER_LEVELS,
  DANGER_SOURCES,
  IMMEDIATE_MEASURES,
} from '../../../contracts/hidden-dangers.js';
import { ApiError, uuid } from '../../api/client.js';
import { useMe } from '../../api/queries.js';
import { showFieldIssues } from '../../components/form-issues.js';
import { SaveModal } from '../../components/SaveModal.js';
import { EnterpriseSelect } from './EnterpriseSelect.js';
import { useCreateDanger, useStandards } from './queries.js';

interface FormValues {
  enterpriseId?: string;
  description?: string;
  location?: string;
  level: 'general' | 'major';
  source?: CreateDangerInput['source'];
  standardItem?: string;
  immediateMeasures?: CreateDangerInput['immediateMeasures'];
  rectification: 'immediate' | 'deadline';
  measures?: string;
  deadline?: Dayjs;
}

export function DangerFormModal({ onClose, onCreated }: { onClose: () => void; onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe().data;
  const bureau = me?.org.kind === 'bureau';
  const [form] = Form.useForm<FormValues>();
  const level = Form.useWatch('level', form) ?? 'general';
  const rectification = Form.useWatch('rectification', form) ?? 'deadline';
  const standards = useStandards();
  const create = useCreateDanger();
  const idempotency = useRef<{ body: string; key: string } | null>(null);

  const submit = async () => {
    // A field the user left wrong shows its message under it; nothing to send then.
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const major = v.level === 'major';
    const body: CreateDangerInput = {
      enterpriseId: v.enterpriseId ?? '',
      level: v.level,
      description: v.description?.trim() ?? '',
      ...(v.location?.trim() ? { location: v.location.trim() } : {}),
      ...(bureau && v.source ? { source: v.source } : {}),
      ...(major ? { standardItem: v.standardItem, immediateMeasures: v.immediateMeasures ?? [] } : {}),
      rectification: major ? 'deadline' : v.rectification,
      ...(v.measures?.trim() ? { measures: v.measures.trim() } : {}),
      ...(v.deadline && (major || v.rectification === 'deadline') ? { deadline: v.deadline.format('YYYY-MM-DD') } : {}),
    };
    const json = JSON.stringify(body);
    if (idempotency.current?.body !== json) idempotency.current = { body: json, key: uuid() };
    try {
      const created = await create.mutateAsync({ body, key: idempotency.current.key });
      void message.success(t('dangers.created'));
      onCreated(created.id);
    } catch (e) {
      if (e instanceof ApiError && e.fieldIssues.length) showFieldIssues(form, e, message);
      else void message.error(e instanceof Error ? e.message : String(e));
    }
  };

  const required = (field: string) => ({ required: true, whitespace: true, message: t('form.required', { field }) });
  return (
    <SaveModal
      open
      width={720}
      title={t('dangers.newTitle')}
      saving={create.isPending}
      onCancel={onClose}
      onOk={() => void submit()}
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={{ level: 'general', rectification: 'deadline', source: 'inspection' }}
        data-testid="danger-form"
      >
        <Form.Item name="enterpriseId" label={t('dangers.enterprise')} rules={[required(t('dangers.enterprise'))]}>
          <EnterpriseSelect placeholder={t('dangers.enterprisePick')} />
        </Form.Item>
        <Form.Item name="description" label={t('dangers.description')} rules={[required(t('dangers.description'))]}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item name="location" label={t('dangers.location')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="level" label={t('dangers.level')}>
          <Radio.Group
            options={DANGER_LEVELS.map((l) => ({ value: l, label: t(`danger.level.${l}`) }))}
            optionType="button"
          />
        </Form.Item>
        {bureau && (
          <Form.Item name="source" label={t('dangers.source')}>
            <Select
              options={DANGER_SOURCES.filter((s) => s !== 'self_check').map((s) => ({
                value: s,
                label: t(`danger.source.${s}`),
              }))}
            />
          </Form.Item>
        )}
        {level === 'major' && (
          <>
            <Form.Item
              name="standardItem"
              label={t('dangers.standardItem')}
              rules={[required(t('dangers.standardItem'))]}
            >
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={(standards.data?.items ?? []).map((i) => ({
                  value: i.code,
                  label: `${i.article} ${i.text}`,
                  title: i.standardName,
                }))}
                data-testid="danger-standard"
              />
            </Form.Item>
            {bureau && (
              <Form.Item
                name="immediateMeasures"
                label={t('dangers.immediateMeasures')}
                extra={t('dangers.immediateHint')}
                rules={[{ required: true, message: t('form.required', { field: t('dangers.immediateMeasures') }) }]}
              >
                <Select
                  mode="multiple"
                  options={IMMEDIATE_MEASURES.map((m) => ({ value: m, label: t(`danger.measure.${m}`) }))}
                />
              </Form.Item>
            )}
          </>
        )}
        {level === 'general' && (
          <Form.Item name="rectification" label={t('dangers.rectification')}>
            <Radio.Group
              options={['deadline', 'immediate'].map((r) => ({ value: r, label: t(`danger.rectification.${r}`) }))}
              optionType="button"
            />
          </Form.Item>
        )}
        <Form.Item name="measures" label={t('dangers.measures')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        {(level === 'major' || rectification === 'deadline') && (
          <Form.Item
            name="deadline"
            label={t('dangers.deadline')}
            rules={
              bureau || level === 'major'
                ? [{ required: true, message: t('form.required', { field: t('dangers.deadline') }) }]
                : []
            }
          >
            <DatePicker style={{ width: '100%' }} data-testid="danger-deadline" />
          </Form.Item>
        )}
      </Form>
    </SaveModal>
  );
}
