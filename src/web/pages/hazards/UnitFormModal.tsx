/**
 * 新增 / 修改 a 生产单元 or 储存单元: kind, name, the substances and the people within 500 m with the live evaluation
 * right under them, the 包保责任人 (主要负责人, 技术负责人, 操作负责人) and the 备案. The server grades on save.
 */

import { App, Col, DatePicker, Divider, Form, Input, Radio, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type CreateUnitInput,
  FILING_STATUSES,
  type HazardUnitView,
  UNIT_KINDS,
  type UnitKind,
  type UpdateUnitInput,
} from '../../../contracts/hazards.js';
import { ApiError, uuid } from '../../api/client.js';
import { validValues } from '../../components/form-issues.js';
import { SaveModal } from '../../components/SaveModal.js';
import { EvaluationPreview } from './EvaluationPreview.js';
import { useSaveUnit } from './queries.js';
import {
  EMPTY_SUBSTANCE,
  evaluateInputOf,
  SubstanceFields,
  type SubstanceFormValues,
  type SubstanceRow,
  substanceIssues,
} from './SubstanceFields.js';
import { HazardGradeTag } from './tags.js';

interface UnitFormValues extends SubstanceFormValues {
  kind: UnitKind;
  name?: string;
  principalName?: string;
  principalPhone?: string;
  technicalName?: string;
  technicalPhone?: string;
  operationName?: string;
  operationPhone?: string;
  filingStatus: 'unfiled' | 'filed';
  filingNo?: string;
  filedAt?: Dayjs | null;
}

const PHONE = /^[0-9+\-() ]{5,20}$/;
const PERSONS = ['principal', 'technical', 'operation'] as const;

function initialOf(unit: HazardUnitView | null): UnitFormValues {
  if (!unit) {
    return { kind: 'storage', filingStatus: 'unfiled', substances: [{ ...EMPTY_SUBSTANCE }], exposedPeople: null };
  }
  return {
    kind: unit.kind,
    name: unit.name,
    exposedPeople: unit.exposedPeople,
    substances: unit.substances.map(
      (s): SubstanceRow => ({
        name: s.name,
        cas: s.cas,
        category: s.category === undefined ? undefined : Array.isArray(s.category) ? s.category : [s.category],
        quantityT: String(s.quantityT),
      }),
    ),
    principalName: unit.principalName ?? undefined,
    principalPhone: unit.principalPhone ?? undefined,
    technicalName: unit.technicalName ?? undefined,
    technicalPhone: unit.technicalPhone ?? undefined,
    operationName: unit.operationName ?? undefined,
    operationPhone: unit.operationPhone ?? undefined,
    filingStatus: unit.filingStatus,
    filingNo: unit.filingNo ?? undefined,
    filedAt: unit.filedAt ? dayjs(unit.filedAt) : null,
  };
}

const orNull = (s: string | undefined) => (s?.trim() ? s.trim() : null);

export interface UnitFormModalProps {
  enterpriseId: string;
  /** The unit to change; null: a new one. */
  unit: HazardUnitView | null;
  open: boolean;
  onClose: () => void;
}

export function UnitFormModal({ enterpriseId, unit, open, onClose }: UnitFormModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<UnitFormValues>();
  const save = useSaveUnit(enterpriseId);
  const filingStatus = Form.useWatch('filingStatus', form);
  /** One Idempotency-Key per distinct new unit: a retry of the same body reuses it. */
  const idempotency = useRef<{ body: string; key: string } | null>(null);

  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    const { body: evaluation, indexes } = evaluateInputOf(v);
    if (!evaluation) return;
    const common = {
      kind: v.kind,
      name: v.name?.trim() ?? '',
      substances: evaluation.substances,
      exposedPeople: evaluation.exposedPeople,
      principalName: orNull(v.principalName),
      principalPhone: orNull(v.principalPhone),
      technicalName: orNull(v.technicalName),
      technicalPhone: orNull(v.technicalPhone),
      operationName: orNull(v.operationName),
      operationPhone: orNull(v.operationPhone),
      filingStatus: v.filingStatus,
      filingNo: v.filingStatus === 'filed' ? orNull(v.filingNo) : null,
      filedAt: v.filingStatus === 'filed' && v.filedAt ? v.filedAt.format('YYYY-MM-DD') : null,
    };
    try {
      let saved: HazardUnitView;
      if (unit) {
        const body: UpdateUnitInput = { ...common, version: unit.version };
        saved = await save.mutateAsync({ id: unit.id, body });
      } else {
        const body: CreateUnitInput = common;
        const json = JSON.stringify(body);
        if (idempotency.current?.body !== json) idempotency.current = { body: json, key: uuid() };
        saved = await save.mutateAsync({ body, key: idempotency.current.key });
      }
      message.success(
        saved.grade
          ? t('hazard.unit.savedMajor', { name: saved.name, grade: t(`majorHazardGrade.${saved.grade}`) })
          : t('hazard.unit.saved', { name: saved.name }),
      );
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.fieldIssues.length) {
        const { fields, rest } = substanceIssues(e.fieldIssues, indexes);
        const top = rest.filter((i) => i.path in common);
        form.setFields([
          ...fields.map((f) => ({ name: f.name as never, errors: f.errors })),
          ...top.map((i) => ({ name: i.path as keyof UnitFormValues, errors: [i.message] })),
        ]);
        const others = rest.filter((i) => !(i.path in common));
        message.error(others.length ? others.map((i) => i.message).join('；') : t('hazard.unit.fixFields'));
      } else if (e instanceof ApiError && e.code === 'VERSION_CONFLICT') {
        message.error(t('enterprise.versionConflict'));
      } else {
        message.error(t('errors.generic', { message: e instanceof Error ? e.message : String(e) }));
      }
    }
  };

  return (
    <SaveModal
      open={open}
      title={unit ? t('hazard.unit.editTitle', { name: unit.name }) : t('hazard.unit.newTitle')}
      width={1100}
      saving={save.isPending}
      onCancel={onClose}
      onOk={() => void submit()}
      styles={{ body: { maxHeight: 'calc(100vh - 220px)', overflowY: 'auto', overflowX: 'hidden' } }}
    >
      <Form<UnitFormValues>
        form={form}
        layout="vertical"
        initialValues={initialOf(unit)}
        preserve={false}
        data-testid="unit-form"
      >
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item name="kind" label={t('hazard.unit.kind')} rules={[{ required: true }]}>
              <Radio.Group
                id="kind"
                optionType="button"
                options={UNIT_KINDS.map((k) => ({ value: k, label: t(`unitKind.${k}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item
              name="name"
              label={t('hazard.unit.name')}
              rules={[
                { required: true, whitespace: true, message: t('form.required', { field: t('hazard.unit.name') }) },
              ]}
            >
              <Input id="unitName" maxLength={100} placeholder={t('hazard.unit.namePlaceholder')} />
            </Form.Item>
          </Col>
          {unit && (
            <Col xs={24} md={6}>
              <Form.Item label={t('hazard.unit.currentGrade')}>
                <HazardGradeTag grade={unit.grade} />
              </Form.Item>
            </Col>
          )}
        </Row>
        <SubstanceFields />
        {/* The verdict right under what decides it, recomputed as the user types. */}
        <div style={{ marginTop: 12 }}>
          <EvaluationPreview form={form} detail="summary" />
        </div>
        <Divider titlePlacement="start">{t('hazard.unit.persons')}</Divider>
        <Row gutter={12}>
          {PERSONS.map((p) => (
            <Col xs={24} md={8} key={p}>
              <Row gutter={8}>
                <Col span={11}>
                  <Form.Item name={`${p}Name`} label={t(`hazard.unit.${p}Name`)}>
                    <Input id={`${p}Name`} maxLength={50} />
                  </Form.Item>
                </Col>
                <Col span={13}>
                  <Form.Item
                    name={`${p}Phone`}
                    label={t('hazard.unit.phone')}
                    rules={[{ pattern: PHONE, message: t('enterprise.phoneInvalid') }]}
                  >
                    <Input id={`${p}Phone`} maxLength={20} />
                  </Form.Item>
                </Col>
              </Row>
            </Col>
          ))}
        </Row>
        <Divider titlePlacement="start">{t('hazard.unit.filing')}</Divider>
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item name="filingStatus" label={t('hazard.unit.filingStatus')}>
              <Select
                id="filingStatus"
                options={FILING_STATUSES.map((s) => ({ value: s, label: t(`hazard.filing.${s}`) }))}
              />
            </Form.Item>
          </Col>
          {filingStatus === 'filed' && (
            <>
              <Col xs={24} md={8}>
                <Form.Item name="filingNo" label={t('hazard.unit.filingNo')}>
                  <Input id="filingNo" maxLength={60} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item
                  name="filedAt"
                  label={t('hazard.unit.filedAt')}
                  rules={[{ required: true, message: t('form.select', { field: t('hazard.unit.filedAt') }) }]}
                >
                  <DatePicker id="filedAt" style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </>
          )}
        </Row>
      </Form>
    </SaveModal>
  );
}
