/**
 * 新建快报: the quick-report form (493号令 第十二条 content) with a live grade preview, client-side checks
 * from the shared contract, duplicate confirmation and one Idempotency-Key per distinct submission.
 */
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Divider,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Space,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { createAccidentBody } from '../../../contracts/accidents.js';
import type { EnterpriseListItem } from '../../../contracts/enterprises.js';
import { gradeOf } from '../../../domain/grade.js';
import { targetLevelOf } from '../../../domain/reporting-chain.js';
import { ApiError, api, uuid } from '../../api/client.js';
import { queryKeys, useMe } from '../../api/queries.js';
import type { AccidentDomain, AccidentView } from '../../api/types.js';
import { accidentTypeOptions, DOMAINS, industryOptions } from '../../components/code-options.js';
import { toIsoWithOffset } from '../../components/format.js';
import { RegionCascader } from '../../components/RegionCascader.js';
import { GradeTag } from '../../components/tags.js';
import { UnitLookup } from './UnitLookup.js';

interface FormValues {
  occurredAt?: Dayjs;
  receivedAt?: Dayjs;
  regionCode?: string;
  address?: string;
  unitName?: string;
  unitCreditCode?: string;
  industryCode?: string;
  accidentType?: string;
  domain: AccidentDomain;
  deaths?: number | null;
  missing?: number | null;
  seriousInjuries?: number | null;
  minorInjuries?: number | null;
  directLossYuan?: number | null;
  summary?: string;
  measuresTaken?: string;
  reporterName?: string;
  reporterPhone?: string;
}

interface DuplicateCandidate {
  id: string;
  reportNo: string;
}

const num = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

function GradePreview() {
  const { t } = useTranslation();
  const form = Form.useFormInstance<FormValues>();
  const deaths = Form.useWatch('deaths', form);
  const missing = Form.useWatch('missing', form);
  const seriousInjuries = Form.useWatch('seriousInjuries', form);
  const directLossYuan = Form.useWatch('directLossYuan', form);
  const grade = gradeOf({
    deaths: num(deaths),
    missing: num(missing),
    seriousInjuries: num(seriousInjuries),
    directLossYuan: num(directLossYuan),
  });
  return (
    <Card size="small" title={t('form.preview')} data-testid="grade-preview" style={{ borderColor: '#adc6ff' }}>
      <Space orientation="vertical" size={4}>
        <span style={{ fontSize: 18 }}>
          <GradeTag grade={grade} />
        </span>
        <Typography.Text strong>
          {t('form.previewTarget', { level: t(`level.${targetLevelOf(grade)}`) })}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('form.previewHint')}
        </Typography.Text>
      </Space>
    </Card>
  );
}

export function AccidentFormPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const [form] = Form.useForm<FormValues>();
  const [submitting, setSubmitting] = useState(false);
  const [duplicates, setDuplicates] = useState<DuplicateCandidate[] | null>(null);
  const [formError, setFormError] = useState<string>();
  /** The key of the last submitted body: a retry of the same body reuses it, a changed body gets a new one. */
  const idempotency = useRef<{ body: string; key: string } | null>(null);

  const dutyLogId = params.get('dutyLogId') ?? undefined;
  const presetReceivedAt = params.get('receivedAt');
  const initialValues: FormValues = {
    occurredAt: undefined,
    receivedAt: presetReceivedAt ? dayjs(presetReceivedAt) : dayjs(),
    // 转为快报: what the caller said is carried over from the duty log entry.
    unitName: params.get('unitName') ?? undefined,
    summary: params.get('summary') ?? undefined,
    reporterName: params.get('reporterName') ?? undefined,
    reporterPhone: params.get('reporterPhone') ?? undefined,
    regionCode: params.get('regionCode') ?? (me?.regionLevel === 'county' ? me.regionCode : undefined),
    domain: 'industrial',
    deaths: 0,
    missing: 0,
    seriousInjuries: 0,
    minorInjuries: 0,
    directLossYuan: 0,
  };

  /** A registered enterprise was chosen: its registry facts fill what the officer has not entered yet. */
  const fillFromRegistry = (e: EnterpriseListItem) => {
    const v = form.getFieldsValue();
    form.setFieldsValue({
      unitCreditCode: e.creditCode,
      ...(v.address ? {} : { address: e.address }),
      ...(v.industryCode ? {} : { industryCode: e.industryCode }),
      ...(v.regionCode ? {} : { regionCode: e.regionCode }),
    });
  };

  const label = (key: string) => t(`accident.${key}`);
  const required = (key: string, select = false) => [
    { required: true, message: t(select ? 'form.select' : 'form.required', { field: label(key) }) },
  ];

  const buildBody = (v: FormValues, confirmNotDuplicate: boolean) => {
    const body: Record<string, unknown> = {
      occurredAt: v.occurredAt ? toIsoWithOffset(v.occurredAt) : undefined,
      receivedAt: v.receivedAt ? toIsoWithOffset(v.receivedAt) : undefined,
      regionCode: v.regionCode,
      address: v.address?.trim(),
      unitName: v.unitName?.trim(),
      unitCreditCode: v.unitCreditCode?.trim() || undefined,
      industryCode: v.industryCode,
      accidentType: v.accidentType,
      domain: v.domain,
      deaths: num(v.deaths),
      missing: num(v.missing),
      seriousInjuries: num(v.seriousInjuries),
      minorInjuries: num(v.minorInjuries),
      directLossYuan: num(v.directLossYuan),
      summary: v.summary?.trim() ?? '',
      measuresTaken: v.measuresTaken?.trim() ?? '',
      reporterName: v.reporterName?.trim() ?? '',
      reporterPhone: v.reporterPhone?.trim() ?? '',
    };
    if (confirmNotDuplicate) body.confirmNotDuplicate = true;
    if (dutyLogId) body.dutyLogId = dutyLogId;
    return body;
  };

  const showFieldIssues = (issues: { path: string; message: string }[]) => {
    const fields = issues
      .filter((i) => i.path && i.path in (form.getFieldsValue(true) as object))
      .map((i) => ({ name: i.path as keyof FormValues, errors: [i.message] }));
    if (fields.length) {
      form.setFields(fields);
      form.scrollToField(fields[0]?.name as keyof FormValues);
    }
    const rest = issues.filter((i) => !fields.some((f) => f.name === i.path));
    if (rest.length) setFormError(rest.map((i) => `${i.path}: ${i.message}`).join('；'));
  };

  const submit = async (confirmNotDuplicate: boolean) => {
    setFormError(undefined);
    const values = form.getFieldsValue(true) as FormValues;
    const body = buildBody(values, confirmNotDuplicate);
    const checked = createAccidentBody.safeParse(body);
    if (!checked.success) {
      showFieldIssues(checked.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })));
      return;
    }
    const json = JSON.stringify(body);
    if (idempotency.current?.body !== json) idempotency.current = { body: json, key: uuid() };
    setSubmitting(true);
    try {
      const view = await api<AccidentView>('/api/accidents', {
        body,
        headers: { 'Idempotency-Key': idempotency.current.key },
      });
      setDuplicates(null);
      void queryClient.invalidateQueries({ queryKey: queryKeys.accidents() });
      void queryClient.invalidateQueries({ queryKey: ['duty'] });
      message.success(t('form.submitted', { reportNo: view.reportNo }));
      void navigate(`/accidents/${view.id}`);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'POSSIBLE_DUPLICATE') {
        const d = e.details as { candidates?: DuplicateCandidate[] } | undefined;
        setDuplicates(d?.candidates ?? []);
      } else if (e instanceof ApiError && e.code === 'VALIDATION_FAILED') {
        showFieldIssues(e.fieldIssues);
      } else {
        setFormError(e instanceof Error ? e.message : String(e));
      }
    } finally {
      setSubmitting(false);
    }
  };

  const notFuture = {
    validator: (_: unknown, v?: Dayjs) =>
      v?.isAfter(dayjs().add(1, 'minute')) ? Promise.reject(new Error(t('form.futureTime'))) : Promise.resolve(),
  };

  const countField = (name: keyof FormValues) => (
    <Col xs={12} md={6}>
      <Form.Item name={name} label={label(name)} rules={[{ type: 'integer', min: 0, message: label(name) }]}>
        <InputNumber min={0} precision={0} style={{ width: '100%' }} id={name} />
      </Form.Item>
    </Col>
  );

  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={() => void submit(false)}
      scrollToFirstError
    >
      <Row gutter={16}>
        <Col xs={24} xl={18}>
          <Card title={t('form.title')}>
            {dutyLogId && <Alert type="info" showIcon title={t('form.fromDutyLog')} style={{ marginBottom: 16 }} />}
            {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
            <Divider titlePlacement="start">{t('form.sectionTime')}</Divider>
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item
                  name="occurredAt"
                  label={label('occurredAt')}
                  rules={[...required('occurredAt', true), notFuture]}
                >
                  <DatePicker
                    showTime={{ format: 'HH:mm' }}
                    format="YYYY-MM-DD HH:mm"
                    style={{ width: '100%' }}
                    id="occurredAt"
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  name="receivedAt"
                  label={label('receivedAt')}
                  dependencies={['occurredAt']}
                  rules={[
                    ...required('receivedAt', true),
                    notFuture,
                    ({ getFieldValue }) => ({
                      validator: (_: unknown, v?: Dayjs) => {
                        const occurred = getFieldValue('occurredAt') as Dayjs | undefined;
                        return v && occurred && v.isBefore(occurred)
                          ? Promise.reject(new Error(t('form.receivedBeforeOccurred')))
                          : Promise.resolve();
                      },
                    }),
                  ]}
                >
                  <DatePicker
                    showTime={{ format: 'HH:mm' }}
                    format="YYYY-MM-DD HH:mm"
                    style={{ width: '100%' }}
                    disabled={!!dutyLogId}
                    id="receivedAt"
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="regionCode" label={label('region')} rules={required('region', true)}>
                  <RegionCascader countyOnly style={{ width: '100%' }} id="regionCode" placeholder={label('region')} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="address" label={label('address')} rules={required('address')}>
                  <Input maxLength={300} id="address" />
                </Form.Item>
              </Col>
            </Row>
            <Divider titlePlacement="start">{t('form.sectionUnit')}</Divider>
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item name="unitName" label={label('unitName')} rules={required('unitName')}>
                  <UnitLookup id="unitName" onPick={fillFromRegistry} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  name="unitCreditCode"
                  label={label('unitCreditCode')}
                  rules={[
                    {
                      pattern: /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/,
                      message: t('form.creditCodeInvalid'),
                    },
                  ]}
                >
                  <Input maxLength={18} id="unitCreditCode" style={{ textTransform: 'uppercase' }} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="industryCode" label={label('industryCode')} rules={required('industryCode', true)}>
                  <Select
                    id="industryCode"
                    showSearch={{ optionFilterProp: 'label' }}
                    options={industryOptions(t)}
                    placeholder={t('form.industryPlaceholder')}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="accidentType" label={label('accidentType')} rules={required('accidentType', true)}>
                  <Select
                    id="accidentType"
                    showSearch={{ optionFilterProp: 'label' }}
                    options={accidentTypeOptions(t)}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="domain" label={label('domain')} rules={required('domain', true)}>
                  <Select id="domain" options={DOMAINS.map((d) => ({ value: d, label: t(`domain.${d}`) }))} />
                </Form.Item>
              </Col>
            </Row>
            <Divider titlePlacement="start">{t('form.sectionCasualties')}</Divider>
            <Row gutter={16}>
              {countField('deaths')}
              {countField('missing')}
              {countField('seriousInjuries')}
              {countField('minorInjuries')}
              <Col xs={24} md={12}>
                <Form.Item name="directLossYuan" label={label('directLossYuan')}>
                  <InputNumber
                    min={0}
                    precision={0}
                    style={{ width: '100%' }}
                    id="directLossYuan"
                    formatter={(v) => `${v ?? ''}`.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}
                    parser={(v) => Number((v ?? '').replace(/,/g, '')) as unknown as 0}
                  />
                </Form.Item>
              </Col>
            </Row>
            <Divider titlePlacement="start">{t('form.sectionNarrative')}</Divider>
            <Form.Item name="summary" label={label('summary')} rules={required('summary')}>
              <Input.TextArea rows={4} maxLength={10_000} showCount id="summary" />
            </Form.Item>
            <Form.Item name="measuresTaken" label={label('measuresTaken')} rules={required('measuresTaken')}>
              <Input.TextArea rows={3} maxLength={10_000} id="measuresTaken" />
            </Form.Item>
            <Divider titlePlacement="start">{t('form.sectionReporter')}</Divider>
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item name="reporterName" label={label('reporterName')} rules={required('reporterName')}>
                  <Input maxLength={50} id="reporterName" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  name="reporterPhone"
                  label={label('reporterPhone')}
                  rules={[
                    ...required('reporterPhone'),
                    { pattern: /^[0-9+\-() ]{5,30}$/, message: label('reporterPhone') },
                  ]}
                >
                  <Input maxLength={30} id="reporterPhone" />
                </Form.Item>
              </Col>
            </Row>
          </Card>
        </Col>
        <Col xs={24} xl={6}>
          <div
            style={{ position: 'sticky', top: 12, display: 'flex', flexDirection: 'column', gap: 12, marginTop: 12 }}
          >
            <GradePreview />
            <Button type="primary" htmlType="submit" size="large" block loading={submitting} data-testid="submit">
              {t('form.submit')}
            </Button>
            <Button block onClick={() => void navigate(-1)}>
              {t('common.cancel')}
            </Button>
          </div>
        </Col>
      </Row>
      <Modal
        open={duplicates !== null}
        title={t('form.duplicateTitle')}
        onCancel={() => setDuplicates(null)}
        okText={t('form.duplicateConfirm')}
        cancelText={t('common.cancel')}
        confirmLoading={submitting}
        onOk={() => void submit(true)}
      >
        <p>{t('form.duplicateBody')}</p>
        <ul>
          {(duplicates ?? []).map((c) => (
            <li key={c.id}>
              <Link to={`/accidents/${c.id}`} target="_blank">
                {c.reportNo}
              </Link>
            </li>
          ))}
        </ul>
      </Modal>
    </Form>
  );
}
