/**
 * The inspector's device store (IndexedDB): inspections begun in a plant without network stay here — the draft and
 * its photos and recordings as Blobs — until they reach the server. Nothing is deleted before the server has it: a
 * draft is marked `synced` with the server's id once the server answered, and only then may the inspector clear it.
 */
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { CreateInspectionInput, EvidenceKind, InspectionKind } from '../../../contracts/inspections.js';

/** Where a draft stands: being filled in, waiting to sync, synced (server id), or refused by the server (shown). */
export type DraftState = 'editing' | 'queued' | 'synced' | 'conflict';

export interface DraftItem {
  code: string;
  result?: CreateInspectionInput['items'][number]['result'];
  note?: string;
  disposition?: 'danger' | 'violation';
  dangerLevel?: 'general' | 'major';
  deadline?: string;
  measures?: string;
  immediateMeasures?: string[];
  violation?: string;
}

export interface Draft {
  /** Also the Idempotency-Key of its submission: a retry after a lost answer never makes a second inspection. */
  id: string;
  state: DraftState;
  enterpriseId?: string;
  enterpriseName?: string;
  kind: InspectionKind;
  /** The supervision plan item this inspection carries out (计划检查). */
  planItemId?: string;
  place: string;
  team: string[];
  teamNames: string[];
  templateCode?: string;
  items: DraftItem[];
  findings: string;
  representativeName: string;
  signature: 'signed' | 'refused';
  /** The representative's signature drawn on the screen (PNG data URL). */
  signatureImage?: string;
  witness: string;
  startedAt: string;
  finishedAt?: string;
  updatedAt: string;
  serverId?: string;
  /** The server's refusal, as it said it (a conflict is shown, never resolved silently). */
  error?: { code: string; message: string; fields: string[] };
}

export interface DraftFile {
  /** The device's id: the evidence id on the server too (re-sending it returns the same evidence). */
  id: string;
  draftId: string;
  /** The checklist item it shows, or none (the inspection's own). */
  itemCode?: string;
  kind: EvidenceKind;
  name: string;
  type: string;
  blob: Blob;
  sha256: string;
  capturedAt: string;
  latitude?: number;
  longitude?: number;
  accuracy?: number;
  uploaded: boolean;
}

interface FieldDb extends DBSchema {
  drafts: { key: string; value: Draft };
  files: { key: string; value: DraftFile; indexes: { byDraft: string } };
}

const DB_NAME = 'anjian-field';
let opened: Promise<IDBPDatabase<FieldDb>> | undefined;

function db(): Promise<IDBPDatabase<FieldDb>> {
  opened ??= openDB<FieldDb>(DB_NAME, 1, {
    upgrade(d) {
      d.createObjectStore('drafts', { keyPath: 'id' });
      d.createObjectStore('files', { keyPath: 'id' }).createIndex('byDraft', 'draftId');
    },
  });
  return opened;
}

/** Tells the open pages that the store changed (the outbox banner counts again). */
const listeners = new Set<() => void>();
export function onStoreChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
function changed(): void {
  for (const l of listeners) l();
}

export async function saveDraft(draft: Draft): Promise<void> {
  await (await db()).put('drafts', { ...draft, updatedAt: new Date().toISOString() });
  changed();
}

export async function getDraft(id: string): Promise<Draft | undefined> {
  return (await db()).get('drafts', id);
}

export async function listDrafts(): Promise<Draft[]> {
  const all = await (await db()).getAll('drafts');
  return all.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

/** Removes a draft and its files: only one the server has (synced), or one the inspector discards. */
export async function deleteDraft(id: string): Promise<void> {
  const d = await db();
  const tx = d.transaction(['drafts', 'files'], 'readwrite');
  for (const key of await tx.objectStore('files').index('byDraft').getAllKeys(id))
    await tx.objectStore('files').delete(key);
  await tx.objectStore('drafts').delete(id);
  await tx.done;
  changed();
}

export async function addFile(file: DraftFile): Promise<void> {
  await (await db()).put('files', file);
  changed();
}

export async function removeFile(id: string): Promise<void> {
  await (await db()).delete('files', id);
  changed();
}

export async function filesOf(draftId: string): Promise<DraftFile[]> {
  const files = await (await db()).getAllFromIndex('files', 'byDraft', draftId);
  return files.sort((a, b) => a.capturedAt.localeCompare(b.capturedAt));
}

export async function markUploaded(id: string): Promise<void> {
  const d = await db();
  const f = await d.get('files', id);
  if (f) await d.put('files', { ...f, uploaded: true });
  changed();
}

/** What is not yet on the server: drafts not synced, and their files not uploaded. */
export async function outbox(): Promise<{ drafts: number; files: number; conflicts: number }> {
  const d = await db();
  const drafts = (await d.getAll('drafts')).filter((x) => x.state !== 'synced');
  const files = (await d.getAll('files')).filter((f) => !f.uploaded && drafts.some((x) => x.id === f.draftId));
  return { drafts: drafts.length, files: files.length, conflicts: drafts.filter((x) => x.state === 'conflict').length };
}
