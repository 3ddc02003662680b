/**
 * Sending the device's inspections to the server when the network is back: first each file not yet uploaded (its
 * device id makes a re-send return the same evidence), then the inspection with its draft id as Idempotency-Key (a
 * retry after a lost answer gets the first answer). A network failure leaves the draft queued for the next try; a
 * refusal by the server (4xx) marks it `conflict` with the server's words, for the inspector to resolve.
 */
import type { CreateInspectionInput, InspectionView } from '../../../contracts/inspections.js';
import { ApiError, api } from '../../api/client.js';
import {
  type Draft,
  type DraftFile,
  type DraftItem,
  filesOf,
  getDraft,
  listDrafts,
  markUploaded,
  saveDraft,
} from './offline-store.js';

async function uploadFile(draft: Draft, f: DraftFile): Promise<void> {
  const form = new FormData();
  // Fields before the file: the server reads them first.
  form.append('id', f.id);
  form.append('enterpriseId', draft.enterpriseId ?? '');
  form.append('kind', f.kind);
  form.append('capturedAt', f.capturedAt);
  if (f.latitude !== undefined && f.longitude !== undefined) {
    form.append('latitude', String(f.latitude));
    form.append('longitude', String(f.longitude));
    if (f.accuracy !== undefined) form.append('accuracy', String(f.accuracy));
  }
  form.append('file', f.blob, f.name);
  const saved = await api<{ sha256: string }>('/api/evidence', { method: 'POST', body: form });
  // The server hashed what it received: a different digest means the bytes were damaged on the way.
  if (saved.sha256 !== f.sha256)
    throw new ApiError(409, 'EVIDENCE_DIGEST_MISMATCH', '照片上传后校验值不一致，请重新同步', []);
  await markUploaded(f.id);
}

function itemInput(item: DraftItem, files: DraftFile[]): CreateInspectionInput['items'][number] {
  const evidence = files.filter((f) => f.itemCode === item.code).map((f) => f.id);
  const base = {
    code: item.code,
    result: item.result ?? 'not_applicable',
    ...(item.note ? { note: item.note } : {}),
    ...(evidence.length ? { evidence } : {}),
  };
  if (item.result !== 'nonconform') return base;
  if (item.disposition === 'violation') {
    return { ...base, disposition: 'violation', violation: { description: item.violation || item.note || '' } };
  }
  return {
    ...base,
    disposition: 'danger',
    danger: {
      level: item.dangerLevel ?? 'general',
      rectification: item.deadline ? 'deadline' : 'immediate',
      ...(item.deadline ? { deadline: item.deadline } : {}),
      ...(item.measures ? { measures: item.measures } : {}),
      // Only a 重大 danger takes on-site measures: ticked, then the level set back to 一般, they are not sent.
      ...(item.dangerLevel === 'major' && item.immediateMeasures?.length
        ? {
            immediateMeasures: item.immediateMeasures as (
              | 'withdraw_workers'
              | 'suspend_production'
              | 'stop_equipment'
            )[],
          }
        : {}),
    },
  };
}

/** The request a draft makes: only checked items (an item left blank was not part of this inspection). */
export function inspectionInput(draft: Draft, files: DraftFile[]): CreateInspectionInput {
  const items = draft.items.filter((i) => i.result);
  const itemCodes = new Set(items.map((i) => i.code));
  const general = files.filter((f) => !f.itemCode || !itemCodes.has(f.itemCode)).map((f) => f.id);
  return {
    enterpriseId: draft.enterpriseId ?? '',
    kind: draft.kind,
    // A plan item counts only for a 计划检查: a draft started from the plan and changed to another kind leaves it.
    ...(draft.planItemId && draft.kind === 'plan' ? { planItemId: draft.planItemId } : {}),
    startedAt: draft.startedAt,
    finishedAt: draft.finishedAt ?? new Date().toISOString(),
    place: draft.place,
    team: draft.team,
    items: items.map((i) => itemInput(i, files)),
    findings: draft.findings,
    ...(general.length ? { evidence: general } : {}),
    signature:
      draft.signature === 'refused'
        ? { status: 'refused', representativeName: draft.representativeName, witness: draft.witness }
        : {
            status: 'signed',
            representativeName: draft.representativeName,
            ...(draft.signatureImage ? { image: draft.signatureImage } : {}),
          },
  };
}

/** Sends one queued draft. Network down: it stays queued. Refused: `conflict`, with what the server said. */
export async function syncDraft(id: string): Promise<Draft | undefined> {
  const draft = await getDraft(id);
  if (draft?.state !== 'queued') return draft;
  const files = await filesOf(id);
  try {
    for (const f of files.filter((x) => !x.uploaded)) await uploadFile(draft, f);
    const saved = await api<InspectionView>('/api/inspections', {
      body: inspectionInput(draft, files),
      headers: { 'idempotency-key': draft.id },
    });
    const synced: Draft = { ...draft, state: 'synced', serverId: saved.id };
    delete synced.error;
    await saveDraft(synced);
    return synced;
  } catch (e) {
    if (!(e instanceof ApiError) || e.status === 0 || e.status >= 500 || e.status === 401) return draft;
    const conflict: Draft = {
      ...draft,
      state: 'conflict',
      error: { code: e.code, message: e.message, fields: e.fieldIssues.map((i) => `${i.path}：${i.message}`) },
    };
    await saveDraft(conflict);
    return conflict;
  }
}

let running: Promise<void> | undefined;

/** Sends every queued draft, one at a time; concurrent calls share the run. */
export function syncAll(): Promise<void> {
  running ??= (async () => {
    try {
      for (const d of await listDrafts()) if (d.state === 'queued') await syncDraft(d.id);
    } finally {
      running = undefined;
    }
  })();
  return running;
}
