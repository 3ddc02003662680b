/**
 * 开始自查 (/self-inspections/new): the enterprise picks a template of the checklist library, gives each item its result
 * and, for a 不符合 item, the danger's level, deadline and measures; submitting records the self-inspection and its
 * dangers at once. One Idempotency-Key per form content, so a double click or a retry records it once.
 */
import { App, Button, Card, DatePicker, Input, Radio, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ITEM_RESULTS, type ItemResult } from '../../../contracts/inspections.js';
import type { CreateSelfInspectionInput } from '../../../contracts/self-inspections.js';
import type { ChecklistItem } from '../../../domain/checklist-library.js';
import { uuid } from '../../api/client.js';
import { useOwnEnterprise } from '../enterprises/queries.js';
import { useChecklist } from '../inspections/queries.js';
import { useCreateSelfInspection } from './queries.js';

interface ItemState {
  code: string;
  result?: ItemResult;
  note?: string;
  level?: 'general' | 'major';
  deadline?: string;
  measures?: string;
}

function ItemCard({
  index,
  item,
  library,
  update,
}: {
  index: number;
  item: ItemState;
  library: ChecklistItem | undefined;
  update: (patch: Partial<ItemState>) => void;
}) {
  const { t } = useTranslation();
  return (
    <Card size="small" style={{ marginBottom: 8 }} data-testid={`self-item-${item.code}`}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text strong>
          {index + 1}. {library?.requirement ?? item.code}
        </Typography.Text>
        {library && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('selfInspections.basis')}：{library.basis.law}
            {library.basis.article}
          </Typography.Text>
        )}
        <Radio.Group
          value={item.result}
          onChange={(e) => update({ result: e.target.value })}
          options={ITEM_RESULTS.map((r) => ({ value: r, label: t(`selfInspections.results.${r}`) }))}
        />
        <Input
          placeholder={t('selfInspections.note')}
          value={item.note}
          maxLength={1000}
          onChange={(e) => update({ note: e.target.value })}
        />
        {item.result === 'nonconform' && (
          <Space wrap>
            <Select
              style={{ width: 160 }}
              value={item.level ?? 'general'}
              onChange={(level) => update({ level })}
              options={[
                { value: 'general', label: t('selfInspections.levels.general') },
                ...(library?.majorStandardItem ? [{ value: 'major', label: t('selfInspections.levels.major') }] : []),
              ]}
            />
            <DatePicker
              placeholder={t('selfInspections.deadline')}
              value={item.deadline ? dayjs(item.deadline) : null}
              onChange={(d: Dayjs | null) => update({ deadline: d?.format('YYYY-MM-DD') })}
              data-testid={`self-deadline-${item.code}`}
            />
            <Input
              style={{ minWidth: 240 }}
              placeholder={t('selfInspections.measures')}
              value={item.measures}
              maxLength={2000}
              onChange={(e) => update({ measures: e.target.value })}
            />
          </Space>
        )}
      </Space>
    </Card>
  );
}

function bodyOf(
  enterpriseId: string,
  form: { templateCode: string; inspectorName: string; inspectedOn: string; findings: string },
  items: ItemState[],
): CreateSelfInspectionInput {
  return {
    enterpriseId,
    templateCode: form.templateCode,
    inspectorName: form.inspectorName.trim(),
    inspectedOn: form.inspectedOn,
    findings: form.findings,
    items: items.map((i) => ({
      code: i.code,
      result: i.result ?? 'conform',
      ...(i.note?.trim() ? { note: i.note.trim() } : {}),
      ...(i.result === 'nonconform'
        ? {
            danger: {
              level: i.level ?? 'general',
              ...(i.deadline ? { deadline: i.deadline } : {}),
              ...(i.measures?.trim() ? { measures: i.measures.trim() } : {}),
            },
          }
        : {}),
    })),
  };
}

export function SelfInspectionFormPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const own = useOwnEnterprise(true);
  const checklist = useChecklist();
  const create = useCreateSelfInspection();
  const [form, setForm] = useState({
    templateCode: '',
    inspectorName: '',
    inspectedOn: dayjs().format('YYYY-MM-DD'),
    findings: '',
  });
  const [items, setItems] = useState<ItemState[]>([]);
  const idempotency = useRef({ body: '', key: uuid() });
  const library = new Map((checklist.data?.items ?? []).map((i) => [i.code, i]));

  const pickTemplate = (code: string) => {
    const template = checklist.data?.templates.find((x) => x.code === code);
    setForm((f) => ({ ...f, templateCode: code }));
    setItems(template?.itemCodes.map((c) => ({ code: c })) ?? []);
  };
  const problem = (): string | null => {
    if (!form.templateCode || items.length === 0) return t('selfInspections.required.template');
    if (!form.inspectorName.trim()) return t('selfInspections.required.inspector');
    const unset = items.findIndex((i) => !i.result);
    if (unset >= 0) return t('selfInspections.required.result', { n: unset + 1 });
    const major = items.findIndex((i) => i.result === 'nonconform' && i.level === 'major' && !i.deadline);
    if (major >= 0) return t('selfInspections.required.deadline', { n: major + 1 });
    return null;
  };
  const submit = async () => {
    const missing = problem();
    if (missing) {
      void message.error(missing);
      return;
    }
    if (!own.data) return;
    const body = bodyOf(own.data.id, form, items);
    const json = JSON.stringify(body);
    if (idempotency.current.body && idempotency.current.body !== json) idempotency.current.key = uuid();
    idempotency.current.body = json;
    try {
      const saved = await create.mutateAsync({ body, key: idempotency.current.key });
      void message.success(t('selfInspections.saved'));
      navigate(`/self-inspections/${saved.id}`);
    } catch (e) {
      // The server's words name the item (第3项：…): the form has no field of its own for each.
      void message.error(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="self-inspection-form">
      <Card title={`${t('selfInspections.new')}${own.data ? ` · ${own.data.name}` : ''}`}>
        <Space wrap size={16}>
          <Select
            style={{ width: 280 }}
            placeholder={t('selfInspections.pickTemplate')}
            value={form.templateCode || undefined}
            onChange={pickTemplate}
            loading={checklist.isFetching}
            options={(checklist.data?.templates ?? []).map((x) => ({ value: x.code, label: x.name }))}
            data-testid="self-template"
          />
          <Input
            style={{ width: 200 }}
            placeholder={t('selfInspections.inspector')}
            value={form.inspectorName}
            maxLength={50}
            onChange={(e) => setForm((f) => ({ ...f, inspectorName: e.target.value }))}
            data-testid="self-inspector"
          />
          <DatePicker
            value={dayjs(form.inspectedOn)}
            allowClear={false}
            disabledDate={(d) => d.isAfter(dayjs(), 'day')}
            onChange={(d: Dayjs | null) => d && setForm((f) => ({ ...f, inspectedOn: d.format('YYYY-MM-DD') }))}
          />
        </Space>
      </Card>
      {items.map((item, index) => (
        <ItemCard
          key={item.code}
          index={index}
          item={item}
          library={library.get(item.code)}
          update={(patch) => setItems((all) => all.map((i) => (i.code === item.code ? { ...i, ...patch } : i)))}
        />
      ))}
      <Card size="small" title={t('selfInspections.findings')}>
        <Input.TextArea
          autoSize={{ minRows: 2, maxRows: 6 }}
          maxLength={4000}
          value={form.findings}
          onChange={(e) => setForm((f) => ({ ...f, findings: e.target.value }))}
        />
      </Card>
      <Button
        type="primary"
        size="large"
        loading={create.isPending}
        onClick={() => void submit()}
        data-testid="self-submit"
      >
        {t('selfInspections.submit')}
      </Button>
    </Space>
  );
}
