/**
 * 立案: the party (a unit of the registry, or a person), the cause and the facts, the violations picked from the
 * discretion table in force (each with its 情节 step, whose band shows at once), and the officers (at least two, with
 * 执法证号). 简易程序 decides on the spot (a warning, or at most 3,000 yuan for a unit, 200 for a person). A retry of the
 * same form is the same case (Idempotency-Key).
 */
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, DatePicker, Form, Input, InputNumber, Radio, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreateCaseInput } from '../../../contracts/cases.js';
import { CIRCUMSTANCES, type Circumstance } from '../../../domain/discretion-defaults.js';
import { CASE_SOURCES } from '../../../domain/penalty-case.js';
import { ApiError, uuid } from '../../api/client.js';
import { showFieldIssues, validValues } from '../../components/form-issues.js';
import { SaveModal } from '../../components/SaveModal.js';
import { EnterpriseSelect } from '../dangers/EnterpriseSelect.js';
import { useOfficers } from '../inspections/queries.js';
import { useCreateCase, useDiscretionTable } from './queries.js';

interface FormValues {
  procedure: 'general' | 'summary';
  source: CreateCaseInput['source'];
  sourceId?: string;
  partyKind: 'unit' | 'person';
  enterpriseId?: string;
  legalRepresentative?: string;
  name?: string;
  idNumber?: string;
  position?: string;
  phone?: string;
  cause?: string;
  summary?: string;
  violations: { code?: string; circumstance?: Circumstance; facts?: string }[];
  officers?: string[];
  decidedOn?: Dayjs;
  fineYuan?: number;
  warning?: boolean;
}

const trim = (s?: string) => s?.trim() ?? '';

function bodyOf(v: FormValues): CreateCaseInput {
  const party: CreateCaseInput['party'] =
    v.partyKind === 'unit'
      ? {
          kind: 'unit',
          enterpriseId: v.enterpriseId ?? '',
          legalRepresentative: trim(v.legalRepresentative),
          ...(trim(v.phone) ? { phone: trim(v.phone) } : {}),
        }
      : {
          kind: 'person',
          name: trim(v.name),
          idNumber: trim(v.idNumber).toUpperCase(),
          ...(v.enterpriseId ? { enterpriseId: v.enterpriseId } : {}),
          ...(trim(v.position) ? { position: trim(v.position) } : {}),
          ...(trim(v.phone) ? { phone: trim(v.phone) } : {}),
        };
  return {
    procedure: v.procedure,
    source: v.source,
    ...(v.source !== 'manual' && trim(v.sourceId) ? { sourceId: trim(v.sourceId) } : {}),
    party,
    cause: trim(v.cause),
    summary: trim(v.summary),
    violations: v.violations.map((x) => ({
      code: x.code ?? '',
      circumstance: x.circumstance ?? 'general',
      facts: trim(x.facts),
    })),
    officers: v.officers ?? [],
    ...(v.procedure === 'summary'
      ? {
          decision: {
            decidedOn: (v.decidedOn ?? dayjs()).format('YYYY-MM-DD'),
            fineYuan: v.fineYuan ?? 0,
            warning: v.warning ?? false,
          },
        }
      : {}),
  };
}

export function CaseFormModal({ onClose, onCreated }: { onClose: () => void; onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const procedure = Form.useWatch('procedure', form) ?? 'general';
  const partyKind = Form.useWatch('partyKind', form) ?? 'unit';
  const source = Form.useWatch('source', form) ?? 'manual';
  const picked = Form.useWatch('violations', form) ?? [];
  const table = useDiscretionTable();
  const officers = useOfficers();
  const create = useCreateCase();
  const idempotency = useRef<{ body: string; key: string } | null>(null);
  const entries = (table.data?.entries ?? []).filter((e) => e.party === partyKind);

  const bandOf = (i: number) => {
    const row = picked[i];
    const entry = entries.find((e) => e.code === row?.code);
    const step = entry?.steps.find((s) => s.circumstance === row?.circumstance);
    const band = partyKind === 'unit' ? step?.unitFine : step?.personFine;
    if (!step) return null;
    return band ? t('cases.form.band', { min: band.minYuan, max: band.maxYuan }) : t('cases.form.noBand');
  };

  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    const body = bodyOf(v);
    const json = JSON.stringify(body);
    if (idempotency.current?.body !== json) idempotency.current = { body: json, key: uuid() };
    try {
      const created = await create.mutateAsync({ body, key: idempotency.current.key });
      onCreated(created.id);
    } catch (e) {
      if (e instanceof ApiError && e.fieldIssues.length) showFieldIssues(form, e, message);
      else message.error(e instanceof Error ? e.message : String(e));
    }
  };

  const req = (label: string) => [{ required: true, message: t('form.required', { field: t(label) }) }];
  return (
    <SaveModal
      open
      title={t('cases.form.title')}
      width={760}
      saving={create.isPending}
      onOk={() => void submit()}
      onCancel={onClose}
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        data-testid="case-form"
        initialValues={{ procedure: 'general', source: 'inspection', partyKind: 'unit', violations: [{}] }}
      >
        <Form.Item name="procedure" label={t('cases.procedure')}>
          <Radio.Group
            options={['general', 'summary'].map((p) => ({ value: p, label: t(`cases.procedures.${p}`) }))}
            data-testid="case-procedure"
          />
        </Form.Item>
        <Space wrap style={{ width: '100%' }}>
          <Form.Item name="source" label={t('cases.form.source')} style={{ minWidth: 200 }}>
            <Select options={CASE_SOURCES.map((s) => ({ value: s, label: t(`cases.sources.${s}`) }))} />
          </Form.Item>
          {source !== 'manual' && (
            <Form.Item
              name="sourceId"
              label={t('cases.form.sourceId')}
              rules={req('cases.form.sourceId')}
              style={{ minWidth: 340 }}
            >
              <Input id="caseSourceId" />
            </Form.Item>
          )}
        </Space>
        <Form.Item name="partyKind" label={t('cases.form.partyKind')}>
          <Radio.Group
            options={[
              { value: 'unit', label: t('cases.form.unit') },
              { value: 'person', label: t('cases.form.person') },
            ]}
          />
        </Form.Item>
        {partyKind === 'unit' ? (
          <Space wrap style={{ width: '100%' }} align="start">
            <Form.Item
              name="enterpriseId"
              label={t('cases.form.enterprise')}
              rules={req('cases.form.enterprise')}
              style={{ minWidth: 320 }}
            >
              <EnterpriseSelect id="caseEnterprise" />
            </Form.Item>
            <Form.Item
              name="legalRepresentative"
              label={t('cases.form.legalRepresentative')}
              rules={req('cases.form.legalRepresentative')}
            >
              <Input id="legalRepresentative" />
            </Form.Item>
            <Form.Item name="phone" label={t('cases.form.phone')}>
              <Input />
            </Form.Item>
          </Space>
        ) : (
          <Space wrap style={{ width: '100%' }} align="start">
            <Form.Item name="name" label={t('cases.form.name')} rules={req('cases.form.name')}>
              <Input id="personName" />
            </Form.Item>
            <Form.Item name="idNumber" label={t('cases.form.idNumber')} rules={req('cases.form.idNumber')}>
              <Input id="idNumber" maxLength={18} />
            </Form.Item>
            <Form.Item name="enterpriseId" label={t('cases.form.enterprise')} style={{ minWidth: 260 }}>
              <EnterpriseSelect />
            </Form.Item>
            <Form.Item name="position" label={t('cases.form.position')}>
              <Input />
            </Form.Item>
          </Space>
        )}
        <Form.Item name="cause" label={t('cases.cause')} rules={req('cases.cause')}>
          <Input id="caseCause" maxLength={200} />
        </Form.Item>
        <Form.Item name="summary" label={t('cases.form.summary')} rules={req('cases.form.summary')}>
          <Input.TextArea id="caseSummary" rows={3} maxLength={4000} />
        </Form.Item>
        <Typography.Text strong>{t('cases.form.violations')}</Typography.Text>
        <Form.List name="violations">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <div key={f.key} style={{ borderLeft: '3px solid #e6f4ff', paddingLeft: 8, marginTop: 8 }}>
                  <Space align="start" wrap style={{ width: '100%' }}>
                    <Form.Item
                      name={[f.name, 'code']}
                      label={t('cases.form.violation')}
                      rules={req('cases.form.violation')}
                      style={{ width: 420 }}
                    >
                      <Select
                        showSearch={{ optionFilterProp: 'label' }}
                        loading={table.isPending}
                        options={entries.map((e) => ({
                          value: e.code,
                          label: `${e.title}（${e.penaltyClause.replace('《中华人民共和国安全生产法》', '安全生产法')}）`,
                        }))}
                        data-testid={`case-violation-${i}`}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'circumstance']}
                      label={t('cases.form.circumstance')}
                      rules={req('cases.form.circumstance')}
                      style={{ width: 140 }}
                    >
                      <Select
                        options={CIRCUMSTANCES.map((c) => ({ value: c, label: t(`cases.circumstances.${c}`) }))}
                        data-testid={`case-circumstance-${i}`}
                      />
                    </Form.Item>
                    {fields.length > 1 && (
                      <Button
                        type="text"
                        icon={<MinusCircleOutlined />}
                        onClick={() => remove(f.name)}
                        style={{ marginTop: 30 }}
                      />
                    )}
                  </Space>
                  <Typography.Text type="secondary" data-testid={`case-band-${i}`}>
                    {bandOf(i)}
                  </Typography.Text>
                  <Form.Item name={[f.name, 'facts']} label={t('cases.form.facts')} rules={req('cases.form.facts')}>
                    <Input.TextArea rows={2} maxLength={2000} data-testid={`case-facts-${i}`} />
                  </Form.Item>
                </div>
              ))}
              {fields.length < 10 && (
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} style={{ marginBottom: 12 }}>
                  {t('cases.form.addViolation')}
                </Button>
              )}
            </>
          )}
        </Form.List>
        <Form.Item name="officers" label={t('cases.form.officers')} rules={req('cases.form.officers')}>
          <Select
            mode="multiple"
            loading={officers.isPending}
            options={(officers.data?.items ?? []).map((o) => ({ value: o.userId, label: `${o.name}（${o.cert}）` }))}
            data-testid="case-officers"
          />
        </Form.Item>
        {procedure === 'summary' && (
          <Space wrap>
            <Form.Item name="decidedOn" label={t('cases.form.decidedOn')} initialValue={dayjs()}>
              <DatePicker />
            </Form.Item>
            <Form.Item name="fineYuan" label={t('cases.form.fineYuan')}>
              <InputNumber min={0} max={3000} precision={0} id="summaryFine" />
            </Form.Item>
            <Form.Item name="warning" valuePropName="checked" label=" ">
              <Checkbox>{t('cases.form.warning')}</Checkbox>
            </Form.Item>
          </Space>
        )}
      </Form>
    </SaveModal>
  );
}
