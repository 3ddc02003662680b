/**
 * 登记企业 and 修改企业档案 in one dialog. The credit code is upper-cased as typed and checked here with the
 * GB 32100-2015 check character (the server checks again); it never changes after registration. Enterprise users
 * maintain their own record but not its region or status (the bureau's), so those fields are not shown to them.
 * The server's field errors land on the fields.
 */
import { App, Col, Divider, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreateEnterpriseInput, EnterpriseView, UpdateEnterpriseInput } from '../../../contracts/enterprises.js';
import { creditCodeProblem } from '../../../domain/credit-code.js';
import {
  ENTERPRISE_STATUSES,
  type EnterpriseStatus,
  SCALES,
  SECTORS,
  type Sector,
} from '../../../domain/enterprise.js';
import { ApiError, uuid } from '../../api/client.js';
import { useMe } from '../../api/queries.js';
import { industryOptions } from '../../components/code-options.js';
import { showFieldIssues, validValues } from '../../components/form-issues.js';
import { RegionCascader } from '../../components/RegionCascader.js';
import { SaveModal } from '../../components/SaveModal.js';
import { useCreateEnterprise, useUpdateEnterprise } from './queries.js';

interface FormValues {
  creditCode?: string;
  name?: string;
  regionCode?: string;
  address?: string;
  longitude?: number | null;
  latitude?: number | null;
  industryCode?: string;
  sectors?: Sector[];
  scale?: string | null;
  legalRepresentative?: string;
  principalName?: string;
  principalPhone?: string;
  safetyManagerName?: string;
  safetyManagerPhone?: string;
  employees?: number | null;
  status?: EnterpriseStatus;
}

const PHONE = /^[0-9+\-() ]{5,20}$/;
const orNull = (s: string | undefined) => (s?.trim() ? s.trim() : null);
const numOrNull = (n: number | null | undefined) => (typeof n === 'number' && Number.isFinite(n) ? n : null);

function initialOf(e: EnterpriseView | null, defaultRegion: string | undefined): FormValues {
  if (!e) return { status: 'operating', sectors: [], regionCode: defaultRegion };
  return {
    creditCode: e.creditCode,
    name: e.name,
    regionCode: e.regionCode,
    address: e.address,
    longitude: e.longitude,
    latitude: e.latitude,
    industryCode: e.industryCode,
    sectors: e.sectors,
    scale: e.scale,
    legalRepresentative: e.legalRepresentative ?? undefined,
    principalName: e.principalName ?? undefined,
    principalPhone: e.principalPhone ?? undefined,
    safetyManagerName: e.safetyManagerName ?? undefined,
    safetyManagerPhone: e.safetyManagerPhone ?? undefined,
    employees: e.employees,
    status: e.status,
  };
}

/** Live under the credit code: how to type it, then whether the check character (GB 32100-2015 第5.2条) agrees. */
function CreditCodeHint() {
  const { t } = useTranslation();
  const code = Form.useWatch('creditCode') as string | undefined;
  if (!code || code.length < 18) return <span>{t('enterprise.creditCodeHint')}</span>;
  const problem = creditCodeProblem(code);
  return problem ? (
    <Typography.Text type="danger" data-testid="credit-code-hint">
      {t(`creditCodeProblem.${problem}`)}
    </Typography.Text>
  ) : (
    <Typography.Text type="success" data-testid="credit-code-hint">
      {t('enterprise.creditCodeOk')}
    </Typography.Text>
  );
}

export interface EnterpriseFormModalProps {
  /** The record to change; null: register a new enterprise. */
  enterprise: EnterpriseView | null;
  open: boolean;
  onClose: () => void;
  onSaved?: (view: EnterpriseView) => void;
}

export function EnterpriseFormModal({ enterprise, open, onClose, onSaved }: EnterpriseFormModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe().data;
  const [form] = Form.useForm<FormValues>();
  const create = useCreateEnterprise();
  const update = useUpdateEnterprise(enterprise?.id ?? '');
  const idempotency = useRef<{ body: string; key: string } | null>(null);
  /** Region and status are the bureau's to set. */
  const bureau = me?.org.kind === 'bureau';
  const creating = enterprise === null;
  const defaultRegion = me?.regionLevel === 'county' ? me.regionCode : undefined;

  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    const fields = {
      name: v.name?.trim() ?? '',
      address: v.address?.trim() ?? '',
      longitude: numOrNull(v.longitude),
      latitude: numOrNull(v.latitude),
      industryCode: v.industryCode ?? '',
      sectors: v.sectors ?? [],
      scale: (v.scale ?? null) as CreateEnterpriseInput['scale'],
      legalRepresentative: orNull(v.legalRepresentative),
      principalName: orNull(v.principalName),
      principalPhone: orNull(v.principalPhone),
      safetyManagerName: orNull(v.safetyManagerName),
      safetyManagerPhone: orNull(v.safetyManagerPhone),
      employees: numOrNull(v.employees),
    };
    const place = bureau ? { regionCode: v.regionCode ?? '', status: v.status ?? 'operating' } : {};
    try {
      let saved: EnterpriseView;
      if (creating) {
        const body = {
          ...fields,
          regionCode: v.regionCode ?? '',
          status: v.status ?? 'operating',
          creditCode: v.creditCode ?? '',
        } satisfies CreateEnterpriseInput;
        const json = JSON.stringify(body);
        if (idempotency.current?.body !== json) idempotency.current = { body: json, key: uuid() };
        saved = await create.mutateAsync({ body, key: idempotency.current.key });
      } else {
        const body: UpdateEnterpriseInput = { ...fields, ...place, version: enterprise.version };
        saved = await update.mutateAsync(body);
      }
      message.success(t('enterprise.saved', { name: saved.name }));
      onSaved?.(saved);
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'VERSION_CONFLICT') message.error(t('enterprise.versionConflict'));
      else if (e instanceof ApiError && e.fieldIssues.length) showFieldIssues(form, e, message);
      else message.error(t('errors.generic', { message: e instanceof Error ? e.message : String(e) }));
    }
  };

  const required = (label: string, select = false) => [
    { required: true, whitespace: !select, message: t(select ? 'form.select' : 'form.required', { field: label }) },
  ];

  return (
    <SaveModal
      open={open}
      width={880}
      title={creating ? t('enterprise.newTitle') : t('enterprise.editTitle', { name: enterprise.name })}
      saving={create.isPending || update.isPending}
      onCancel={onClose}
      onOk={() => void submit()}
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={initialOf(enterprise, defaultRegion)}
        preserve={false}
        data-testid="enterprise-form"
      >
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item
              name="creditCode"
              label={t('enterprise.creditCode')}
              normalize={(v?: string) => v?.toUpperCase().replace(/\s+/g, '')}
              validateTrigger="onBlur"
              extra={creating ? <CreditCodeHint /> : undefined}
              rules={
                creating
                  ? [
                      { required: true, message: t('form.required', { field: t('enterprise.creditCode') }) },
                      {
                        validator: (_: unknown, v?: string) => {
                          const problem = v ? creditCodeProblem(v) : null;
                          return problem
                            ? Promise.reject(new Error(t(`creditCodeProblem.${problem}`)))
                            : Promise.resolve();
                        },
                      },
                    ]
                  : []
              }
            >
              <Input id="creditCode" maxLength={18} disabled={!creating} showCount={creating} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="name" label={t('enterprise.name')} rules={required(t('enterprise.name'))}>
              <Input id="enterpriseName" maxLength={200} />
            </Form.Item>
          </Col>
          {(bureau || creating) && (
            <Col xs={24} md={12}>
              <Form.Item
                name="regionCode"
                label={t('enterprise.region')}
                rules={required(t('enterprise.region'), true)}
                extra={t('enterprise.regionHint')}
              >
                <RegionCascader countyOnly id="regionCode" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} md={bureau || creating ? 12 : 24}>
            <Form.Item name="address" label={t('enterprise.address')} rules={required(t('enterprise.address'))}>
              <Input id="address" maxLength={300} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="longitude" label={t('enterprise.longitude')}>
              <InputNumber id="longitude" min={73} max={136} step={0.001} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="latitude" label={t('enterprise.latitude')}>
              <InputNumber id="latitude" min={3} max={54} step={0.001} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="industryCode"
              label={t('enterprise.industryCode')}
              rules={required(t('enterprise.industryCode'), true)}
            >
              <Select
                id="industryCode"
                showSearch={{ optionFilterProp: 'label' }}
                options={industryOptions(t)}
                placeholder={t('form.industryPlaceholder')}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="sectors"
              label={t('enterprise.sectors')}
              rules={[{ required: true, type: 'array', min: 1, message: t('enterprise.sectorsRequired') }]}
            >
              <Select
                id="sectors"
                mode="multiple"
                options={SECTORS.map((s) => ({ value: s, label: t(`sector.${s}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="scale" label={t('enterprise.scale')}>
              <Select id="scale" allowClear options={SCALES.map((s) => ({ value: s, label: t(`scale.${s}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="employees" label={t('enterprise.employees')}>
              <InputNumber id="employees" min={0} max={1_000_000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          {bureau && (
            <Col xs={24} md={12}>
              <Form.Item name="status" label={t('enterprise.status')} rules={required(t('enterprise.status'), true)}>
                <Select
                  id="status"
                  options={ENTERPRISE_STATUSES.map((s) => ({ value: s, label: t(`enterpriseStatus.${s}`) }))}
                />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Divider titlePlacement="start">{t('enterprise.people')}</Divider>
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item name="legalRepresentative" label={t('enterprise.legalRepresentative')}>
              <Input id="legalRepresentative" maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="principalName" label={t('enterprise.principalName')}>
              <Input id="principalName" maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item
              name="principalPhone"
              label={t('enterprise.phone')}
              rules={[{ pattern: PHONE, message: t('enterprise.phoneInvalid') }]}
            >
              <Input id="principalPhone" maxLength={20} />
            </Form.Item>
          </Col>
          <Col xs={12} md={{ span: 8, offset: 8 }}>
            <Form.Item name="safetyManagerName" label={t('enterprise.safetyManagerName')}>
              <Input id="safetyManagerName" maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item
              name="safetyManagerPhone"
              label={t('enterprise.phone')}
              rules={[{ pattern: PHONE, message: t('enterprise.phoneInvalid') }]}
            >
              <Input id="safetyManagerPhone" maxLength={20} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </SaveModal>
  );
}
