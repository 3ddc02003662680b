/**
 * Write-off (核销): the 归口统计 (county) bureau asks for a record that is not a production-safety accident to be
 * written off; the bureau the grade names (domain/writeoff.ts, configurable) approves or rejects; the requester may
 * withdraw while pending. Approval sets accidents.written_off_at in the same transaction: the record leaves every
 * statistic but stays readable, listed and audited; later follow-ups are still accepted and it stays written off.
 *
 * Checks, in order: the role (routes: 403), the jurisdiction (404: a record outside it is not shown to exist), the
 * bureau's part in the request (403), then the request's state (409). Every write ends with its audit rows.
 */
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type {
  WriteoffDecisionInput,
  WriteoffListQuery,
  WriteoffPage,
  WriteoffRequestInput,
  WriteoffRequestView,
} from '../../../contracts/writeoff.js';
import type { Grade } from '../../../domain/grade.js';
import { type ChainLevel, levelsOf } from '../../../domain/reporting-chain.js';
import {
  approverOf,
  approverStillSuffices,
  nextStatus,
  requesterOf,
  type WriteoffAction,
} from '../../../domain/writeoff.js';
import { type Actor, coversRegion } from '../../auth/actor.js';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { toChainState } from '../accidents/chain-state.js';
import * as accidents from '../accidents/repo.js';
import { appendAudit } from '../audit/service.js';
import { once } from '../idempotency/service.js';
import { regionName } from '../regions/lookup.js';
import { mayWithdraw, presentRequest } from './presenter.js';
import * as repo from './repo.js';

type Trx = Kysely<Database>;

/** The levels of government the accident's place has, as its stored chain says (直辖市: no city; 东莞: no county). */
async function levelsOfAccident(db: Trx, a: { region_code: string; id: string }): Promise<ChainLevel[]> {
  return levelsOf((await accidents.chainOf(db, a)).map(toChainState));
}

async function present(ctx: AppContext, actor: Actor, r: repo.RequestWithAccident): Promise<WriteoffRequestView> {
  const [region, approver] = await Promise.all([
    regionName(ctx.db, r.region_code),
    regionName(ctx.db, r.approver_region_code),
  ]);
  return presentRequest(r, actor, { region, approver });
}

/**
 * The view of a request just written, read after commit: region names come from the region cache, which queries
 * outside the transaction (PGlite has one connection: a query beside an open transaction would wait for ever).
 */
async function committed(ctx: AppContext, actor: Actor, id: string): Promise<WriteoffRequestView> {
  const r = await repo.findRequest(ctx.db.kysely, id);
  if (!r) throw new Error(`write-off request ${id} not found after commit`);
  return present(ctx, actor, r);
}

// ————————————————————————————————————————— request

export async function requestWriteoff(
  ctx: AppContext,
  actor: Actor,
  accidentId: string,
  input: WriteoffRequestInput,
  idempotencyKey?: string,
): Promise<WriteoffRequestView> {
  const now = ctx.now();
  const key = { actor, key: idempotencyKey, regionCode: actor.regionCode, input: { accidentId, ...input }, now };
  // A retry with the same key gets the request it made (its current state), not 409 WRITEOFF_PENDING.
  const done = await ctx.db.kysely
    .transaction()
    .execute((trx) =>
      once(trx, key, async () => ({ id: await insertRequest(ctx, trx, actor, accidentId, input, now) })),
    );
  return committed(ctx, actor, (done.body as { id: string }).id);
}

async function insertRequest(
  ctx: AppContext,
  trx: Trx,
  actor: Actor,
  accidentId: string,
  input: WriteoffRequestInput,
  now: Date,
): Promise<string> {
  {
    // The accident row stays locked until commit: two requests for one accident are made one after the other.
    const a = await accidents.findInScope(trx, actor, accidentId, true);
    if (!a) throw new AppError('NOT_FOUND');
    const levels = await levelsOfAccident(trx, a);
    // 归口统计: the county bureau of the place (the city where there is no county level), not a bureau above it.
    if (actor.orgKind !== 'bureau' || actor.regionCode !== requesterOf(a.region_code, levels).regionCode) {
      throw new AppError('WRITEOFF_NOT_REQUESTER');
    }
    if (a.written_off_at) throw new AppError('ALREADY_WRITTEN_OFF');
    if (await repo.pendingRequestOf(trx, a)) throw new AppError('WRITEOFF_PENDING');
    const approver = approverOf(a.grade as Grade, a.region_code, levels, ctx.config.writeoffApproval);
    const row: repo.RequestRow = {
      id: uuidv7(),
      region_code: a.region_code,
      accident_id: a.id,
      reason_code: input.reasonCode,
      reason: input.reason,
      evidence: input.evidence,
      grade: a.grade,
      approver_level: approver.level,
      approver_region_code: approver.regionCode,
      status: 'pending',
      requested_by: actor.userId,
      requested_by_name: actor.displayName,
      requested_by_org_id: actor.orgId,
      requested_by_org: actor.orgName,
      requested_at: now,
      decided_by: null,
      decided_by_name: null,
      decided_by_org: null,
      decided_at: null,
      decision_note: null,
    };
    await repo.insertRequest(trx, row);
    await appendAudit(trx, actor, {
      action: 'writeoff.request',
      entityType: 'writeoff_request',
      entityId: row.id,
      regionCode: a.region_code,
      at: now,
      after: {
        accidentId: a.id,
        reportNo: a.report_no,
        reasonCode: input.reasonCode,
        reason: input.reason,
        evidence: input.evidence,
        grade: a.grade,
        approverLevel: approver.level,
        approverRegionCode: approver.regionCode,
      },
    });
    return row.id;
  }
}

// ————————————————————————————————————————— decide, withdraw

/** The request locked, inside the actor's jurisdiction (404 outside it). */
async function lockVisible(trx: Trx, actor: Actor, id: string): Promise<repo.RequestRow> {
  const r = await repo.lockRequest(trx, id);
  if (!r || !coversRegion(actor, r.region_code)) throw new AppError('NOT_FOUND');
  return r;
}

/** Approve or reject: only the approving bureau, never the requester himself, only while pending. */
export async function decideWriteoff(
  ctx: AppContext,
  actor: Actor,
  id: string,
  action: Exclude<WriteoffAction, 'withdraw'>,
  input: WriteoffDecisionInput,
): Promise<WriteoffRequestView> {
  const now = ctx.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const r = await lockVisible(trx, actor, id);
    if (actor.regionCode !== r.approver_region_code) throw new AppError('WRITEOFF_NOT_APPROVER');
    // Four eyes: who asked does not decide, even where requester and approver are one bureau (东莞 with general:city).
    if (actor.userId === r.requested_by) throw new AppError('WRITEOFF_OWN_REQUEST');
    const status = nextStatus(r.status, action);
    if (!status) throw new AppError('WRITEOFF_DECIDED');
    const note = input.note ?? null;
    if (action === 'approve') await writeOff(ctx, trx, actor, r, now, note);
    await repo.decideRequest(trx, r, {
      status,
      decided_by: actor.userId,
      decided_by_name: actor.displayName,
      decided_by_org: actor.orgName,
      decided_at: now,
      decision_note: note,
    });
    await appendAudit(trx, actor, {
      action: `writeoff.${action}`,
      entityType: 'writeoff_request',
      entityId: r.id,
      regionCode: r.region_code,
      at: now,
      before: { status: r.status },
      after: { status, accidentId: r.accident_id, note },
    });
  });
  return committed(ctx, actor, id);
}

/**
 * Sets written_off_at on the accident, audited on the accident itself. A follow-up may have raised the grade since
 * the request (or the configuration changed): an approver below the level now required may not approve (409).
 */
async function writeOff(
  ctx: AppContext,
  trx: Trx,
  actor: Actor,
  r: repo.RequestRow,
  now: Date,
  note: string | null,
): Promise<void> {
  const a = await accidents.findInScope(trx, actor, r.accident_id, true);
  if (!a) throw new AppError('NOT_FOUND');
  const required = approverOf(
    a.grade as Grade,
    a.region_code,
    await levelsOfAccident(trx, a),
    ctx.config.writeoffApproval,
  );
  if (!approverStillSuffices(r.approver_level as ChainLevel, required)) throw new AppError('WRITEOFF_REGRADED');
  if (!(await repo.markWrittenOff(trx, a, now))) throw new AppError('ALREADY_WRITTEN_OFF');
  await appendAudit(trx, actor, {
    action: 'accident.written_off',
    entityType: 'accident',
    entityId: a.id,
    regionCode: a.region_code,
    at: now,
    before: { writtenOffAt: null },
    after: {
      writtenOffAt: now.toISOString(),
      writeoffRequestId: r.id,
      reasonCode: r.reason_code,
      reason: r.reason,
      evidence: r.evidence,
      note,
    },
  });
}

/** The requesting bureau takes its pending request back (e.g. to ask again after a re-grade). */
export async function withdrawWriteoff(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: WriteoffDecisionInput,
): Promise<WriteoffRequestView> {
  const now = ctx.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const r = await lockVisible(trx, actor, id);
    if (!mayWithdraw(actor, r)) throw new AppError('WRITEOFF_NOT_REQUESTER');
    const status = nextStatus(r.status, 'withdraw');
    if (!status) throw new AppError('WRITEOFF_DECIDED');
    const note = input.note ?? null;
    await repo.decideRequest(trx, r, {
      status,
      decided_by: actor.userId,
      decided_by_name: actor.displayName,
      decided_by_org: actor.orgName,
      decided_at: now,
      decision_note: note,
    });
    await appendAudit(trx, actor, {
      action: 'writeoff.withdraw',
      entityType: 'writeoff_request',
      entityId: r.id,
      regionCode: r.region_code,
      at: now,
      before: { status: r.status },
      after: { status, accidentId: r.accident_id, note },
    });
  });
  return committed(ctx, actor, id);
}

// ————————————————————————————————————————— reads

/** The write-off history of one accident: readable by whoever can read the accident (404 otherwise). */
export async function accidentHistory(
  ctx: AppContext,
  actor: Actor,
  accidentId: string,
): Promise<{ items: WriteoffRequestView[] }> {
  const a = await accidents.findInScope(ctx.db.kysely, actor, accidentId);
  if (!a) throw new AppError('NOT_FOUND');
  const rows = await repo.historyOf(ctx.db.kysely, a);
  return { items: await Promise.all(rows.map((r) => present(ctx, actor, r))) };
}

export async function getRequest(ctx: AppContext, actor: Actor, id: string): Promise<WriteoffRequestView> {
  const r = await repo.findRequest(ctx.db.kysely, id);
  if (!r || !coversRegion(actor, r.region_code)) throw new AppError('NOT_FOUND');
  return present(ctx, actor, r);
}

/**
 * Requests about accidents in the jurisdiction (or a region of it); with toDecide, only those this bureau is the
 * approver of — its 核销审批 queue with status=pending.
 */
export async function listRequests(ctx: AppContext, actor: Actor, q: WriteoffListQuery): Promise<WriteoffPage> {
  if (actor.orgKind !== 'bureau') throw new AppError('FORBIDDEN');
  if (q.regionCode && !coversRegion(actor, q.regionCode)) throw new AppError('NOT_FOUND');
  const { items, total } = await repo.listRequests(
    ctx.db.kysely,
    { prefix: actor.prefix, approverRegionCode: q.toDecide ? actor.regionCode : undefined },
    q,
  );
  return {
    items: await Promise.all(items.map((r) => present(ctx, actor, r))),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}
