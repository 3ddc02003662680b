/**
 * Enterprise registry (企业档案) and licences (许可证).
 *
 * Jurisdiction: a bureau reads and writes the enterprises of its region subtree (属地管理); an enterprise user reads
 * and maintains only its own record (the same 统一社会信用代码 as its organisation), and may register it if the
 * bureau has not. An enterprise cannot move itself to another region or change its own status (停产停业, 关闭 are
 * the bureau's findings); licences are recorded by the bureau only. Outside the jurisdiction a record is 404 (its
 * existence is not told); creating outside it is 403 OUTSIDE_JURISDICTION.
 * Every write is audited in the chain of the enterprise's region, so the county bureau sees what the enterprise
 * changed (GET /api/enterprises/:id/history, 操作留痕).
 */
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { AuditRecord } from '../../../contracts/audit.js';
import type {
  CreateEnterpriseInput,
  CreateLicenceInput,
  EnterpriseListQuery,
  EnterprisePage,
  EnterpriseView,
  LicenceAlertPage,
  LicenceAlertQuery,
  LicenceView,
  UnlicensedQuery,
  UnlicensedRow,
  UpdateEnterpriseInput,
  UpdateLicenceInput,
} from '../../../contracts/enterprises.js';
import type { ExpiryStage, Sector } from '../../../domain/enterprise.js';
import { shanghaiDate, toShanghaiIso } from '../../../domain/time.js';
import { type Actor, coversRegion } from '../../auth/actor.js';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { AppError, fieldError } from '../../errors.js';
import { presentAudit } from '../audit/presenter.js';
import { appendAudit } from '../audit/service.js';
import { once } from '../idempotency/service.js';
import { lookupRegion, regionNames } from '../regions/lookup.js';
import { auditedEnterprise, presentEnterprise, presentLicence, presentListItem } from './presenter.js';
import * as repo from './repo.js';

type Trx = Kysely<Database>;

const today = (ctx: AppContext) => shanghaiDate(ctx.now());

// ————————————————————————————————————————— places and scope

/** A registered county or town; a bureau must cover it, an enterprise must stay in its own county. */
async function checkPlace(ctx: AppContext, actor: Actor, regionCode: string): Promise<string> {
  const region = await lookupRegion(ctx.db, regionCode);
  if (!region || (region.level !== 'county' && region.level !== 'town')) {
    throw fieldError('regionCode', 'unknown_region', '须为已登记的县级（或乡镇）行政区划代码');
  }
  const inside = actor.orgKind === 'bureau' ? coversRegion(actor, regionCode) : regionCode.startsWith(actor.regionCode);
  if (!inside) throw new AppError('OUTSIDE_JURISDICTION');
  return region.full_name;
}

/** A filter region must lie in the jurisdiction (404 otherwise: another region's figures are not told). */
export function checkFilterRegion(actor: Actor, regionCode: string | undefined): void {
  if (regionCode && actor.orgKind === 'bureau' && !coversRegion(actor, regionCode)) throw new AppError('NOT_FOUND');
}

/** An enterprise in scope, or 404. */
export async function enterpriseInScope(db: Trx, actor: Actor, id: string, forUpdate = false) {
  const e = await repo.findEnterprise(db, actor, id, forUpdate);
  if (!e) throw new AppError('NOT_FOUND');
  return e;
}

// ————————————————————————————————————————— read

export async function listEnterprises(ctx: AppContext, actor: Actor, q: EnterpriseListQuery): Promise<EnterprisePage> {
  checkFilterRegion(actor, q.regionCode);
  const { items, total } = await repo.listEnterprises(ctx.db.kysely, actor, q, q);
  const names = await regionNames(
    ctx.db,
    items.map((e) => e.region_code),
  );
  return {
    items: items.map((e) => presentListItem(e, names.get(e.region_code) ?? e.region_code)),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

async function viewOf(ctx: AppContext, db: Trx, e: repo.EnterpriseRow): Promise<EnterpriseView> {
  const licences = await repo.licencesOf(db, e);
  const names = await regionNames(ctx.db, [e.region_code], db);
  return presentEnterprise(e, names.get(e.region_code) ?? e.region_code, licences, today(ctx));
}

export async function getEnterprise(ctx: AppContext, actor: Actor, id: string): Promise<EnterpriseView> {
  const e = await enterpriseInScope(ctx.db.kysely, actor, id);
  return viewOf(ctx, ctx.db.kysely, e);
}

/** The audit trail of an enterprise and of its licences and hazard units, newest first. */
export async function enterpriseHistory(ctx: AppContext, actor: Actor, id: string): Promise<{ items: AuditRecord[] }> {
  const e = await enterpriseInScope(ctx.db.kysely, actor, id);
  const rows = await repo.historyOf(ctx.db.kysely, e);
  return { items: rows.map(presentAudit) };
}

// ————————————————————————————————————————— write

function valuesOf(input: CreateEnterpriseInput): repo.EnterpriseValues {
  return {
    region_code: input.regionCode,
    credit_code: input.creditCode,
    name: input.name,
    address: input.address,
    longitude: input.longitude ?? null,
    latitude: input.latitude ?? null,
    industry_code: input.industryCode,
    sectors: input.sectors,
    scale: input.scale ?? null,
    legal_representative: input.legalRepresentative ?? null,
    principal_name: input.principalName ?? null,
    principal_phone: input.principalPhone ?? null,
    safety_manager_name: input.safetyManagerName ?? null,
    safety_manager_phone: input.safetyManagerPhone ?? null,
    employees: input.employees ?? null,
    status: input.status,
  };
}

/** API field → column, for partial updates. */
const COLUMNS = {
  name: 'name',
  regionCode: 'region_code',
  address: 'address',
  longitude: 'longitude',
  latitude: 'latitude',
  industryCode: 'industry_code',
  sectors: 'sectors',
  scale: 'scale',
  legalRepresentative: 'legal_representative',
  principalName: 'principal_name',
  principalPhone: 'principal_phone',
  safetyManagerName: 'safety_manager_name',
  safetyManagerPhone: 'safety_manager_phone',
  employees: 'employees',
  status: 'status',
} as const satisfies Record<Exclude<keyof UpdateEnterpriseInput, 'version'>, keyof repo.EnterpriseValues>;

/** Fields an enterprise user may not change about itself. */
const BUREAU_ONLY_FIELDS = ['regionCode', 'status'] as const;

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Checks, in one place, what a create or a row of an import must satisfy before it is written. */
export async function prepareEnterprise(ctx: AppContext, actor: Actor, input: CreateEnterpriseInput): Promise<void> {
  if (actor.orgKind === 'enterprise' && input.creditCode !== actor.creditCode) {
    throw new AppError('OUTSIDE_JURISDICTION', [
      { path: 'creditCode', code: 'not_own_unit', message: '企业用户只能登记本单位' },
    ]);
  }
  await checkPlace(ctx, actor, input.regionCode);
}

/** Inserts in the caller's transaction and audits; null when the credit code is already registered. */
export async function insertEnterprise(
  trx: Trx,
  actor: Actor,
  input: CreateEnterpriseInput,
  now: Date,
  action = 'enterprise.create',
) {
  const id = uuidv7();
  const values = valuesOf(input);
  if (!(await repo.insertEnterprise(trx, id, values, now))) return null;
  await appendAudit(trx, actor, {
    action,
    entityType: 'enterprise',
    entityId: id,
    regionCode: input.regionCode,
    at: now,
    after: { id, ...values },
  });
  return id;
}

export async function createEnterprise(
  ctx: AppContext,
  actor: Actor,
  input: CreateEnterpriseInput,
  idempotencyKey?: string,
): Promise<{ status: number; body: unknown }> {
  await prepareEnterprise(ctx, actor, input);
  const now = ctx.now();
  const result = await ctx.db.kysely.transaction().execute((trx) =>
    once(trx, { actor, key: idempotencyKey, regionCode: input.regionCode, input, now }, async () => {
      const id = await insertEnterprise(trx, actor, input, now);
      if (!id) {
        const existing = await repo.findByCreditCode(trx, input.creditCode);
        throw new AppError('ENTERPRISE_EXISTS', [
          { path: 'creditCode', code: 'taken', message: '该统一社会信用代码的企业已登记', id: existing?.id },
        ]);
      }
      return viewOf(ctx, trx, await enterpriseInScope(trx, actor, id));
    }),
  );
  return { status: result.status, body: result.body };
}

export async function updateEnterprise(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: UpdateEnterpriseInput,
): Promise<EnterpriseView> {
  if (actor.orgKind === 'enterprise') {
    const field = BUREAU_ONLY_FIELDS.find((f) => input[f] !== undefined);
    if (field) {
      throw new AppError('FORBIDDEN', [{ path: field, code: 'bureau_only', message: '该项由属地应急管理部门维护' }]);
    }
  }
  if (input.regionCode) await checkPlace(ctx, actor, input.regionCode);
  const now = ctx.now();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const before = await enterpriseInScope(trx, actor, id, true);
    if (input.version !== undefined && input.version !== before.version) throw new AppError('VERSION_CONFLICT');
    const changes: Partial<repo.EnterpriseValues> = {};
    for (const [field, column] of Object.entries(COLUMNS) as [keyof typeof COLUMNS, keyof repo.EnterpriseValues][]) {
      const value = input[field];
      if (value !== undefined && !same(value, before[column])) Object.assign(changes, { [column]: value });
    }
    if (Object.keys(changes).length === 0) return viewOf(ctx, trx, before);
    await repo.updateEnterprise(trx, { regionCode: before.region_code, id }, changes, now);
    const after = await enterpriseInScope(trx, actor, id);
    await appendAudit(trx, actor, {
      action: 'enterprise.update',
      entityType: 'enterprise',
      entityId: id,
      regionCode: after.region_code,
      at: now,
      before: pick(auditedEnterprise(before), Object.keys(changes)),
      after: pick(auditedEnterprise(after), Object.keys(changes)),
    });
    return viewOf(ctx, trx, after);
  });
}

function pick(o: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, o[k]]));
}

// ————————————————————————————————————————— licences

export async function createLicence(
  ctx: AppContext,
  actor: Actor,
  enterpriseId: string,
  input: CreateLicenceInput,
  idempotencyKey?: string,
): Promise<{ status: number; body: unknown }> {
  const now = ctx.now();
  const result = await ctx.db.kysely.transaction().execute(async (trx) => {
    const e = await enterpriseInScope(trx, actor, enterpriseId, true);
    return once(trx, { actor, key: idempotencyKey, regionCode: e.region_code, input, now }, async () => {
      const id = uuidv7();
      const values: repo.LicenceValues = {
        region_code: e.region_code,
        enterprise_id: e.id,
        type: input.type,
        number: input.number,
        scope: input.scope ?? null,
        issuer: input.issuer,
        valid_from: input.validFrom,
        valid_to: input.validTo,
        status: input.status,
      };
      if (!(await repo.insertLicence(trx, id, values, now))) {
        throw new AppError('LICENCE_EXISTS', [
          { path: 'number', code: 'taken', message: '该类型和编号的许可证已登记' },
        ]);
      }
      await appendAudit(trx, actor, {
        action: 'licence.create',
        entityType: 'licence',
        entityId: id,
        regionCode: e.region_code,
        at: now,
        after: { id, ...values },
      });
      const row = await repo.findLicence(trx, actor, id);
      if (!row) throw new Error('licence not stored');
      return presentLicence(row, today(ctx));
    });
  });
  return { status: result.status, body: result.body };
}

const LICENCE_COLUMNS = {
  number: 'number',
  scope: 'scope',
  issuer: 'issuer',
  validFrom: 'valid_from',
  validTo: 'valid_to',
  status: 'status',
} as const satisfies Record<Exclude<keyof UpdateLicenceInput, 'version'>, keyof repo.LicenceValues>;

export async function updateLicence(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: UpdateLicenceInput,
): Promise<LicenceView> {
  const now = ctx.now();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const before = await repo.findLicence(trx, actor, id, true);
    if (!before) throw new AppError('NOT_FOUND');
    if (input.version !== undefined && input.version !== before.version) throw new AppError('VERSION_CONFLICT');
    const validFrom = input.validFrom ?? before.valid_from;
    const validTo = input.validTo ?? before.valid_to;
    if (validTo < validFrom) throw fieldError('validTo', 'before_valid_from', '有效期截止日期不能早于起始日期');
    const changes: Partial<repo.LicenceValues> = {};
    for (const [field, column] of Object.entries(LICENCE_COLUMNS) as [
      keyof typeof LICENCE_COLUMNS,
      keyof repo.LicenceValues,
    ][]) {
      const value = input[field];
      if (value !== undefined && !same(value, before[column])) Object.assign(changes, { [column]: value });
    }
    if (Object.keys(changes).length === 0) return presentLicence(before, today(ctx));
    if (!(await repo.updateLicence(trx, { regionCode: before.region_code, id }, changes, now))) {
      throw new AppError('LICENCE_EXISTS', [{ path: 'number', code: 'taken', message: '该类型和编号的许可证已登记' }]);
    }
    const after = await repo.findLicence(trx, actor, id);
    if (!after) throw new Error('licence vanished');
    const keys = Object.keys(changes);
    await appendAudit(trx, actor, {
      action: 'licence.update',
      entityType: 'licence',
      entityId: id,
      regionCode: before.region_code,
      at: now,
      before: { enterpriseId: before.enterprise_id, ...pick(before as unknown as Record<string, unknown>, keys) },
      after: { enterpriseId: after.enterprise_id, ...pick(after as unknown as Record<string, unknown>, keys) },
    });
    return presentLicence(after, today(ctx));
  });
}

export async function licenceAlerts(ctx: AppContext, actor: Actor, q: LicenceAlertQuery): Promise<LicenceAlertPage> {
  checkFilterRegion(actor, q.regionCode);
  const day = today(ctx);
  const { items, total, counts } = await repo.licenceAlerts(ctx.db.kysely, actor, { ...q, today: day }, q);
  const names = await regionNames(
    ctx.db,
    items.map((l) => l.region_code),
  );
  return {
    items: items.map((l) => ({
      ...presentLicence(l, day),
      enterpriseName: l.enterprise_name,
      creditCode: l.credit_code,
      regionName: names.get(l.region_code) ?? l.region_code,
    })),
    total,
    counts: counts as Record<ExpiryStage, number>,
    asOf: toShanghaiIso(ctx.now()),
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function unlicensed(
  ctx: AppContext,
  actor: Actor,
  q: UnlicensedQuery,
): Promise<{ items: UnlicensedRow[]; total: number; page: number; pageSize: number }> {
  checkFilterRegion(actor, q.regionCode);
  const { items, total } = await repo.unlicensedEnterprises(ctx.db.kysely, actor, { ...q, today: today(ctx) }, q);
  const names = await regionNames(
    ctx.db,
    items.map((e) => e.region_code),
  );
  return {
    items: items.map((e) => ({
      ...presentListItem(e, names.get(e.region_code) ?? e.region_code),
      missingSectors: e.missing as Sector[],
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}
