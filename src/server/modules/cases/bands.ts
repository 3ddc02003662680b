/**
 * The fine for an accident (令第14号, domain/accident-fines.ts) from an accident of the jurisdiction or from figures, and
 * the province's settings it needs: the previous year's average wage (第四条) and the 较大数额罚款 for hearings
 * (行政处罚法 第六十三条). Settings are revisions, never overwritten, and audited.
 */
import type { z } from 'zod';
import type { AccidentBandInput, averageWageBody, hearingThresholdBody } from '../../../contracts/cases.js';
import { type PersonFine, personFineFor, type UnitFine, unitFineFor } from '../../../domain/accident-fines.js';
import { DEFAULT_HEARING_THRESHOLD_YUAN } from '../../../domain/case-clocks.js';
import { GRADE_LABELS } from '../../../domain/grade.js';
import { levelOfCode } from '../../../domain/region-code.js';
import { shanghaiDate } from '../../../domain/time.js';
import type { Actor } from '../../auth/actor.js';
import type { AppContext } from '../../context.js';
import { AppError, fieldError } from '../../errors.js';
import { findInScope } from '../accidents/repo.js';
import { appendAudit } from '../audit/service.js';
import { provinceOf } from './discretion.js';
import * as repo from './repo.js';

export interface AccidentBand extends UnitFine {
  gradeLabel: string;
  /** The people's fines (第十九条 — 第二十一条), from the incomes given or the province's average wage. */
  people: PersonFine[];
  /** The average wage used for the 第四条 fallback, and its year, when the province has entered it. */
  averageWage: { year: number; yuan: number } | null;
}

export async function accidentBand(ctx: AppContext, actor: Actor, input: AccidentBandInput): Promise<AccidentBand> {
  const db = ctx.db.kysely;
  let figures = input.figures;
  let occurredYear = Number(shanghaiDate(ctx.now()).slice(0, 4));
  if (input.accidentId) {
    const a = await findInScope(db, actor, input.accidentId);
    if (!a) throw new AppError('NOT_FOUND');
    figures = {
      deaths: a.deaths,
      missing: a.missing,
      seriousInjuries: a.serious_injuries,
      directLossYuan: a.direct_loss_yuan,
    };
    occurredYear = Number(shanghaiDate(new Date(a.occurred_at)).slice(0, 4));
  }
  const unit = unitFineFor(figures as NonNullable<typeof figures>, input.aggravating ?? []);
  // 第四条: the province's average wage of the year before the accident.
  const wage = await averageWage(ctx, actor.regionCode, occurredYear - 1);
  const people = [
    personFineFor(unit.grade, 'principal', {
      incomeYuan: input.principalIncomeYuan ?? null,
      averageWageYuan: wage?.yuan ?? null,
    }),
    personFineFor(unit.grade, 'other_manager', {
      incomeYuan: input.managerIncomeYuan ?? null,
      averageWageYuan: wage?.yuan ?? null,
    }),
    personFineFor(unit.grade, 'individual_investor'),
  ];
  return { ...unit, gradeLabel: GRADE_LABELS[unit.grade], people, averageWage: wage };
}

async function averageWage(ctx: AppContext, regionCode: string, year: number) {
  if (regionCode === '000000') return null;
  const set = await repo.latestSetting(ctx.db.kysely, provinceOf(regionCode), `average_wage:${year}`);
  return set ? { year, yuan: (set.value as { yuan: number }).yuan } : null;
}

/** Settings are the province's: an administrator of that province (or of the nation). */
function checkProvince(actor: Actor, provinceCode: string) {
  if (levelOfCode(provinceCode) !== 'province')
    throw fieldError('provinceCode', 'not_province', '须为省级行政区划代码');
  if (
    actor.orgKind !== 'bureau' ||
    !provinceCode.startsWith(actor.prefix) ||
    !['national', 'province'].includes(actor.regionLevel)
  ) {
    throw new AppError('OUTSIDE_JURISDICTION');
  }
}

async function saveSetting(ctx: AppContext, actor: Actor, provinceCode: string, key: string, value: unknown) {
  const now = ctx.now();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const revision = await repo.insertSetting(trx, {
      regionCode: provinceCode,
      key,
      value,
      by: { id: actor.userId, name: actor.displayName },
      at: now,
    });
    await appendAudit(trx, actor, {
      action: 'case.setting',
      entityType: 'penalty_setting',
      entityId: `${provinceCode}:${key}`,
      regionCode: provinceCode,
      at: now,
      after: { key, value, revision },
    });
    return { provinceCode, key, value, revision };
  });
}

export async function setAverageWage(ctx: AppContext, actor: Actor, input: z.infer<typeof averageWageBody>) {
  checkProvince(actor, input.provinceCode);
  return saveSetting(ctx, actor, input.provinceCode, `average_wage:${input.year}`, { yuan: input.averageWageYuan });
}

export async function setHearingThreshold(ctx: AppContext, actor: Actor, input: z.infer<typeof hearingThresholdBody>) {
  checkProvince(actor, input.provinceCode);
  return saveSetting(ctx, actor, input.provinceCode, 'hearing_threshold', { person: input.person, unit: input.unit });
}

/** The settings in force for the actor's province. */
export async function penaltySettings(ctx: AppContext, actor: Actor) {
  const province = provinceOf(actor.regionCode);
  const year = Number(shanghaiDate(ctx.now()).slice(0, 4)) - 1;
  const threshold = await repo.latestSetting(ctx.db.kysely, province, 'hearing_threshold');
  return {
    provinceCode: province,
    hearingThreshold:
      (threshold?.value as { person: number; unit: number } | undefined) ?? DEFAULT_HEARING_THRESHOLD_YUAN,
    hearingThresholdIsDefault: !threshold,
    averageWage: await averageWage(ctx, actor.regionCode, year),
  };
}
