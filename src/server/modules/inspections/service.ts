/**
 * 现场检查 (issue 10 §2): an inspection is recorded once, complete — the team, the checklist with a result per item,
 * the findings, the evidence and the representative's signature or refusal — and its 不符合 items become hidden
 * dangers with their orders (dangers/service.ts insertDanger) or violations for a penalty case, all in one
 * transaction with its 现场检查记录 number and its audit row. An offline device sends it with an Idempotency-Key (its
 * draft's id): a retry returns the first answer, never a second inspection.
 *
 * Checks, in order: the role (routes: 403), the jurisdiction (404), the fields (400), then the state (409).
 */
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { CreateDangerInput } from '../../../contracts/hidden-dangers.js';
import type {
  CreateInspectionInput,
  EvidenceFields,
  EvidenceView,
  InspectionItemInput,
  InspectionListQuery,
  InspectionPage,
  InspectionView,
  OfficerView,
  TeamMember,
} from '../../../contracts/inspections.js';
import { EVIDENCE_LIMITS } from '../../../contracts/inspections.js';
import type { ChecklistItem } from '../../../domain/checklist-library.js';
import { DOCUMENT_KINDS } from '../../../domain/document-number.js';
import { shanghaiDate } from '../../../domain/time.js';
import { type Actor, checkRegionFilter } from '../../auth/actor.js';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { documentsOf, issueDocument } from '../../documents/numbering.js';
import { buildOfficialDocx } from '../../documents/official-docx.js';
import { AppError, fieldError } from '../../errors.js';
import { pngSize, type ReceivedFile, readStoredFile, storeFile } from '../../uploads/files.js';
import { fileTooLarge } from '../../uploads/receive.js';
import { appendAudit } from '../audit/service.js';
import { insertDanger } from '../dangers/service.js';
import { enterpriseInScope } from '../enterprises/service.js';
import { once } from '../idempotency/service.js';
import { regionName, withRegionNames } from '../regions/lookup.js';
import { certifiedOfficers } from '../users/repo.js';
import { checklistFor } from './checklist.js';
import { inspectionRecordLayout } from './documents.js';
import { presentEvidence, presentInspection, presentSummary, type StoredItem } from './presenter.js';
import * as repo from './repo.js';

type Trx = Kysely<Database>;

/** A device's clock may run a little ahead; an inspection cannot start later than this after now. */
const CLOCK_SKEW_MS = 5 * 60_000;

const subjectOf = (i: { region_code: string; id: string }) => ({
  subjectType: 'inspection',
  subjectId: i.id,
  subjectRegionCode: i.region_code,
});

// ————————————————————————————————————————— evidence

/** Stores an uploaded photo or recording; sending the same id again returns the same evidence. */
export async function uploadEvidence(
  ctx: AppContext,
  actor: Actor,
  fields: EvidenceFields,
  received: Omit<ReceivedFile, 'contentType'> & { contentType: string | null },
): Promise<{ status: number; body: EvidenceView }> {
  const limits = EVIDENCE_LIMITS[fields.kind];
  const { contentType } = received;
  if (!contentType) {
    const { photo, audio } = EVIDENCE_LIMITS;
    throw fieldError(
      'file',
      'unsupported_type',
      `不支持的文件类型：照片须为${photo.typeNames}，录音须为${audio.typeNames}`,
    );
  }
  if (!(limits.types as readonly string[]).includes(contentType)) {
    throw fieldError('file', 'type_mismatch', `${limits.label}须为${limits.typeNames}`);
  }
  if (received.size > limits.maxBytes) throw fileTooLarge(limits.maxBytes, limits.label);
  const file = { ...received, contentType };
  const now = ctx.now();
  if (Date.parse(fields.capturedAt) > now.getTime() + CLOCK_SKEW_MS) {
    throw fieldError('capturedAt', 'future', '拍摄（录制）时间不能晚于当前时间');
  }
  const result = await ctx.db.kysely.transaction().execute(async (trx) => {
    const enterprise = await enterpriseInScope(trx, actor, fields.enterpriseId);
    await storeFile(trx, file, now);
    const inserted = await repo.insertEvidence(trx, {
      id: fields.id,
      region_code: enterprise.region_code,
      enterprise_id: enterprise.id,
      sha256: file.sha256,
      kind: fields.kind,
      content_type: file.contentType,
      size: file.size,
      file_name: file.fileName || `${fields.id}`,
      captured_at: new Date(fields.capturedAt),
      latitude: fields.latitude ?? null,
      longitude: fields.longitude ?? null,
      accuracy_m: fields.accuracy ?? null,
      uploaded_by: actor.userId,
      uploaded_by_name: actor.displayName,
      uploaded_at: now,
    });
    const row = await repo.findEvidence(trx, actor, fields.id);
    // The id is the device's: the same file of the same enterprise sent again is the same evidence; anything else
    // under it (other bytes, another enterprise, another uploader) is a conflict.
    const same = row?.sha256 === file.sha256 && row.enterprise_id === enterprise.id && row.uploaded_by === actor.userId;
    if (!row || !same) throw new AppError('EVIDENCE_CONFLICT');
    if (inserted) {
      await appendAudit(trx, actor, {
        action: 'evidence.upload',
        entityType: 'evidence',
        entityId: row.id,
        regionCode: row.region_code,
        at: now,
        after: { sha256: row.sha256, kind: row.kind, size: row.size, fileName: row.file_name },
      });
    }
    return { status: inserted ? 201 : 200, row };
  });
  return { status: result.status, body: presentEvidence(result.row) };
}

export async function evidenceFile(
  ctx: AppContext,
  actor: Actor,
  id: string,
): Promise<{ row: repo.EvidenceRow; contentType: string; data: Buffer }> {
  const row = await repo.findEvidence(ctx.db.kysely, actor, id);
  const file = row && (await readStoredFile(ctx.db.kysely, row.sha256));
  if (!row || !file) throw new AppError('NOT_FOUND');
  return { row, ...file };
}

// ————————————————————————————————————————— recorded

/** The team: at least two certified officers of the actor's jurisdiction (行政处罚法 第四十二条). */
async function teamOf(trx: Trx, actor: Actor, ids: readonly string[]): Promise<TeamMember[]> {
  const found = new Map((await certifiedOfficers(trx, { prefix: actor.prefix }, ids)).map((o) => [o.id, o]));
  return ids.map((id, i) => {
    const o = found.get(id);
    if (!o) throw fieldError(`team.${i}`, 'not_officer', '不是本辖区持有执法证的执法人员');
    return { userId: o.id, name: o.name, cert: o.cert };
  });
}

/** Evidence cited by the inspection: uploaded for this enterprise and not yet part of another inspection. */
async function evidenceFor(trx: Trx, enterpriseId: string, input: CreateInspectionInput): Promise<string[]> {
  const ids = [...new Set([...(input.evidence ?? []), ...input.items.flatMap((i) => i.evidence ?? [])])];
  const rows = new Map((await repo.evidenceByIds(trx, ids)).map((r) => [r.id, r]));
  for (const id of ids) {
    const r = rows.get(id);
    if (!r || r.enterprise_id !== enterpriseId)
      throw fieldError('evidence', 'unknown_evidence', `证据 ${id} 不存在或不属于该企业，请先上传`);
    if (r.inspection_id)
      throw new AppError('EVIDENCE_CONFLICT', [
        { path: 'evidence', code: 'attached', message: `证据 ${id} 已属于另一次检查` },
      ]);
  }
  return ids;
}

/** Re-roots a danger order's field errors under the item they came from. */
export async function underItem<T>(index: number, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== 'VALIDATION_FAILED' || !Array.isArray(e.details)) throw e;
    const details = (e.details as { path: string; code: string; message: string }[]).map((d) => ({
      ...d,
      path: `items.${index}.danger.${d.path}`,
    }));
    throw new AppError('VALIDATION_FAILED', details, `第${index + 1}项：${details[0]?.message ?? e.message}`);
  }
}

/** The item as stored: the library's text and basis beside the result, so the record reads alone forever. */
function storedItem(input: InspectionItemInput, item: ChecklistItem, dangerId: string | null): StoredItem {
  return {
    code: item.code,
    sector: item.sector,
    group: item.group,
    requirement: item.requirement,
    basis: item.basis,
    result: input.result,
    note: input.note ?? null,
    evidence: input.evidence ?? [],
    disposition: input.disposition ?? null,
    dangerId,
    violation: input.violation
      ? {
          description: input.violation.description,
          basis: input.violation.basis ?? `${item.basis.law}${item.basis.article}`,
        }
      : null,
  };
}

type DangerOrder = NonNullable<InspectionItemInput['danger']>;

/**
 * The danger a 不符合 item becomes — of a bureau's inspection or of an enterprise's 自查: its text defaults to the
 * requirement and the note, 重大's 判定标准 to the item's.
 */
export function dangerInput(
  at: { enterpriseId: string; foundOn: string; source: 'inspection' | 'self_check'; place?: string },
  item: { note?: string | undefined },
  order: DangerOrder,
  found: ChecklistItem,
): CreateDangerInput {
  const standardItem = order.standardItem ?? (order.level === 'major' ? found.majorStandardItem : undefined);
  return {
    enterpriseId: at.enterpriseId,
    level: order.level,
    description: order.description || `${found.requirement}${item.note ? `：${item.note}` : ''}`,
    source: at.source,
    ...(at.place ? { location: at.place } : {}),
    ...(standardItem ? { standardItem } : {}),
    ...(order.rectification ? { rectification: order.rectification } : {}),
    ...(order.measures ? { measures: order.measures } : {}),
    ...(order.deadline ? { deadline: order.deadline } : {}),
    ...(order.immediateMeasures ? { immediateMeasures: order.immediateMeasures } : {}),
    foundOn: at.foundOn,
  };
}

const SIGNATURE_PREFIX = 'data:image/png;base64,';
/** The longest side of a signature drawn on a device (a phone's canvas at twice its pixels is well under it). */
const SIGNATURE_MAX_SIDE = 2000;
const signatureBytes = (dataUrl: string) => Buffer.from(dataUrl.slice(SIGNATURE_PREFIX.length), 'base64');

/** The representative's drawn signature, checked to be a whole PNG of sensible size (the 现场检查记录 prints it). */
async function checkSignature(input: CreateInspectionInput): Promise<void> {
  if (input.signature.status !== 'signed' || !input.signature.image) return;
  const size = await pngSize(signatureBytes(input.signature.image));
  if (!size || size.width > SIGNATURE_MAX_SIDE || size.height > SIGNATURE_MAX_SIDE) {
    throw fieldError(
      'signature.image',
      'invalid_png',
      `签名须为完整的 PNG 图片，边长不超过 ${SIGNATURE_MAX_SIDE} 像素`,
    );
  }
}

export async function createInspection(
  ctx: AppContext,
  actor: Actor,
  input: CreateInspectionInput,
  idempotencyKey?: string,
): Promise<{ status: number; body: InspectionView }> {
  const now = ctx.now();
  if (Date.parse(input.startedAt) > now.getTime() + CLOCK_SKEW_MS) {
    throw fieldError('startedAt', 'future', '检查开始时间不能晚于当前时间');
  }
  await checkSignature(input);
  const inspectedOn = shanghaiDate(new Date(input.startedAt));
  const done = await ctx.db.kysely.transaction().execute(async (trx) => {
    const enterprise = await enterpriseInScope(trx, actor, input.enterpriseId);
    return once(trx, { actor, key: idempotencyKey, regionCode: enterprise.region_code, input, now }, async () => {
      const year = Number(inspectedOn.slice(0, 4));
      const planItem = input.planItemId && { id: input.planItemId, enterpriseId: enterprise.id, year };
      if (planItem && !(await repo.planItemFits(trx, actor.prefix, planItem))) {
        throw fieldError('planItemId', 'unknown_plan_item', `不是本辖区${year}年监督检查计划中该企业的检查项`);
      }
      const team = await teamOf(trx, actor, input.team);
      const library = await checklistFor(trx, actor.regionCode);
      const evidence = await evidenceFor(trx, enterprise.id, input);
      const id = uuidv7();
      const items: StoredItem[] = [];
      for (const [index, item] of input.items.entries()) {
        const found = library.get(item.code);
        if (!found) throw fieldError(`items.${index}.code`, 'unknown_item', `检查事项 ${item.code} 不在检查事项库中`);
        const order = item.disposition === 'danger' ? item.danger : undefined;
        const danger = order
          ? await underItem(index, () =>
              insertDanger(
                trx,
                actor,
                enterprise,
                dangerInput(
                  { enterpriseId: enterprise.id, foundOn: inspectedOn, source: 'inspection', place: input.place },
                  item,
                  order,
                  found,
                ),
                {
                  now,
                  today: shanghaiDate(now),
                  inspectionId: id,
                },
              ),
            )
          : null;
        items.push(storedItem(item, found, danger?.id ?? null));
      }
      const nonconforming = items.filter((i) => i.result === 'nonconform').length;
      await repo.insertInspection(trx, {
        id,
        region_code: enterprise.region_code,
        enterprise_id: enterprise.id,
        bureau_region_code: actor.regionCode,
        bureau_name: actor.orgName,
        kind: input.kind,
        plan_item_id: input.planItemId ?? null,
        started_at: new Date(input.startedAt),
        finished_at: new Date(input.finishedAt),
        inspected_on: inspectedOn,
        place: input.place,
        team: JSON.stringify(team),
        items: JSON.stringify(items),
        item_count: items.length,
        nonconforming,
        findings: input.findings,
        representative_name: input.signature.representativeName,
        signature: input.signature.status,
        signature_image: input.signature.status === 'signed' ? (input.signature.image ?? null) : null,
        refusal_witness: input.signature.status === 'refused' ? input.signature.witness : null,
        recorded_by: actor.userId,
        recorded_by_name: actor.displayName,
        recorded_at: now,
      });
      const record = { region_code: enterprise.region_code, id };
      await repo.attachEvidence(trx, record, evidence);
      const doc = await issueDocument(trx, actor, { kind: 'inspection_record', ...subjectOf(record), at: now });
      await appendAudit(trx, actor, {
        action: 'inspection.create',
        entityType: 'inspection',
        entityId: id,
        regionCode: enterprise.region_code,
        at: now,
        after: {
          enterpriseName: enterprise.name,
          kind: input.kind,
          inspectedOn,
          team: team.map((m) => m.name).join('、'),
          itemCount: items.length,
          nonconforming,
          evidenceCount: evidence.length,
          number: doc.number,
        },
      });
      return { id };
    });
  });
  return { status: done.fresh ? 201 : 200, body: await getInspection(ctx, actor, (done.body as { id: string }).id) };
}

// ————————————————————————————————————————— read

async function findInspection(ctx: AppContext, actor: Actor, id: string): Promise<repo.InspectionRow> {
  const row = await repo.findInspection(ctx.db.kysely, actor, id);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

async function present(ctx: AppContext, row: repo.InspectionRow): Promise<InspectionView> {
  const db = ctx.db.kysely;
  const [evidence, dangers, documents, name] = await Promise.all([
    repo.evidenceOf(db, row),
    repo.dangersOf(db, row),
    documentsOf(db, subjectOf(row)),
    regionName(ctx.db, row.region_code),
  ]);
  return presentInspection(row, { evidence, dangers, documents, regionName: name, today: shanghaiDate(ctx.now()) });
}

export async function getInspection(ctx: AppContext, actor: Actor, id: string): Promise<InspectionView> {
  return present(ctx, await findInspection(ctx, actor, id));
}

/** The representative's signature as drawn on the device (PNG), or 404 when none was drawn. */
export async function inspectionSignature(ctx: AppContext, actor: Actor, id: string): Promise<Buffer> {
  const image = (await findInspection(ctx, actor, id)).signature_image;
  if (!image) throw new AppError('NOT_FOUND');
  return signatureBytes(image);
}

export async function listInspections(ctx: AppContext, actor: Actor, q: InspectionListQuery): Promise<InspectionPage> {
  checkRegionFilter(actor, q.regionCode);
  const { items, total } = await repo.listInspections(ctx.db.kysely, actor, q);
  return {
    items: await withRegionNames(ctx.db, items, presentSummary),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** The certified officers a team may be drawn from: the actor's jurisdiction's. */
export async function listOfficers(ctx: AppContext, actor: Actor): Promise<{ items: OfficerView[] }> {
  const rows = await certifiedOfficers(ctx.db.kysely, { prefix: actor.prefix });
  return {
    items: rows.map((o) => ({
      userId: o.id,
      regionCode: o.region_code,
      name: o.name,
      cert: o.cert,
      orgName: o.org_name,
    })),
  };
}

/** 现场检查记录 (.docx) of an inspection. */
export async function inspectionDocument(
  ctx: AppContext,
  actor: Actor,
  id: string,
  documentId: string,
): Promise<{ fileName: string; data: Buffer }> {
  const row = await findInspection(ctx, actor, id);
  const inspection = await present(ctx, row);
  const issued = inspection.documents.find((d) => d.id === documentId);
  if (!issued) throw new AppError('NOT_FOUND');
  const png = row.signature_image ? signatureBytes(row.signature_image) : null;
  const size = png && (await pngSize(png));
  const signature = png && size ? { png, ...size } : null;
  const data = await buildOfficialDocx({
    ...inspectionRecordLayout(inspection, issued, signature),
    description: issued.number,
  });
  return { fileName: `${DOCUMENT_KINDS[issued.kind].title}${issued.number}.docx`, data };
}
