/**
 * 自由裁量基准 in force for a case: the province's own table (versioned, discretion_tables) when it has adopted one by the
 * day of 立案, else the national default shipped with the release (domain/discretion-defaults.ts). A case keeps the
 * version it was opened under (issue 11 §3), so a later table never changes its band.
 */
import type { Kysely } from 'kysely';
import type { LocalDate } from '../../../domain/calendar.js';
import {
  type Circumstance,
  NATIONAL_DISCRETION_TABLE,
  type ViolationEntry,
  type YuanRange,
} from '../../../domain/discretion-defaults.js';
import type { Database } from '../../db/schema.js';
import { fieldError } from '../../errors.js';
import * as repo from './repo.js';

const NATIONAL = 'national';

export interface TableInForce {
  /** 'national:<version>' or '<province code>:<n>'. */
  version: string;
  title: string;
  entries: ViolationEntry[];
}

const national = (): TableInForce => ({
  version: `${NATIONAL}:${NATIONAL_DISCRETION_TABLE.version}`,
  title: NATIONAL_DISCRETION_TABLE.title,
  entries: NATIONAL_DISCRETION_TABLE.entries,
});

export const provinceOf = (regionCode: string) => `${regionCode.slice(0, 2)}0000`;

/** The table in force for a bureau on a day. */
export async function tableInForce(db: Kysely<Database>, bureauRegion: string, on: LocalDate): Promise<TableInForce> {
  if (bureauRegion === '000000') return national();
  const own = await repo.discretionTableOn(db, provinceOf(bureauRegion), on);
  if (!own) return national();
  return { version: `${own.region_code}:${own.version}`, title: own.title, entries: own.entries as ViolationEntry[] };
}

/** The table a case was opened under. */
export async function tableOfVersion(db: Kysely<Database>, version: string): Promise<TableInForce> {
  const [where, n] = version.split(':') as [string, string];
  if (where === NATIONAL) return national();
  const own = await repo.discretionTableVersion(db, where, Number(n));
  if (!own) return national();
  return { version, title: own.title, entries: own.entries as ViolationEntry[] };
}

export interface ResolvedViolation {
  entry: ViolationEntry;
  circumstance: Circumstance;
  facts: string;
  /** The step's fine on this party; null when the step has none (a warning, 停产停业 only, a share of income). */
  band: YuanRange | null;
}

/** Each violation against the table: known code, a step of that circumstance, the right party. */
export function resolveViolations(
  table: TableInForce,
  partyKind: 'unit' | 'person',
  violations: readonly { code: string; circumstance: Circumstance; facts: string }[],
): ResolvedViolation[] {
  const byCode = new Map(table.entries.map((e) => [e.code, e]));
  const seen = new Set<string>();
  return violations.map((v, i) => {
    const entry = byCode.get(v.code);
    if (!entry) throw fieldError(`violations.${i}.code`, 'unknown_violation', '不是自由裁量基准中的违法行为');
    if (seen.has(v.code))
      throw fieldError(`violations.${i}.code`, 'duplicate', '同一违法行为不得重复（行政处罚法第二十九条）');
    seen.add(v.code);
    if (entry.party !== partyKind) {
      throw fieldError(
        `violations.${i}.code`,
        'wrong_party',
        entry.party === 'unit' ? '该违法行为的处罚对象是生产经营单位' : '该违法行为的处罚对象是个人',
      );
    }
    const step = entry.steps.find((s) => s.circumstance === v.circumstance);
    if (!step) throw fieldError(`violations.${i}.circumstance`, 'no_step', '该违法行为没有这一情节档次');
    const band = (partyKind === 'unit' ? step.unitFine : step.personFine) ?? null;
    return { entry, circumstance: v.circumstance, facts: v.facts, band };
  });
}

/** The case's band: each act assessed on its own and added up (令第14号 第二十二条 applies the same rule to accidents). */
export function caseBand(violations: readonly ResolvedViolation[]): YuanRange | null {
  const fined = violations.filter((v) => v.band);
  if (!fined.length) return null;
  return {
    minYuan: fined.reduce((s, v) => s + (v.band as YuanRange).minYuan, 0),
    maxYuan: fined.reduce((s, v) => s + (v.band as YuanRange).maxYuan, 0),
  };
}
