/** 登记 / 修改 one rescue resource: the fields of its kind; a 400's field issues shown under the fields. */
import { App, Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  AVAILABILITY,
  EQUIPMENT_CATEGORIES,
  READINESS,
  RESOURCE_KINDS,
  type RescueResource,
  type ResourceKind,
  SPECIALTIES,
  TEAM_LEVELS,
  teamLevelsFor,
} from '../../../contracts/rescue-resources.js';
import { ApiError, uuid } from '../../api/client.js';
import { useMe } from '../../api/queries.js';
import { showFieldIssues, validValues } from '../../components/form-issues.js';
import { RegionCascader } from '../../components/RegionCascader.js';
import { SaveModal } from '../../components/SaveModal.js';
import { useRescueWrite } from './queries.js';

type Values = Record<string, unknown> & {
  kind: ResourceKind;
  maintainedOn?: Dayjs | null;
  nextMaintenanceOn?: Dayjs | null;
};

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);

export function ResourceFormModal({
  open,
  editing,
  initialKind,
  onClose,
}: {
  open: boolean;
  editing: RescueResource | null;
  initialKind?: ResourceKind | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const me = useMe().data;
  // A bureau registers teams of its own level or below (the server refuses the others); a team's current level stays.
  const levels = me
    ? TEAM_LEVELS.filter((l) => teamLevelsFor(me.regionLevel).includes(l) || l === editing?.level)
    : TEAM_LEVELS;
  const write = useRescueWrite();
  const [key] = useState(uuid);
  const kind = (Form.useWatch('kind', form) ?? editing?.kind ?? initialKind ?? 'team') as ResourceKind;
  const opts = <T extends string>(values: readonly T[], prefix: string) =>
    values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));

  const initial: Partial<Values> = editing
    ? {
        ...Object.fromEntries(Object.entries(editing).filter(([, v]) => v !== null)),
        maintainedOn: editing.maintainedOn ? dayjs(editing.maintainedOn) : null,
        nextMaintenanceOn: editing.nextMaintenanceOn ? dayjs(editing.nextMaintenanceOn) : null,
      }
    : { kind: initialKind ?? 'team', readiness: 'ready', availability: 'available', category: 'equipment' };

  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    const common = {
      kind: v.kind,
      name: v.name,
      regionCode: v.regionCode || undefined,
      specialties: v.specialties,
      lng: v.lng,
      lat: v.lat,
      address: v.address ?? '',
      enterpriseId: v.enterpriseId || undefined,
      contactName: v.contactName || undefined,
      contactPhone: v.contactPhone || undefined,
      note: v.note || undefined,
    };
    const specific =
      v.kind === 'team'
        ? { level: v.level, members: v.members, dutyPhone: v.dutyPhone, readiness: v.readiness }
        : v.kind === 'equipment'
          ? {
              category: v.category,
              equipmentType: v.equipmentType,
              quantity: v.quantity,
              unit: v.unit,
              ownerName: v.ownerName,
              maintainedOn: day(v.maintainedOn),
              nextMaintenanceOn: day(v.nextMaintenanceOn),
            }
          : { organization: v.organization || undefined, title: v.title || undefined, availability: v.availability };
    const body = JSON.parse(
      JSON.stringify({ ...common, ...specific, ...(editing ? { version: editing.version } : {}) }),
    );
    try {
      await write.mutateAsync(
        editing
          ? { path: `/api/rescue-resources/${editing.id}`, method: 'PUT', body }
          : { path: '/api/rescue-resources', method: 'POST', body, key },
      );
      void message.success(t('rescue.saved'));
      onClose();
    } catch (e) {
      if (e instanceof ApiError) showFieldIssues(form, e, message);
      else throw e;
    }
  };

  return (
    <SaveModal
      open={open}
      title={editing ? `${t('rescue.edit')} · ${editing.name}` : t('rescue.new')}
      width={760}
      saving={write.isPending}
      onOk={() => void submit()}
      onCancel={onClose}
    >
      <Form<Values> form={form} layout="vertical" initialValues={initial} data-testid="rescue-form">
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="kind" label={t('rescue.kind')} rules={[{ required: true }]}>
              <Select disabled={editing !== null} options={opts(RESOURCE_KINDS, 'rescue.kinds')} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="name" label={t('rescue.name')} rules={[{ required: true, max: 200 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="specialties" label={t('rescue.specialties')} rules={[{ required: true }]}>
              <Select mode="multiple" options={opts(SPECIALTIES, 'rescue.specialtyNames')} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="regionCode" label={t('rescue.region')} extra={t('rescue.regionHint')}>
              <RegionCascader />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="lng" label={t('rescue.lng')} rules={[{ required: true }]}>
              <InputNumber min={73} max={136} step={0.001} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="lat" label={t('rescue.lat')} rules={[{ required: true }]}>
              <InputNumber min={3} max={54} step={0.001} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="address" label={t('rescue.address')}>
              <Input maxLength={300} />
            </Form.Item>
          </Col>
          {kind === 'team' && (
            <>
              <Col span={6}>
                <Form.Item name="level" label={t('rescue.level')} rules={[{ required: true }]}>
                  <Select options={opts(levels, 'rescue.levels')} />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item name="members" label={t('rescue.members')} rules={[{ required: true }]}>
                  <InputNumber min={0} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item name="dutyPhone" label={t('rescue.dutyPhone')} rules={[{ required: true }]}>
                  <Input />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item name="readiness" label={t('rescue.readiness')}>
                  <Select options={opts(READINESS, 'rescue.readinessNames')} />
                </Form.Item>
              </Col>
            </>
          )}
          {kind === 'equipment' && (
            <>
              <Col span={6}>
                <Form.Item name="category" label={t('rescue.category')}>
                  <Select options={opts(EQUIPMENT_CATEGORIES, 'rescue.categories')} />
                </Form.Item>
              </Col>
              <Col span={10}>
                <Form.Item name="equipmentType" label={t('rescue.equipmentType')} rules={[{ required: true }]}>
                  <Input />
                </Form.Item>
              </Col>
              <Col span={4}>
                <Form.Item name="quantity" label={t('rescue.quantity')} rules={[{ required: true }]}>
                  <InputNumber min={0} precision={2} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={4}>
                <Form.Item name="unit" label={t('rescue.unit')} rules={[{ required: true }]}>
                  <Input maxLength={10} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="ownerName" label={t('rescue.ownerName')} rules={[{ required: true }]}>
                  <Input />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item name="maintainedOn" label={t('rescue.maintainedOn')}>
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item name="nextMaintenanceOn" label={t('rescue.nextMaintenanceOn')}>
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </>
          )}
          {kind === 'expert' && (
            <>
              <Col span={10}>
                <Form.Item name="organization" label={t('rescue.organization')}>
                  <Input />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item name="title" label={t('rescue.titleField')}>
                  <Input />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="availability" label={t('rescue.availability')}>
                  <Select options={opts(AVAILABILITY, 'rescue.availabilityNames')} />
                </Form.Item>
              </Col>
            </>
          )}
          <Col span={8}>
            <Form.Item name="contactName" label={t('rescue.contactName')}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="contactPhone"
              label={t('rescue.contactPhone')}
              rules={kind === 'expert' ? [{ required: true }] : []}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="enterpriseId" label={t('rescue.enterpriseId')}>
              <Input placeholder="UUID" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="note" label={t('rescue.note')}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </SaveModal>
  );
}
