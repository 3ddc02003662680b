/**
 * 企业自查 (issue 10 §3): an enterprise runs the checklist library — a template or items it picks — on itself. Each
 * 不符合 item is a danger it reports (自查自报, source self_check) in the same transaction, with the deadline it sets
 * itself, and goes through the same closed loop as a bureau's finding: the bureau of the jurisdiction sees it
 * (原总局令第16号: 生产经营单位应当建立隐患自查自报制度, 定期自行排查).
 */
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type {
  CreateSelfInspectionInput,
  SelfInspectionItemView,
  SelfInspectionListQuery,
  SelfInspectionPage,
  SelfInspectionView,
} from '../../../contracts/self-inspections.js';
import { shanghaiDate } from '../../../domain/time.js';
import { type Actor, checkRegionFilter } from '../../auth/actor.js';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/schema.js';
import { AppError, fieldError } from '../../errors.js';
import { appendAudit } from '../audit/service.js';
import { insertDanger } from '../dangers/service.js';
import { enterpriseInScope } from '../enterprises/service.js';
import { once } from '../idempotency/service.js';
import { checklistFor } from '../inspections/checklist.js';
import { dangersById } from '../inspections/repo.js';
import { dangerInput, underItem } from '../inspections/service.js';
import { regionName, withRegionNames } from '../regions/lookup.js';
import { presentSelfInspection, presentSummary } from './presenter.js';
import * as repo from './repo.js';

type Trx = Kysely<Database>;

/** Checks each item against the library and reports each 不符合 one as a danger; the items as stored. */
async function recordItems(
  trx: Trx,
  actor: Actor,
  enterprise: { id: string; region_code: string },
  input: CreateSelfInspectionInput,
  at: { now: Date; today: string; inspectedOn: string },
): Promise<SelfInspectionItemView[]> {
  const library = await checklistFor(trx, enterprise.region_code);
  const items: SelfInspectionItemView[] = [];
  for (const [index, item] of input.items.entries()) {
    const found = library.get(item.code);
    if (!found) throw fieldError(`items.${index}.code`, 'unknown_item', `检查事项 ${item.code} 不在检查事项库中`);
    const order = item.danger;
    const danger = order
      ? await underItem(index, () =>
          insertDanger(
            trx,
            actor,
            enterprise,
            dangerInput(
              { enterpriseId: enterprise.id, foundOn: at.inspectedOn, source: 'self_check' },
              item,
              order,
              found,
            ),
            { now: at.now, today: at.today },
          ),
        )
      : null;
    items.push({
      code: found.code,
      sector: found.sector,
      group: found.group,
      requirement: found.requirement,
      basis: found.basis,
      result: item.result,
      note: item.note ?? null,
      dangerId: danger?.id ?? null,
    });
  }
  return items;
}

export async function createSelfInspection(
  ctx: AppContext,
  actor: Actor,
  input: CreateSelfInspectionInput,
  idempotencyKey?: string,
): Promise<{ status: number; body: SelfInspectionView }> {
  const now = ctx.now();
  const today = shanghaiDate(now);
  const inspectedOn = input.inspectedOn ?? today;
  if (inspectedOn > today) throw fieldError('inspectedOn', 'future', '自查日期不能晚于今天');
  const done = await ctx.db.kysely.transaction().execute(async (trx) => {
    const enterprise = await enterpriseInScope(trx, actor, input.enterpriseId);
    return once(trx, { actor, key: idempotencyKey, regionCode: enterprise.region_code, input, now }, async () => {
      const items = await recordItems(trx, actor, enterprise, input, { now, today, inspectedOn });
      const id = uuidv7();
      const nonconforming = items.filter((i) => i.result === 'nonconform').length;
      await repo.insertSelfInspection(trx, {
        id,
        region_code: enterprise.region_code,
        enterprise_id: enterprise.id,
        inspected_on: inspectedOn,
        template_code: input.templateCode ?? null,
        inspector_name: input.inspectorName,
        items: JSON.stringify(items),
        item_count: items.length,
        nonconforming,
        findings: input.findings ?? '',
        recorded_by: actor.userId,
        recorded_by_name: actor.displayName,
        recorded_at: now,
      });
      await appendAudit(trx, actor, {
        action: 'self_inspection.create',
        entityType: 'self_inspection',
        entityId: id,
        regionCode: enterprise.region_code,
        at: now,
        after: { enterpriseName: enterprise.name, inspectedOn, itemCount: items.length, nonconforming },
      });
      return { id };
    });
  });
  const id = (done.body as { id: string }).id;
  return { status: done.fresh ? 201 : 200, body: await getSelfInspection(ctx, actor, id) };
}

export async function getSelfInspection(ctx: AppContext, actor: Actor, id: string): Promise<SelfInspectionView> {
  const row = await repo.findSelfInspection(ctx.db.kysely, actor, id);
  if (!row) throw new AppError('NOT_FOUND');
  const ids = (row.items as SelfInspectionItemView[]).flatMap((i) => (i.dangerId ? [i.dangerId] : []));
  const [dangers, name] = await Promise.all([
    dangersById(ctx.db.kysely, row.region_code, ids),
    regionName(ctx.db, row.region_code),
  ]);
  return presentSelfInspection(row, { regionName: name, dangers, today: shanghaiDate(ctx.now()) });
}

export async function listSelfInspections(
  ctx: AppContext,
  actor: Actor,
  q: SelfInspectionListQuery,
): Promise<SelfInspectionPage> {
  checkRegionFilter(actor, q.regionCode);
  const { items, total } = await repo.listSelfInspections(ctx.db.kysely, actor, q);
  return {
    items: await withRegionNames(ctx.db, items, presentSummary),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}
