/**
 * 双随机抽取 (/supervision/draws): the matter, the list drawn from (名录库: a region of the jurisdiction, some classes),
 * how many, the team size (≥ 2) and the roster (the bureau's certified officers, or some of them), an optional seed
 * and date. The draw is the server's; the page shows it with its seed and inputs for 复核 and 公开. The draw shown is
 * in the address bar (?id=), so it can be reopened; the list of the jurisdiction's draws is under it. One Idempotency-Key per form, renewed when the form changes.
 */
import {
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Skeleton,
  Space,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { type CreateDrawInput, SUPERVISION_CLASSES, type SupervisionClass } from '../../../contracts/supervision.js';
import { ApiError, uuid } from '../../api/client.js';
import { useMe } from '../../api/queries.js';
import { showFieldIssues } from '../../components/form-issues.js';
import { RegionCascader } from '../../components/RegionCascader.js';
import { mayDo } from '../../routes.js';
import { DrawList } from './DrawList.js';
import { DrawResult } from './DrawResult.js';
import { useCreateDraw, useDraw, useOfficers } from './queries.js';

interface FormValues {
  subject?: string;
  regionCode?: string;
  classes?: SupervisionClass[];
  count?: number | null;
  teamSize?: number | null;
  inspectorIds?: string[];
  seed?: string;
  plannedOn?: Dayjs | null;
}

function DrawForm({ onDrawn }: { onDrawn: (id: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe().data;
  const [form] = Form.useForm<FormValues>();
  const officers = useOfficers(true);
  const create = useCreateDraw();
  const idempotency = useRef<{ body: string; key: string }>({ body: '', key: uuid() });
  // The roster is the bureau's own officers (not its counties').
  const roster = (officers.data?.items ?? []).filter((o) => o.regionCode === me?.regionCode);

  const submit = async (v: FormValues) => {
    const body: CreateDrawInput = {
      subject: v.subject?.trim() ?? '',
      count: v.count ?? 0,
      ...(v.regionCode ? { regionCode: v.regionCode } : {}),
      ...(v.classes?.length ? { classes: v.classes } : {}),
      ...(v.teamSize != null ? { teamSize: v.teamSize } : {}),
      ...(v.inspectorIds?.length ? { inspectorIds: v.inspectorIds } : {}),
      ...(v.seed?.trim() ? { seed: v.seed.trim() } : {}),
      ...(v.plannedOn ? { plannedOn: v.plannedOn.format('YYYY-MM-DD') } : {}),
    };
    const json = JSON.stringify(body);
    if (idempotency.current.body && idempotency.current.body !== json) idempotency.current.key = uuid();
    idempotency.current.body = json;
    try {
      const draw = await create.mutateAsync({ body, key: idempotency.current.key });
      void message.success(t('supervision.draw.drawn'));
      // The next draw is another request.
      idempotency.current = { body: '', key: uuid() };
      onDrawn(draw.id);
    } catch (e) {
      if (e instanceof ApiError && e.fieldIssues.length) showFieldIssues(form, e, message);
      else void message.error(e instanceof Error ? e.message : String(e));
    }
  };

  const required = (field: string) => ({ required: true, message: t('form.required', { field }) });
  return (
    <Card title={t('supervision.draw.run')} size="small">
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={{ teamSize: 2 }}
        onFinish={(v) => void submit(v)}
        data-testid="draw-form"
      >
        <Row gutter={12}>
          <Col xs={24} lg={12}>
            <Form.Item
              name="subject"
              label={t('supervision.draw.subject')}
              rules={[{ ...required(t('supervision.draw.subject')), whitespace: true }]}
            >
              <Input maxLength={200} placeholder={t('supervision.draw.subjectPlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} lg={12}>
            <Form.Item name="regionCode" label={t('supervision.draw.region')} extra={t('supervision.draw.regionHint')}>
              <RegionCascader style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} lg={12}>
            <Form.Item name="classes" label={t('supervision.draw.classes')} extra={t('supervision.draw.classesHint')}>
              <Checkbox.Group
                options={SUPERVISION_CLASSES.map((c) => ({ value: c, label: t(`supervision.class.${c}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={12} lg={6}>
            <Form.Item name="count" label={t('supervision.draw.count')} rules={[required(t('supervision.draw.count'))]}>
              <InputNumber min={1} max={2000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} lg={6}>
            <Form.Item
              name="teamSize"
              label={t('supervision.draw.teamSize')}
              extra={t('supervision.plans.teamSizeHint')}
              rules={[required(t('supervision.draw.teamSize'))]}
            >
              <InputNumber min={2} max={5} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} lg={12}>
            <Form.Item
              name="inspectorIds"
              label={t('supervision.draw.inspectors')}
              extra={t('supervision.draw.inspectorsHint')}
            >
              <Select
                mode="multiple"
                allowClear
                loading={officers.isFetching}
                showSearch={{ optionFilterProp: 'label' }}
                options={roster.map((o) => ({ value: o.userId, label: `${o.name}（${o.cert}）` }))}
                data-testid="draw-inspectors"
              />
            </Form.Item>
          </Col>
          <Col xs={12} lg={6}>
            <Form.Item name="seed" label={t('supervision.draw.seed')} extra={t('supervision.plans.seedHint')}>
              <Input maxLength={128} />
            </Form.Item>
          </Col>
          <Col xs={12} lg={6}>
            <Form.Item name="plannedOn" label={t('supervision.draw.plannedOn')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="draw-submit">
          {t('supervision.draw.submit')}
        </Button>
      </Form>
    </Card>
  );
}

export function DrawPage() {
  const me = useMe().data;
  const [params, setParams] = useSearchParams();
  const id = params.get('id') ?? undefined;
  const draw = useDraw(id);
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {mayDo(me, 'supervision.plan') && <DrawForm onDrawn={(drawn) => setParams({ id: drawn })} />}
      {id &&
        (draw.error ? (
          <Card>{t('common.loadFailed', { message: draw.error.message })}</Card>
        ) : draw.data ? (
          <DrawResult draw={draw.data} me={me} />
        ) : (
          <Skeleton active />
        ))}
      <DrawList selected={id} onOpen={(drawId) => setParams({ id: drawId })} />
    </Space>
  );
}
