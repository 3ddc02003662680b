/**
 * 现场检查 on a phone (/inspections/drafts/:id): the inspection is filled in on the device and saved there at every
 * change (IndexedDB), photos included, so it survives a plant without network, a closed tab or a flat battery. 完成检查
 * queues it; the outbox sends it when the network is there (sync.ts). A refusal by the server is shown with its
 * reasons, and the draft stays on the device until the inspector corrects or discards it.
 */
import { CameraOutlined, DeleteOutlined } from '@ant-design/icons';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Empty,
  Input,
  Popconfirm,
  Radio,
  Select,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import type { TFunction } from 'i18next';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { INSPECTION_KINDS, ITEM_RESULTS } from '../../../contracts/inspections.js';
import type { ChecklistItem } from '../../../domain/checklist-library.js';
import { IMMEDIATE_MEASURES } from '../../../domain/hidden-danger.js';
import { uuid } from '../../api/client.js';
import { EnterpriseSelect } from '../dangers/EnterpriseSelect.js';
import { AudioRecorder } from './AudioRecorder.js';
import { OutboxBanner, useAutoSync } from './OutboxBanner.js';
import {
  addFile,
  type Draft,
  type DraftFile,
  type DraftItem,
  deleteDraft,
  filesOf,
  getDraft,
  onStoreChange,
  removeFile,
  saveDraft,
} from './offline-store.js';
import { useChecklist, useOfficers } from './queries.js';
import { SignatureField } from './SignatureField.js';

const BIG = { size: 'large' as const };

export function newDraft(
  from: Partial<Pick<Draft, 'kind' | 'planItemId' | 'enterpriseId' | 'enterpriseName'>> = {},
): Draft {
  const now = new Date().toISOString();
  return {
    id: uuid(),
    state: 'editing',
    kind: 'special',
    ...from,
    place: '',
    team: [],
    teamNames: [],
    items: [],
    findings: '',
    representativeName: '',
    signature: 'signed',
    witness: '',
    startedAt: now,
    updatedAt: now,
  };
}

/** Where the device is, if it says within a few seconds (no position is fine: the field is optional). */
function position(): Promise<GeolocationCoordinates | undefined> {
  if (!('geolocation' in navigator)) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    navigator.geolocation.getCurrentPosition(
      (p) => resolve(p.coords),
      () => resolve(undefined),
      { timeout: 3000, maximumAge: 60_000 },
    );
  });
}

async function fileOf(draftId: string, itemCode: string | undefined, file: File): Promise<DraftFile> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const coords = await position();
  return {
    id: uuid(),
    draftId,
    ...(itemCode ? { itemCode } : {}),
    kind: file.type.startsWith('audio/') ? 'audio' : 'photo',
    name: file.name || 'photo.jpg',
    type: file.type,
    blob: file,
    sha256: bytesToHex(sha256(bytes)),
    capturedAt: new Date(file.lastModified || Date.now()).toISOString(),
    ...(coords ? { latitude: coords.latitude, longitude: coords.longitude, accuracy: coords.accuracy } : {}),
    uploaded: false,
  };
}

/** The first thing missing before the draft can be queued, or null. */
function missing(d: Draft, t: TFunction): string | null {
  if (!d.enterpriseId) return t('inspections.required.enterprise');
  if (!d.place.trim()) return t('inspections.required.place');
  if (d.team.length < 2) return t('inspections.required.team');
  const checked = d.items.filter((i) => i.result);
  if (checked.length === 0) return t('inspections.required.items');
  const open = d.items.findIndex((i) => i.result === 'nonconform' && !i.disposition);
  if (open >= 0) return t('inspections.required.nonconform', { n: open + 1 });
  if (!d.findings.trim()) return t('inspections.required.findings');
  if (!d.representativeName.trim()) return t('inspections.required.representative');
  if (d.signature === 'refused' && !d.witness.trim()) return t('inspections.required.witness');
  return null;
}

function Photos({
  files,
  onAdd,
  onRemove,
  testId,
  disabled,
}: {
  files: DraftFile[];
  onAdd: (f: File[]) => void;
  onRemove: (id: string) => void;
  testId: string;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [urls, setUrls] = useState<Record<string, string>>({});
  useEffect(() => {
    const next = Object.fromEntries(files.map((f) => [f.id, URL.createObjectURL(f.blob)]));
    setUrls(next);
    return () => {
      for (const u of Object.values(next)) URL.revokeObjectURL(u);
    };
  }, [files]);
  return (
    <Space wrap>
      {files.map((f) => (
        <div key={f.id} style={{ position: 'relative' }} data-testid="draft-photo">
          {f.kind === 'photo' ? (
            <img src={urls[f.id]} alt={f.name} style={{ width: 72, height: 72, objectFit: 'cover', borderRadius: 4 }} />
          ) : (
            <audio src={urls[f.id]} controls preload="metadata" style={{ width: 220 }} data-testid="draft-audio">
              <track kind="captions" />
            </audio>
          )}
          {!f.uploaded && (
            <Tag color="orange" style={{ position: 'absolute', left: 0, bottom: 0, margin: 0 }}>
              ●
            </Tag>
          )}
          {!disabled && (
            <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => onRemove(f.id)} />
          )}
        </div>
      ))}
      <input
        ref={input}
        type="file"
        accept="image/*,audio/*"
        capture="environment"
        multiple
        hidden
        data-testid={testId}
        onChange={(e) => {
          onAdd([...(e.target.files ?? [])]);
          e.target.value = '';
        }}
      />
      {!disabled && (
        <Button {...BIG} icon={<CameraOutlined />} onClick={() => input.current?.click()}>
          {t('inspections.photo')}
        </Button>
      )}
      {!disabled && <AudioRecorder onRecorded={(f) => onAdd([f])} testId={testId.replace('photo-input', 'record')} />}
    </Space>
  );
}

function ItemCard({
  index,
  item,
  library,
  files,
  update,
  addFiles,
  removeFile: remove,
  locked,
}: {
  index: number;
  item: DraftItem;
  library: ChecklistItem | undefined;
  files: DraftFile[];
  update: (patch: Partial<DraftItem>) => void;
  addFiles: (f: File[]) => void;
  removeFile: (id: string) => void;
  locked: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Card size="small" data-testid={`item-${item.code}`} style={{ marginBottom: 8 }}>
      <Typography.Paragraph strong style={{ marginBottom: 4 }}>
        {index + 1}. {library?.requirement ?? item.code}
      </Typography.Paragraph>
      {library && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('inspections.basis')}：《{library.basis.law}》{library.basis.article}
        </Typography.Paragraph>
      )}
      <Radio.Group
        {...BIG}
        disabled={locked}
        optionType="button"
        buttonStyle="solid"
        value={item.result}
        onChange={(e) => update({ result: e.target.value })}
        options={ITEM_RESULTS.map((r) => ({ value: r, label: t(`inspections.result.${r}`) }))}
        style={{ marginBottom: 8, display: 'flex', flexWrap: 'wrap' }}
      />
      <Input.TextArea
        disabled={locked}
        placeholder={t('inspections.note')}
        autoSize={{ minRows: 1, maxRows: 4 }}
        value={item.note}
        onChange={(e) => update({ note: e.target.value })}
        style={{ marginBottom: 8 }}
        data-testid={`note-${item.code}`}
      />
      {item.result === 'nonconform' && (
        <Space orientation="vertical" style={{ width: '100%', marginBottom: 8 }}>
          <Radio.Group
            {...BIG}
            disabled={locked}
            value={item.disposition}
            onChange={(e) => update({ disposition: e.target.value })}
            options={[
              { value: 'danger', label: t('inspections.asDanger') },
              { value: 'violation', label: t('inspections.asViolation') },
            ]}
            data-testid={`disposition-${item.code}`}
          />
          {item.disposition === 'danger' && (
            <>
              <Radio.Group
                disabled={locked}
                value={item.dangerLevel ?? 'general'}
                onChange={(e) => update({ dangerLevel: e.target.value })}
                options={[
                  { value: 'general', label: t('inspections.levels.general') },
                  ...(library?.majorStandardItem ? [{ value: 'major', label: t('inspections.levels.major') }] : []),
                ]}
              />
              <div>
                {t('inspections.deadline')}
                <Input
                  {...BIG}
                  type="date"
                  aria-label={t('inspections.deadline')}
                  disabled={locked}
                  value={item.deadline ?? ''}
                  onChange={(e) => update({ deadline: e.target.value || undefined })}
                  data-testid={`deadline-${item.code}`}
                />
              </div>
              <Input.TextArea
                disabled={locked}
                placeholder={t('inspections.measures')}
                autoSize={{ minRows: 1, maxRows: 4 }}
                value={item.measures}
                onChange={(e) => update({ measures: e.target.value })}
              />
              {item.dangerLevel === 'major' && (
                <Checkbox.Group
                  disabled={locked}
                  value={item.immediateMeasures ?? []}
                  onChange={(v) => update({ immediateMeasures: v as string[] })}
                  options={IMMEDIATE_MEASURES.map((m) => ({ value: m, label: t(`inspections.measureLabels.${m}`) }))}
                />
              )}
            </>
          )}
          {item.disposition === 'violation' && (
            <Input.TextArea
              disabled={locked}
              placeholder={t('inspections.violation')}
              autoSize={{ minRows: 2, maxRows: 5 }}
              value={item.violation}
              onChange={(e) => update({ violation: e.target.value })}
            />
          )}
        </Space>
      )}
      <Photos files={files} onAdd={addFiles} onRemove={remove} testId={`photo-input-${item.code}`} disabled={locked} />
    </Card>
  );
}

function StateBanner({ draft, onEdit, onDiscard }: { draft: Draft; onEdit: () => void; onDiscard: () => void }) {
  const { t } = useTranslation();
  if (draft.state === 'synced') {
    return (
      <Alert
        type="success"
        showIcon
        data-testid="draft-state"
        data-state="synced"
        title={t('inspections.synced')}
        action={
          <Space>
            {draft.serverId && <Link to={`/inspections/${draft.serverId}`}>{t('inspections.open')}</Link>}
            <Button size="small" onClick={onDiscard}>
              {t('inspections.clear')}
            </Button>
          </Space>
        }
        style={{ marginBottom: 12 }}
      />
    );
  }
  if (draft.state === 'conflict') {
    return (
      <Alert
        type="error"
        showIcon
        data-testid="draft-state"
        data-state="conflict"
        title={`${t('inspections.conflict')}：${draft.error?.message ?? ''}`}
        description={
          <>
            <div>{t('inspections.conflictHint')}</div>
            {draft.error?.fields.map((f) => (
              <div key={f}>{f}</div>
            ))}
          </>
        }
        action={
          <Button size="small" onClick={onEdit}>
            {t('inspections.resubmit')}
          </Button>
        }
        style={{ marginBottom: 12 }}
      />
    );
  }
  return (
    <Tag
      data-testid="draft-state"
      data-state={draft.state}
      color={draft.state === 'queued' ? 'orange' : 'blue'}
      style={{ marginBottom: 12 }}
    >
      {draft.state === 'queued' ? t('inspections.queued') : t('inspections.saved')}
    </Tag>
  );
}

/**
 * /inspections/new?planItemId&enterpriseId&enterpriseName: a new draft on this device — from a plan item (计划检查,
 * the enterprise set) or blank — then its form.
 */
export function NewInspectionPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const planItemId = params.get('planItemId') ?? undefined;
    const enterpriseId = params.get('enterpriseId') ?? undefined;
    const enterpriseName = params.get('enterpriseName') ?? undefined;
    const draft = newDraft({
      ...(planItemId ? { kind: 'plan' as const, planItemId } : {}),
      ...(enterpriseId && enterpriseName ? { enterpriseId, enterpriseName } : {}),
    });
    void saveDraft(draft).then(() => navigate(`/inspections/drafts/${draft.id}`, { replace: true }));
  }, [params, navigate]);
  return <Spin />;
}

export function InspectionFormPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const checklist = useChecklist();
  const officers = useOfficers();
  const { online, run } = useAutoSync();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [files, setFiles] = useState<DraftFile[]>([]);

  const reload = useCallback(async () => {
    setDraft((await getDraft(id)) ?? null);
    setFiles(await filesOf(id));
  }, [id]);
  useEffect(() => {
    void reload();
  }, [reload]);
  // The outbox may sync this draft while it is open: follow its state (the store says when it changes).
  useEffect(
    () =>
      onStoreChange(
        () => void getDraft(id).then((d) => d && setDraft((cur) => (cur && cur.state !== d.state ? d : cur))),
      ),
    [id],
  );

  if (!draft) return <Spin />;
  const locked = draft.state === 'queued' || draft.state === 'synced';
  const library = new Map((checklist.data?.items ?? []).map((i) => [i.code, i]));

  const change = (patch: Partial<Draft>) => {
    const next = { ...draft, ...patch };
    setDraft(next);
    void saveDraft(next);
  };
  const updateItem = (code: string, patch: Partial<DraftItem>) =>
    change({ items: draft.items.map((i) => (i.code === code ? { ...i, ...patch } : i)) });
  const addFiles = async (itemCode: string | undefined, picked: File[]) => {
    for (const f of picked) await addFile(await fileOf(draft.id, itemCode, f));
    setFiles(await filesOf(draft.id));
  };
  const dropFile = async (fileId: string) => {
    await removeFile(fileId);
    setFiles(await filesOf(draft.id));
  };
  const pickTemplate = (code: string) => {
    const template = checklist.data?.templates.find((x) => x.code === code);
    if (!template) return;
    const kept = new Map(draft.items.map((i) => [i.code, i]));
    change({ templateCode: code, items: template.itemCodes.map((c) => kept.get(c) ?? { code: c }) });
  };
  const submit = async () => {
    const problem = missing(draft, t);
    if (problem) {
      void message.error(problem);
      return;
    }
    const queued: Draft = { ...draft, state: 'queued', finishedAt: draft.finishedAt ?? new Date().toISOString() };
    delete queued.error;
    setDraft(queued);
    await saveDraft(queued);
    if (online) {
      await run();
      await reload();
    }
  };
  const discard = async () => {
    await deleteDraft(draft.id);
    navigate('/inspections');
  };
  const checked = draft.items.filter((i) => i.result).length;

  return (
    <div style={{ maxWidth: 720, margin: '0 auto' }} data-testid="inspection-form">
      <OutboxBanner />
      <StateBanner draft={draft} onEdit={() => change({ state: 'editing' })} onDiscard={() => void discard()} />
      <Card size="small" title={t('inspections.title')} style={{ marginBottom: 12 }}>
        <Space orientation="vertical" style={{ width: '100%' }} size="middle">
          <div>
            <div>{t('inspections.enterprise')}</div>
            {locked || !online ? (
              <Typography.Text strong data-testid="draft-enterprise">
                {draft.enterpriseName ?? '—'}
              </Typography.Text>
            ) : (
              <EnterpriseSelect
                id="inspection-enterprise"
                value={draft.enterpriseId}
                placeholder={t('inspections.pickEnterprise')}
                onPicked={(e) => change({ enterpriseId: e.id, enterpriseName: e.name })}
              />
            )}
          </div>
          <div>
            <div>{t('inspections.kind')}</div>
            <Select
              {...BIG}
              disabled={locked}
              style={{ width: '100%' }}
              value={draft.kind}
              onChange={(kind) => change({ kind })}
              options={INSPECTION_KINDS.map((k) => ({ value: k, label: t(`inspections.kinds.${k}`) }))}
            />
          </div>
          <div>
            <div>{t('inspections.place')}</div>
            <Input
              {...BIG}
              disabled={locked}
              value={draft.place}
              maxLength={200}
              onChange={(e) => change({ place: e.target.value })}
              data-testid="inspection-place"
            />
          </div>
          <div>
            <div>{t('inspections.team')}</div>
            <Select
              {...BIG}
              mode="multiple"
              disabled={locked}
              style={{ width: '100%' }}
              value={draft.team}
              loading={officers.isPending}
              onChange={(team: string[]) =>
                change({
                  team,
                  teamNames: team.map((u) => officers.data?.items.find((o) => o.userId === u)?.name ?? u),
                })
              }
              options={(officers.data?.items ?? []).map((o) => ({
                value: o.userId,
                label: `${o.name}（${t('inspections.cert')} ${o.cert}）`,
              }))}
              data-testid="inspection-team"
              optionFilterProp="label"
            />
          </div>
          <div>
            <div>{t('inspections.template')}</div>
            <Select
              {...BIG}
              disabled={locked}
              style={{ width: '100%' }}
              value={draft.templateCode}
              placeholder={t('inspections.pickTemplate')}
              onChange={pickTemplate}
              options={(checklist.data?.templates ?? []).map((x) => ({ value: x.code, label: x.name }))}
              data-testid="inspection-template"
            />
          </div>
        </Space>
      </Card>

      <Typography.Title level={5}>
        {t('inspections.items')}{' '}
        <Tag>{t('inspections.itemsChecked', { done: checked, total: draft.items.length })}</Tag>
      </Typography.Title>
      {draft.items.length === 0 && <Empty description={t('inspections.pickTemplate')} />}
      {draft.items.map((item, index) => (
        <ItemCard
          key={item.code}
          index={index}
          item={item}
          library={library.get(item.code)}
          files={files.filter((f) => f.itemCode === item.code)}
          update={(patch) => updateItem(item.code, patch)}
          addFiles={(f) => void addFiles(item.code, f)}
          removeFile={(fid) => void dropFile(fid)}
          locked={locked}
        />
      ))}

      <Card size="small" title={t('inspections.findings')} style={{ marginBottom: 12 }}>
        <Input.TextArea
          disabled={locked}
          autoSize={{ minRows: 3, maxRows: 8 }}
          value={draft.findings}
          maxLength={4000}
          onChange={(e) => change({ findings: e.target.value })}
          data-testid="inspection-findings"
        />
      </Card>

      <Card size="small" title={t('inspections.signature')} style={{ marginBottom: 12 }}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Input
            {...BIG}
            disabled={locked}
            placeholder={t('inspections.representative')}
            value={draft.representativeName}
            maxLength={50}
            onChange={(e) => change({ representativeName: e.target.value })}
            data-testid="inspection-representative"
          />
          <Radio.Group
            {...BIG}
            disabled={locked}
            value={draft.signature}
            onChange={(e) => change({ signature: e.target.value })}
            options={[
              { value: 'signed', label: t('inspections.signed') },
              { value: 'refused', label: t('inspections.refused') },
            ]}
          />
          {draft.signature === 'signed' && (
            <SignatureField
              value={draft.signatureImage}
              disabled={locked}
              onChange={(signatureImage) => change({ signatureImage })}
            />
          )}
          {draft.signature === 'refused' && (
            <Input
              {...BIG}
              disabled={locked}
              placeholder={t('inspections.witness')}
              value={draft.witness}
              maxLength={100}
              onChange={(e) => change({ witness: e.target.value })}
            />
          )}
        </Space>
      </Card>

      {!locked && (
        <Space orientation="vertical" style={{ width: '100%', marginBottom: 24 }}>
          <Button type="primary" block {...BIG} onClick={() => void submit()} data-testid="inspection-submit">
            {t('inspections.submit')}
          </Button>
          <Popconfirm title={t('inspections.discardConfirm')} onConfirm={() => void discard()}>
            <Button block danger>
              {t('inspections.discard')}
            </Button>
          </Popconfirm>
        </Space>
      )}
    </div>
  );
}
