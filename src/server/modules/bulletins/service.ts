/**
 * Bulletins (事故情况通报, issue 3 scope 4): 周分析、月通报、季度研判 or any period, written from the statistics and
 * kept as issued. Creating one gathers the figures in parallel — the stats module's summary and breakdowns (all
 * aggregated in the database) and the list of 较大及以上 accidents — composes the text (domain/bulletin.ts), and
 * stores the figures and the text in one transaction with its audit row. Reading renders the stored snapshot (text or
 * .docx); nothing is recomputed, so a bulletin reads the same after later reports or write-offs.
 */
import { uuidv7 } from 'uuidv7';
import type {
  Bulletin,
  BulletinBody,
  BulletinListQuery,
  BulletinPage,
  BulletinSummary,
  CreateBulletinInput,
  LargerAccidentItem,
} from '../../../contracts/bulletins.js';
import type { StatsBreakdownRow } from '../../../contracts/stats.js';
import {
  type BulletinPeriodError,
  bulletinPeriod,
  bulletinText,
  composeBulletin,
  type LargerAccident,
} from '../../../domain/bulletin.js';
import { ACCIDENT_TYPES } from '../../../domain/codes.js';
import { GRADE_LABELS, type Grade } from '../../../domain/grade.js';
import { subtreePrefix } from '../../../domain/region-code.js';
import { periodContaining, samePeriodLastYear } from '../../../domain/statistics.js';
import { toShanghaiIso } from '../../../domain/time.js';
import { type Actor, coversRegion } from '../../auth/actor.js';
import type { AppContext } from '../../context.js';
import { AppError, fieldError } from '../../errors.js';
import { appendAudit } from '../audit/service.js';
import { once } from '../idempotency/service.js';
import { findRegion, type RegionView } from '../regions/repo.js';
import { statsBreakdown, statsSummary } from '../stats/service.js';
import * as repo from './repo.js';

/** A bulletin names at most this many 较大及以上 accidents (the summary still counts them all). */
export const LARGER_LIST_LIMIT = 100;

const PERIOD_MESSAGES: Record<BulletinPeriodError, string> = {
  from_required: '任意时段通报须填写开始时间',
  to_required: '任意时段通报须填写结束时间',
  after_to: '开始时间须早于结束时间',
  not_started: '通报时段尚未开始',
};

/** Bulletins belong to bureaus; enterprise roles hold no bulletin permission, this is the second lock. */
function assertBureau(actor: Actor): void {
  if (actor.orgKind !== 'bureau') throw new AppError('FORBIDDEN');
}

/** The accident's region named below the bulletin's own (淄博市张店区 in a provincial bulletin, not 山东省淄博市张店区). */
/** The place as seen from the bulletin's region: 桓台县 in a city's bulletin, 高青县 (its own name) in its own. */
function relativeName(fullName: string, scope: { fullName: string; name: string }): string {
  if (fullName === scope.fullName) return scope.name;
  return fullName.startsWith(scope.fullName) ? fullName.slice(scope.fullName.length) : fullName;
}

function largerItem(r: repo.LargerAccidentRow, scope: { fullName: string; name: string }): LargerAccidentItem {
  return {
    id: r.id,
    regionCode: r.region_code,
    regionName: relativeName(r.region_name, scope),
    occurredAt: toShanghaiIso(r.occurred_at),
    unitName: r.unit_name,
    accidentType: r.accident_type,
    typeLabel: ACCIDENT_TYPES[r.accident_type] ?? r.accident_type,
    grade: r.grade,
    gradeLabel: GRADE_LABELS[r.grade as Grade] ?? r.grade,
    deaths: r.deaths,
    injuries: r.injuries,
    directLossYuan: r.direct_loss_yuan,
    summary: r.summary ?? '',
  };
}

const asLarger = (a: LargerAccidentItem): LargerAccident => ({ ...a, occurredAt: new Date(a.occurredAt) });
const lines = (rows: StatsBreakdownRow[]) =>
  rows.map(({ key, label, current, previous }) => ({ key, label, current, previous }));

/**
 * The figures of a bulletin: summary, four breakdowns, the monthly trend from 1 January, and the 较大及以上 list —
 * seven statements, run in parallel (on PostgreSQL they use separate connections; PGlite runs them in turn).
 */
async function gatherFigures(ctx: AppContext, actor: Actor, scope: RegionView, from: Date, to: Date) {
  const regionCode = scope.code;
  const q = { regionCode, from: toShanghaiIso(from), to: toShanghaiIso(to) };
  const breakdown = (by: 'domain' | 'industry' | 'region' | 'type') =>
    statsBreakdown(ctx, actor, { ...q, by, industryLevel: 'section' }).then((b) => b.rows);
  const yearStart = periodContaining('year', new Date(to.getTime() - 1)).from;
  const [summary, domain, industry, region, type, trend, larger] = await Promise.all([
    statsSummary(ctx, actor, q),
    breakdown('domain'),
    breakdown('industry'),
    breakdown('region'),
    breakdown('type'),
    statsBreakdown(ctx, actor, { ...q, from: toShanghaiIso(yearStart), by: 'month', industryLevel: 'section' }).then(
      (b) => b.rows,
    ),
    repo.largerAccidents(ctx.db.kysely, { prefix: subtreePrefix(regionCode), from, to }, LARGER_LIST_LIMIT),
  ]);
  return {
    summary,
    breakdowns: { domain, industry, region, type },
    trend,
    larger: larger.map((r) => largerItem(r, scope)),
  };
}

export async function createBulletin(
  ctx: AppContext,
  actor: Actor,
  input: CreateBulletinInput,
  idempotencyKey?: string,
): Promise<{ id: string }> {
  assertBureau(actor);
  const regionCode = input.regionCode ?? actor.regionCode;
  if (!coversRegion(actor, regionCode)) throw new AppError('OUTSIDE_JURISDICTION');
  const region = await findRegion(ctx.db.kysely, regionCode);
  if (!region) throw fieldError('regionCode', 'not_found', '行政区划不存在');

  const now = ctx.now();
  const bp = bulletinPeriod(
    input.kind,
    { from: input.from ? new Date(input.from) : undefined, to: input.to ? new Date(input.to) : undefined },
    now,
  );
  if ('error' in bp) throw fieldError(bp.field, bp.error, PERIOD_MESSAGES[bp.error]);
  const { period } = bp;
  const previous = samePeriodLastYear(period);

  const figures = await gatherFigures(ctx, actor, region, period.from, period.to);
  const s = figures.summary;
  const composed = composeBulletin(
    {
      kind: input.kind,
      regionName: region.name,
      regionLevel: region.level,
      bulletinPeriod: bp,
      issuingOrgan: actor.orgName,
      recipients: input.recipients,
      date: now,
    },
    {
      summary: {
        current: s.current,
        previous: s.previous,
        largerCurrent: s.larger.current,
        largerPrevious: s.larger.previous,
      },
      byDomain: lines(figures.breakdowns.domain),
      byIndustry: lines(figures.breakdowns.industry),
      byRegion: lines(figures.breakdowns.region),
      byType: lines(figures.breakdowns.type),
      larger: figures.larger.map(asLarger),
    },
  );
  const body: BulletinBody = { version: 1, regionName: region.name, regionLevel: region.level, ...figures, composed };
  const text = bulletinText(composed);

  const id = uuidv7();
  const key = { actor, key: idempotencyKey, regionCode: region.code, input, now };
  // A retry with the same key gets the bulletin the first request issued (bulletins are immutable, never twice).
  const done = await ctx.db.kysely.transaction().execute((trx) =>
    once(trx, key, async () => {
      await repo.insertBulletin(trx, {
        id,
        region_code: region.code,
        kind: input.kind,
        period_from: period.from,
        period_to: period.to,
        previous_from: previous.from,
        previous_to: previous.to,
        title: composed.title,
        issuing_organ: composed.issuingOrgan,
        recipients: composed.recipients,
        body: JSON.stringify(body),
        body_text: text,
        created_by: actor.userId,
        created_by_name: actor.displayName,
        created_org_id: actor.orgId,
        created_at: now,
      });
      await appendAudit(trx, actor, {
        action: 'bulletin.create',
        entityType: 'bulletin',
        entityId: id,
        regionCode: region.code,
        at: now,
        // The figures it states, not the whole snapshot: the audit row says what was issued, the table keeps the rest.
        after: {
          kind: input.kind,
          title: composed.title,
          periodFrom: toShanghaiIso(period.from),
          periodTo: toShanghaiIso(period.to),
          current: s.current,
          previous: s.previous,
          larger: s.larger.current,
        },
      });
      return { id };
    }),
  );
  return done.body as { id: string };
}

function presentSummary(r: repo.BulletinListRow): BulletinSummary {
  return {
    id: r.id,
    regionCode: r.region_code,
    regionName: r.region_name,
    kind: r.kind,
    periodFrom: toShanghaiIso(new Date(r.period_from)),
    periodTo: toShanghaiIso(new Date(r.period_to)),
    previousFrom: toShanghaiIso(new Date(r.previous_from)),
    previousTo: toShanghaiIso(new Date(r.previous_to)),
    title: r.title,
    issuingOrgan: r.issuing_organ,
    recipients: r.recipients,
    createdByName: r.created_by_name,
    createdAt: toShanghaiIso(new Date(r.created_at)),
  };
}

export async function listBulletins(ctx: AppContext, actor: Actor, q: BulletinListQuery): Promise<BulletinPage> {
  assertBureau(actor);
  const code = q.regionCode ?? actor.regionCode;
  // Outside the jurisdiction looks the same as not existing.
  if (!coversRegion(actor, code)) throw new AppError('NOT_FOUND');
  const { items, total } = await repo.listBulletins(ctx.db.kysely, subtreePrefix(code), q.kind, q);
  return { items: items.map(presentSummary), total };
}

/** A bulletin on a region in the actor's jurisdiction (404 otherwise: no leak of what exists elsewhere). */
export async function getBulletin(ctx: AppContext, actor: Actor, id: string): Promise<Bulletin> {
  assertBureau(actor);
  const row = await repo.findBulletin(ctx.db.kysely, id, actor.prefix);
  if (!row) throw new AppError('NOT_FOUND');
  // jsonb: an object from pg and PGlite alike.
  const body = (typeof row.body === 'string' ? JSON.parse(row.body) : row.body) as BulletinBody;
  return { ...presentSummary(row), body, text: row.body_text };
}
