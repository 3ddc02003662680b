/**
 * 许可证 on the enterprise card: type, number, issuer, validity, the state on today's date and the expiry alert
 * with the days left. The bureau records them (licence.write): 登记许可证, and 修改 for renewal (延续), 暂扣, 吊销.
 */

import { PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  Row,
  Select,
  Space,
  Table,
  type TableProps,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EnterpriseView, LicenceView } from '../../../contracts/enterprises.js';
import {
  LICENCE_RECORDED_STATUSES,
  LICENCE_TYPES,
  type LicenceRecordedStatus,
  type LicenceType,
} from '../../../domain/enterprise.js';
import { ApiError, uuid } from '../../api/client.js';
import { useMe } from '../../api/queries.js';
import { validValues } from '../../components/form-issues.js';
import { SaveModal } from '../../components/SaveModal.js';
import { mayDo } from '../../routes.js';
import { useSaveLicence } from './queries.js';
import { DaysLeft, ExpiryTag, LicenceStateTag } from './tags.js';

interface LicenceFormValues {
  type?: LicenceType;
  number?: string;
  scope?: string;
  issuer?: string;
  valid?: [Dayjs, Dayjs] | null;
  status: LicenceRecordedStatus;
}

const DAY = 'YYYY-MM-DD';

function LicenceFormModal({
  enterpriseId,
  licence,
  onClose,
}: {
  enterpriseId: string;
  licence: LicenceView | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<LicenceFormValues>();
  const save = useSaveLicence(enterpriseId);
  const idempotency = useRef<{ body: string; key: string } | null>(null);
  const initial: LicenceFormValues = licence
    ? {
        type: licence.type,
        number: licence.number,
        scope: licence.scope ?? undefined,
        issuer: licence.issuer,
        valid: [dayjs(licence.validFrom), dayjs(licence.validTo)],
        status: licence.recordedStatus,
      }
    : { status: 'valid' };

  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    const common = {
      number: v.number?.trim() ?? '',
      scope: v.scope?.trim() ? v.scope.trim() : null,
      issuer: v.issuer?.trim() ?? '',
      validFrom: v.valid?.[0]?.format(DAY) ?? '',
      validTo: v.valid?.[1]?.format(DAY) ?? '',
      status: v.status,
    };
    try {
      if (licence) {
        await save.mutateAsync({ id: licence.id, body: { ...common, version: licence.version } });
      } else {
        const body = { ...common, type: v.type as LicenceType };
        const json = JSON.stringify(body);
        if (idempotency.current?.body !== json) idempotency.current = { body: json, key: uuid() };
        await save.mutateAsync({ body, key: idempotency.current.key });
      }
      message.success(t('common.saved'));
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'VERSION_CONFLICT') {
        message.error(t('enterprise.versionConflict'));
      } else if (e instanceof ApiError && e.fieldIssues.length) {
        const name = (path: string) => (path === 'validFrom' || path === 'validTo' ? 'valid' : path);
        form.setFields(
          e.fieldIssues.map((i) => ({ name: name(i.path) as keyof LicenceFormValues, errors: [i.message] })),
        );
      } else {
        message.error(t('errors.generic', { message: e instanceof Error ? e.message : String(e) }));
      }
    }
  };

  return (
    <SaveModal
      open
      width={720}
      title={licence ? t('licence.editTitle', { name: licence.typeName }) : t('licence.newTitle')}
      saving={save.isPending}
      onCancel={onClose}
      onOk={() => void submit()}
    >
      <Form<LicenceFormValues> form={form} layout="vertical" initialValues={initial} preserve={false}>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item
              name="type"
              label={t('licence.type')}
              rules={[{ required: true, message: t('form.select', { field: t('licence.type') }) }]}
            >
              <Select
                id="licenceType"
                disabled={!!licence}
                options={LICENCE_TYPES.map((type) => ({ value: type, label: t(`licenceType.${type}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="number"
              label={t('licence.number')}
              rules={[
                { required: true, whitespace: true, message: t('form.required', { field: t('licence.number') }) },
              ]}
            >
              <Input id="licenceNumber" maxLength={60} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="issuer"
              label={t('licence.issuer')}
              rules={[
                { required: true, whitespace: true, message: t('form.required', { field: t('licence.issuer') }) },
              ]}
            >
              <Input id="issuer" maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="valid"
              label={t('licence.validity')}
              rules={[{ required: true, message: t('form.select', { field: t('licence.validity') }) }]}
              extra={t('licence.validityHint')}
            >
              <DatePicker.RangePicker id="valid" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="status" label={t('licence.recordedStatus')}>
              <Select
                id="licenceStatus"
                options={LICENCE_RECORDED_STATUSES.map((s) => ({ value: s, label: t(`licenceState.${s}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="scope" label={t('licence.scope')}>
              <Input.TextArea id="scope" rows={2} maxLength={1000} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </SaveModal>
  );
}

export function LicencesCard({ enterprise }: { enterprise: EnterpriseView }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const writes = mayDo(me, 'licence.write');
  const [editing, setEditing] = useState<LicenceView | null | 'new'>(null);

  const columns: TableProps<LicenceView>['columns'] = [
    { title: t('licence.type'), dataIndex: 'type', width: 190, render: (v: LicenceType) => t(`licenceType.${v}`) },
    { title: t('licence.number'), dataIndex: 'number', width: 230, ellipsis: true },
    { title: t('licence.issuer'), dataIndex: 'issuer', width: 150, ellipsis: true },
    {
      title: t('licence.validity'),
      key: 'validity',
      width: 190,
      render: (_: unknown, l) => `${l.validFrom} ~ ${l.validTo}`,
    },
    {
      title: t('licence.state'),
      key: 'state',
      width: 190,
      render: (_: unknown, l) => (
        <Space size={2} wrap>
          <LicenceStateTag state={l.state} />
          <ExpiryTag stage={l.alert} />
        </Space>
      ),
    },
    {
      title: t('licence.daysLeftTitle'),
      dataIndex: 'daysLeft',
      width: 110,
      render: (v: number, l) => (l.state === 'valid' || l.state === 'expired' ? <DaysLeft days={v} /> : '—'),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 80,
      fixed: 'right',
      hidden: !writes,
      render: (_: unknown, l) => (
        <Button type="link" size="small" onClick={() => setEditing(l)}>
          {t('licence.edit')}
        </Button>
      ),
    },
  ];

  return (
    <Card
      title={t('licence.title')}
      data-testid="licences-card"
      extra={
        writes ? (
          <Button icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('licence.new')}
          </Button>
        ) : null
      }
    >
      {enterprise.missingLicences.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="missing-licences"
          title={t('licence.missing', {
            sectors: enterprise.missingLicences.map((s) => t(`sector.${s}`)).join('、'),
          })}
        />
      )}
      <Table<LicenceView>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={enterprise.licences}
        pagination={false}
        scroll={{ x: 1000 }}
      />
      {editing !== null && (
        <LicenceFormModal
          enterpriseId={enterprise.id}
          licence={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </Card>
  );
}
