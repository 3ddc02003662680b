/**
 * Identification and grading of 危险化学品重大危险源 — GB 18218-2018 (regulations.md §3; tables in
 * major-hazard-tables.ts).
 *
 * Identification (4.1.2, 4.2):
 *   "危险化学品临界量的确定方法：在表1范围内的危险化学品，其临界量按表1确定；未在表1范围内的危险化学品，依据其危险性，
 *   按表2确定临界量；若一种危险化学品具有多种危险性，按其中最低的临界量确定。"
 *   S = q1/Q1 + q2/Q2 + … + qn/Qn ≥ 1 → 重大危险源 (formula (1); exactly 1 is a major hazard). q is the
 *   设计最大量 of the tanks, containers, equipment and warehouses of the unit (4.2.2), in tonnes.
 * Grading (4.3):
 *   R = α (β1·q1/Q1 + β2·q2/Q2 + … + βn·qn/Qn) (formula (2)); β from Table 3 for the 14 toxic gases listed
 *   there, otherwise from Table 4 by hazard category; α from Table 5 by the 厂外可能暴露人员 within 500 m.
 *   Table 6: 一级 R ≥ 100, 二级 100 > R ≥ 50, 三级 50 > R ≥ 10, 四级 R < 10. Only a major hazard is graded.
 *
 * Rules chosen here where the standard is silent:
 * - Table 1 takes precedence: a listed substance uses its Table-1 Q whatever category is given.
 * - Several categories for an unlisted substance: Q is the lowest Table-2 Q among them (4.1.2), and β is the
 *   Table-4 β of that same category, so that q/Q and β describe one hazard; among categories with the same
 *   lowest Q, the one with the higher β (the more severe reading), then the first in Table 2.
 * - β of a listed substance not in Table 3: the user's category when given — with several, the highest β
 *   among them, since Q is fixed by Table 1 and "lowest Q" cannot choose; the highest β is the conservative
 *   reading of a substance with several hazards — otherwise the row's default category (the engine's default,
 *   see TABLE_1.defaultCategory; the standard gives no category for Table-1 rows).
 * - Table 3 overrides Table 4 even when a category is given.
 * - Without a category, an unlisted substance is an input error, never a guess.
 *
 * Arithmetic: q, Q, β and α are read as exact decimals (a number through its shortest round-trip text, which is
 * what was typed) and S and R are exact fractions of BigInts, so 0.7 + 0.2 + 0.1 is exactly 1 and a boundary of
 * Table 6 is never missed by a rounding error. S and R are returned rounded (half-up, 4 decimals) for display,
 * with the exact fractions; `isMajor` and `grade` come from the exact values.
 */
import {
  HAZARD_CATEGORY_SYMBOLS,
  type HazardCategory,
  type HazardCategorySymbol,
  type MajorHazardGrade,
  type MajorHazardSubstance,
  TABLE_1,
  TABLE_2,
  TABLE_3,
  TABLE_4_BETA,
  TABLE_5_ALPHA,
  TABLE_6_GRADES,
} from './major-hazard-tables.js';

/** GB 18218-2018 3.4 / 3.5: a unit is a 生产单元 or a 储存单元. */
export const UNIT_KINDS = ['production', 'storage'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
export const UNIT_KIND_LABELS: Record<UnitKind, string> = { production: '生产单元', storage: '储存单元' };

export type { HazardCategory, HazardCategorySymbol, MajorHazardGrade, MajorHazardSubstance };

export const MAJOR_HAZARD_GRADE_LABELS = { 1: '一级', 2: '二级', 3: '三级', 4: '四级' } as const satisfies Record<
  MajorHazardGrade,
  string
>;

// ─── Input errors ───────────────────────────────────────────────────────────────────────────────────────────

export type HazardInputErrorCode =
  | 'category_required'
  | 'unknown_category'
  | 'invalid_cas'
  | 'ambiguous_cas'
  | 'ambiguous_name'
  | 'cas_name_mismatch'
  | 'conditional_name'
  | 'invalid_quantity'
  | 'negative_quantity'
  | 'invalid_critical_quantity'
  | 'invalid_beta'
  | 'invalid_exposed_people';

/**
 * A field of the input is wrong. `path` names it the way a request body does ("substances.2.category",
 * "exposedPeople"); `code` is for machines, `message` (Chinese) for people. `candidates` lists the Table-1 row
 * numbers an ambiguous CAS or name could mean.
 */
export class HazardInputError extends Error {
  override readonly name = 'HazardInputError';
  constructor(
    readonly path: string,
    readonly code: HazardInputErrorCode,
    message: string,
    readonly candidates: readonly number[] = [],
  ) {
    super(message);
  }

  /** The { path, code, message } detail of a 400 response. */
  toDetail(): { path: string; code: HazardInputErrorCode; message: string } {
    return { path: this.path, code: this.code, message: this.message };
  }
}

// ─── Exact decimals ─────────────────────────────────────────────────────────────────────────────────────────

/** n / d with d > 0, in lowest terms. */
interface Fraction {
  readonly n: bigint;
  readonly d: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function fraction(n: bigint, d: bigint): Fraction {
  const sign = d < 0n ? -1n : 1n;
  const g = gcd(n, d) || 1n;
  return { n: (sign * n) / g, d: (sign * d) / g };
}

const ZERO = fraction(0n, 1n);
const add = (a: Fraction, b: Fraction) => fraction(a.n * b.d + b.n * a.d, a.d * b.d);
const mul = (a: Fraction, b: Fraction) => fraction(a.n * b.n, a.d * b.d);
const div = (a: Fraction, b: Fraction) => fraction(a.n * b.d, a.d * b.n);
/** a ≥ b. */
const atLeast = (a: Fraction, b: Fraction) => a.n * b.d >= b.n * a.d;

const DECIMAL = /^([+-]?)(\d+\.?\d*|\.\d+)(?:e([+-]?\d+))?$/i;
const MAX_DECIMAL_TEXT = 64;
const MAX_EXPONENT = 400;

/** A decimal text ("12.5", "0.3", "1e-7") → its exact value; null when it is not one. */
function parseDecimal(text: string): Fraction | null {
  if (text.length > MAX_DECIMAL_TEXT) return null;
  const m = DECIMAL.exec(text);
  if (!m) return null;
  const [whole = '', decimals = ''] = (m[2] as string).split('.');
  const exponent = Number(m[3] ?? '0') - decimals.length;
  if (Math.abs(exponent) > MAX_EXPONENT) return null;
  let n = BigInt(`${whole}${decimals}` || '0');
  if (m[1] === '-') n = -n;
  return exponent >= 0 ? fraction(n * 10n ** BigInt(exponent), 1n) : fraction(n, 10n ** BigInt(-exponent));
}

/** A finite number or decimal text → exact value; null when not finite / not a decimal. */
function exactOf(value: number | string): Fraction | null {
  if (typeof value === 'number') return Number.isFinite(value) ? parseDecimal(String(value)) : null;
  return typeof value === 'string' ? parseDecimal(value.trim()) : null;
}

/** Table constants are finite decimals by construction. */
function exactConstant(value: number): Fraction {
  return exactOf(value) as Fraction;
}

const DISPLAY_PLACES = 4;

/** Half-up rounding of a non-negative fraction to `places` decimals, as a number. */
function rounded(f: Fraction, places = DISPLAY_PLACES): number {
  const scale = 10n ** BigInt(places);
  const scaled = (2n * f.n * scale + f.d) / (2n * f.d);
  const whole = scaled / scale;
  const rest = (scaled % scale).toString().padStart(places, '0');
  return Number(`${whole}.${rest}`);
}

const fractionText = (f: Fraction) => (f.d === 1n ? `${f.n}` : `${f.n}/${f.d}`);

// ─── Lookup ─────────────────────────────────────────────────────────────────────────────────────────────────

const CAS_SHAPE = /^(\d{2,7})-(\d{2})-(\d)$/;

/** Trim, full-width digits and hyphens (and other dashes) to ASCII, no spaces. */
export function normaliseCas(cas: string): string {
  return cas
    .normalize('NFKC')
    .replace(/[‐‑‒–—―−﹣]/g, '-')
    .replace(/\s+/g, '');
}

/** CAS shape and check digit (the weighted sum of the other digits, mod 10). */
export function isValidCas(cas: string): boolean {
  const m = CAS_SHAPE.exec(normaliseCas(cas));
  if (!m) return false;
  const digits = `${m[1]}${m[2]}`;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += (digits.length - i) * Number(digits[i]);
  return sum % 10 === Number(m[3]);
}

/** Full-width forms to ASCII (NFKC: （）［］＞％ …), 【】〔〕 to brackets, no whitespace, Latin lower case. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[【〔]/g, '[')
    .replace(/[】〕]/g, ']')
    .replace(/\s+/g, '')
    .toLowerCase();
}

/** The name without its qualifiers, split where the table lists two names: "甲烷，天然气" → 甲烷, 天然气. */
function baseParts(text: string): string[] {
  const stripped = text
    .replace(/[[［【][^\]］】]*[\]］】]/g, '')
    .replace(/[(（][^)）]*[)）]/g, '')
    .trim();
  return stripped
    .split(/[，、；]/)
    .map(normaliseName)
    .filter((part) => part !== '');
}

interface IndexedRow {
  readonly row: MajorHazardSubstance;
  /** Normalised name, aliases and the Table-3 name: an exact match on any is a match. */
  readonly exact: ReadonlySet<string>;
  /** Normalised names without qualifiers (硝酸铵, 甲醛, 甲烷, 天然气 …). */
  readonly base: ReadonlySet<string>;
}

const ROWS: readonly MajorHazardSubstance[] = TABLE_1;

const INDEX: readonly IndexedRow[] = ROWS.map((row) => {
  const texts = [row.name, ...row.aliases];
  const toxic = TABLE_3.find((gas) => gas.tableOneNo === row.no);
  if (toxic) texts.push(toxic.name);
  return {
    row,
    exact: new Set(texts.map(normaliseName)),
    base: new Set(texts.flatMap(baseParts)),
  };
});

const TOXIC_BETA: ReadonlyMap<number, number> = new Map(TABLE_3.map((gas) => [gas.tableOneNo, gas.beta]));

export function tableOneRow(no: number): MajorHazardSubstance | undefined {
  return ROWS.find((row) => row.no === no);
}

/** The Table-3 β of a Table-1 row, or undefined when the row is not one of the 14 toxic gases. */
export function tableThreeBeta(no: number): number | undefined {
  return TOXIC_BETA.get(no);
}

export type MatchedBy = 'cas' | 'name' | 'partial';

export type SubstanceLookup =
  | { readonly status: 'found'; readonly substance: MajorHazardSubstance; readonly matchedBy: MatchedBy }
  | { readonly status: 'ambiguous'; readonly candidates: readonly MajorHazardSubstance[] }
  | { readonly status: 'not_found' }
  /**
   * Only the name without its qualifier matched, and the qualifier is a condition of the row (a concentration or
   * an exception: 甲醛(含量>90%), 硝酸(发红烟的除外，含硝酸>70%)): the row applies only if the substance meets it.
   */
  | { readonly status: 'conditional'; readonly substance: MajorHazardSubstance }
  | {
      readonly status: 'conflict';
      readonly byCas: MajorHazardSubstance;
      readonly byName: MajorHazardSubstance;
    };

const NOT_FOUND = { status: 'not_found' } as const;

/** A qualifier that limits the row (a %, a comparison or 除外), not one that only describes it (含丙烷、丁烷…). */
const CONDITION = /[%％<>＜＞≤≥]|除外/;

function verdict(rows: readonly MajorHazardSubstance[], matchedBy: MatchedBy): SubstanceLookup | null {
  if (rows.length === 0) return null;
  if (rows.length > 1) return { status: 'ambiguous', candidates: rows };
  const substance = rows[0] as MajorHazardSubstance;
  if (matchedBy === 'partial' && CONDITION.test(substance.name)) return { status: 'conditional', substance };
  return { status: 'found', substance, matchedBy };
}

/** Rows whose CAS list holds the (normalised) CAS. */
function rowsByCas(cas: string): MajorHazardSubstance[] {
  const key = normaliseCas(cas);
  return ROWS.filter((row) => row.cas.includes(key));
}

/** The shortest text a containment match may start from: one character would match half the table. */
const MIN_CONTAINED = 2;

/**
 * By name among `rows`, in three tiers, each decisive when it matches anything: exact name / alias / Table-3
 * name; the name without qualifiers ("硝酸铵", "甲醛", "天然气"); a name or alias that contains the query.
 * Several rows in a tier are ambiguous; a later tier is not tried then.
 */
function byName(query: string, rows: readonly IndexedRow[]): SubstanceLookup {
  const key = normaliseName(query);
  if (key === '') return NOT_FOUND;
  const tiers: [MatchedBy, (r: IndexedRow) => boolean][] = [
    ['name', (r) => r.exact.has(key)],
    ['partial', (r) => r.base.has(key)],
    ['partial', (r) => key.length >= MIN_CONTAINED && [...r.exact].some((text) => text.includes(key))],
  ];
  for (const [matchedBy, test] of tiers) {
    const found = verdict(
      rows.filter(test).map((r) => r.row),
      matchedBy,
    );
    if (found) return found;
  }
  return NOT_FOUND;
}

export interface SubstanceQuery {
  cas?: string | undefined;
  name?: string | undefined;
}

/**
 * Looks a substance up in Table 1.
 * - A string that is shaped like a CAS number (after normalising: full-width digits and hyphens) is looked up
 *   by CAS only; any other string by name.
 * - With both: a CAS of one row decides, unless the name matches another row ('conflict'). A CAS of several rows
 *   (硝化纤维素 37–42, 硝酸铵 43–44) is 'ambiguous' unless the name picks one of them. A CAS not in the table
 *   leaves the name to decide.
 * Nothing is guessed: several matches are returned as 'ambiguous' with the candidates.
 */
export function findSubstance(query: string | SubstanceQuery): SubstanceLookup {
  if (typeof query === 'string') {
    return CAS_SHAPE.test(normaliseCas(query)) ? findSubstance({ cas: query }) : findSubstance({ name: query });
  }
  const name = query.name?.trim() || undefined;
  const cas = query.cas?.trim() || undefined;
  if (cas === undefined) return name === undefined ? NOT_FOUND : byName(name, INDEX);

  const casRows = rowsByCas(cas);
  if (casRows.length === 0) return name === undefined ? NOT_FOUND : byName(name, INDEX);
  if (casRows.length === 1) {
    const byCas = casRows[0] as MajorHazardSubstance;
    if (name !== undefined) {
      const named = byName(name, INDEX);
      if (named.status === 'found' && named.substance.no !== byCas.no) {
        return { status: 'conflict', byCas, byName: named.substance };
      }
    }
    return { status: 'found', substance: byCas, matchedBy: 'cas' };
  }
  if (name === undefined) return { status: 'ambiguous', candidates: casRows };
  const narrowed = byName(
    name,
    INDEX.filter((r) => casRows.includes(r.row)),
  );
  return narrowed.status === 'found' || narrowed.status === 'conditional'
    ? narrowed
    : { status: 'ambiguous', candidates: casRows };
}

// ─── Tables 2, 4, 5, 6 ──────────────────────────────────────────────────────────────────────────────────────

const CATEGORY_BY_SYMBOL: ReadonlyMap<string, HazardCategory> = new Map(TABLE_2.map((c) => [c.symbol, c]));

/** "w5.1", "Ｗ５．１" → "W5.1"; undefined when it is not one of the 24 symbols of Table 2. */
export function parseCategory(symbol: string): HazardCategorySymbol | undefined {
  const key = symbol.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  return (HAZARD_CATEGORY_SYMBOLS as readonly string[]).includes(key) ? (key as HazardCategorySymbol) : undefined;
}

export function categoryOf(symbol: HazardCategorySymbol): HazardCategory {
  return CATEGORY_BY_SYMBOL.get(symbol) as HazardCategory;
}

/** Table 4. */
export function categoryBeta(symbol: HazardCategorySymbol): number {
  return TABLE_4_BETA[symbol];
}

/** Table 2 order, for ties. */
const categoryRank = (symbol: HazardCategorySymbol) => HAZARD_CATEGORY_SYMBOLS.indexOf(symbol);

/** Lowest Q, then highest β, then Table-2 order (4.1.2: "按其中最低的临界量确定"). */
function lowestQCategory(symbols: readonly HazardCategorySymbol[]): HazardCategorySymbol {
  return [...symbols].sort(
    (a, b) =>
      categoryOf(a).criticalQuantityT - categoryOf(b).criticalQuantityT ||
      categoryBeta(b) - categoryBeta(a) ||
      categoryRank(a) - categoryRank(b),
  )[0] as HazardCategorySymbol;
}

/** Highest β, then Table-2 order. */
function highestBetaCategory(symbols: readonly HazardCategorySymbol[]): HazardCategorySymbol {
  return [...symbols].sort(
    (a, b) => categoryBeta(b) - categoryBeta(a) || categoryRank(a) - categoryRank(b),
  )[0] as HazardCategorySymbol;
}

function assertPeople(exposedPeople: number, path: string): void {
  if (!Number.isSafeInteger(exposedPeople) || exposedPeople < 0) {
    throw new HazardInputError(
      path,
      'invalid_exposed_people',
      `厂外可能暴露人员数量须为不小于0的整数，收到 ${exposedPeople}`,
    );
  }
}

/** Table 5: α for the number of people within 500 m of the 厂区边界. */
export function alphaFor(exposedPeople: number): number {
  assertPeople(exposedPeople, 'exposedPeople');
  // Bands run from 100人以上 down to 0人, so the first band reached is the one.
  for (const band of TABLE_5_ALPHA) if (exposedPeople >= band.minPeople) return band.alpha;
  throw new RangeError(`no α band for ${exposedPeople}`);
}

function gradeOfExact(r: Fraction): MajorHazardGrade {
  for (const band of TABLE_6_GRADES) if (atLeast(r, exactConstant(band.minR))) return band.grade;
  return 4;
}

/** Table 6, exact on the decimal value of R (R = 50 → 2, R = 49.99 → 3). */
export function gradeForRisk(r: number | string): MajorHazardGrade {
  const exact = exactOf(r);
  if (exact === null) throw new RangeError(`R must be a finite decimal, got ${r}`);
  return gradeOfExact(exact);
}

// ─── The formulas ───────────────────────────────────────────────────────────────────────────────────────────

/** One term of formulas (1) and (2): q, Q and β. */
export interface HazardTerm {
  /** q, t. */
  quantityT: number | string;
  /** Q, t. */
  criticalQuantityT: number | string;
  beta: number | string;
}

export interface HazardFigures {
  /** S = Σ q/Q, rounded to 4 decimals. */
  s: number;
  /** S ≥ 1 on the exact value. */
  isMajor: boolean;
  alpha: number;
  /** R = α Σ β·q/Q, rounded to 4 decimals. */
  r: number;
  /** Table 6 on the exact R; null when the unit is not a major hazard. */
  grade: MajorHazardGrade | null;
  /** S and R as exact fractions in lowest terms ("13/5", "428/5", "24"). */
  exact: { s: string; r: string };
}

interface ExactTerm {
  q: Fraction;
  criticalQ: Fraction;
  beta: Fraction;
}

function figures(terms: readonly ExactTerm[], exposedPeople: number): HazardFigures {
  const alpha = alphaFor(exposedPeople);
  let s = ZERO;
  let weighted = ZERO;
  for (const t of terms) {
    const ratio = div(t.q, t.criticalQ);
    s = add(s, ratio);
    weighted = add(weighted, mul(t.beta, ratio));
  }
  const r = mul(exactConstant(alpha), weighted);
  const isMajor = atLeast(s, fraction(1n, 1n));
  return {
    s: rounded(s),
    isMajor,
    alpha,
    r: rounded(r),
    grade: isMajor ? gradeOfExact(r) : null,
    exact: { s: fractionText(s), r: fractionText(r) },
  };
}

/** q: finite and ≥ 0, tonnes (4.2.2: the 设计最大量). */
function exactQuantity(value: number | string, path: string, what: string): Fraction {
  const exact = exactOf(value);
  if (exact === null) throw new HazardInputError(path, 'invalid_quantity', `${what}的数量须为有限的十进制数（吨）`);
  if (exact.n < 0n) throw new HazardInputError(path, 'negative_quantity', `${what}的数量不能为负数`);
  return exact;
}

function exactPositive(value: number | string, path: string, code: HazardInputErrorCode, what: string): Fraction {
  const exact = exactOf(value);
  if (exact === null || exact.n <= 0n) throw new HazardInputError(path, code, `${what}须为大于0的有限十进制数`);
  return exact;
}

/**
 * Formulas (1) and (2) on given q, Q and β (no table lookup): S, whether S ≥ 1, α, R and the grade.
 * Error paths are "terms.{i}.{field}" and "exposedPeople".
 */
export function evaluateTerms(terms: readonly HazardTerm[], exposedPeople: number): HazardFigures {
  const exact = terms.map((t, i) => ({
    q: exactQuantity(t.quantityT, `terms.${i}.quantityT`, `第${i + 1}项`),
    criticalQ: exactPositive(
      t.criticalQuantityT,
      `terms.${i}.criticalQuantityT`,
      'invalid_critical_quantity',
      '临界量',
    ),
    beta: exactPositive(t.beta, `terms.${i}.beta`, 'invalid_beta', '校正系数β'),
  }));
  return figures(exact, exposedPeople);
}

// ─── A unit ─────────────────────────────────────────────────────────────────────────────────────────────────

export interface UnitSubstanceInput {
  cas?: string | undefined;
  name?: string | undefined;
  /** Table-2 symbol(s) of the substance's hazards: required for a substance not in Table 1. */
  category?: string | readonly string[] | undefined;
  /** q: the 设计最大量 in the unit, tonnes (4.2.2). */
  quantityT: number | string;
}

export interface UnitInput {
  substances: readonly UnitSubstanceInput[];
  /** 厂外可能暴露人员数量 within 500 m of the 厂区边界 (Table 5). */
  exposedPeople: number;
}

export interface EvaluatedSubstance {
  /** Position in the input. */
  index: number;
  /** The Table-1 row, or null for a substance not in Table 1. */
  substance: MajorHazardSubstance | null;
  /** How the row was found; null when not in Table 1. */
  matchedBy: MatchedBy | null;
  /** The Table-1 name, else the name given, else null. */
  name: string | null;
  /**
   * The category that set Q (table2) or β (table4); null when both came from Tables 1 and 3.
   */
  category: HazardCategorySymbol | null;
  /** 'input': from the user's categories; 'default': the Table-1 row's default; null with `category`. */
  categorySource: 'input' | 'default' | null;
  quantityT: number;
  /** Q, t. */
  criticalQuantityT: number;
  criticalQuantitySource: 'table1' | 'table2';
  beta: number;
  betaSource: 'table3' | 'table4';
  /** q/Q, rounded to 4 decimals. */
  ratio: number;
}

export interface UnitEvaluation extends HazardFigures {
  items: EvaluatedSubstance[];
}

const candidateText = (rows: readonly MajorHazardSubstance[]) =>
  rows.map((row) => `${row.no}号“${row.name}”`).join('、');

/** The Table-1 row of an input substance (null: not listed), or an input error. */
function resolveRow(
  input: UnitSubstanceInput,
  path: string,
  hasCategory: boolean,
): { row: MajorHazardSubstance; matchedBy: MatchedBy } | null {
  const cas = input.cas?.trim() || undefined;
  if (cas !== undefined && !isValidCas(cas)) {
    throw new HazardInputError(`${path}.cas`, 'invalid_cas', `CAS号“${cas}”格式或校验位不正确`);
  }
  const result = findSubstance({ cas, name: input.name });
  switch (result.status) {
    case 'found':
      return { row: result.substance, matchedBy: result.matchedBy };
    case 'not_found':
      return null;
    case 'conditional':
      // With a category the user says what it is: classified by Table 2, like any substance not in Table 1.
      if (hasCategory) return null;
      throw new HazardInputError(
        `${path}.name`,
        'conditional_name',
        `表1第${result.substance.no}号为“${result.substance.name}”，仅适用于符合括号内条件的物质：符合的请填写完整名称或CAS号，不符合的请填写表2危险性类别`,
        [result.substance.no],
      );
    case 'conflict':
      throw new HazardInputError(
        `${path}.name`,
        'cas_name_mismatch',
        `CAS号对应表1第${result.byCas.no}号“${result.byCas.name}”，名称却对应第${result.byName.no}号“${result.byName.name}”`,
        [result.byCas.no, result.byName.no],
      );
    case 'ambiguous': {
      const nos = result.candidates.map((row) => row.no);
      if (cas !== undefined && rowsByCas(cas).length > 1) {
        throw new HazardInputError(
          `${path}.cas`,
          'ambiguous_cas',
          `CAS号 ${normaliseCas(cas)} 对应表1中多种物质（${candidateText(result.candidates)}），临界量不同，请填写完整名称以区分`,
          nos,
        );
      }
      throw new HazardInputError(
        `${path}.name`,
        'ambiguous_name',
        `名称“${input.name?.trim()}”可对应表1中多种物质（${candidateText(result.candidates)}），请填写完整名称或CAS号`,
        nos,
      );
    }
  }
}

/** The user's categories, validated; [] when none were given. */
function parseCategories(category: UnitSubstanceInput['category'], path: string): HazardCategorySymbol[] {
  if (category === undefined) return [];
  const list = typeof category === 'string' ? [category] : category;
  return list.map((raw, j) => {
    const symbol = typeof raw === 'string' ? parseCategory(raw) : undefined;
    if (symbol === undefined) {
      throw new HazardInputError(
        typeof category === 'string' ? path : `${path}.${j}`,
        'unknown_category',
        `“${String(raw)}”不是GB 18218-2018表2的危险性类别（J1–J5、W1.1–W11）`,
      );
    }
    return symbol;
  });
}

interface ResolvedItem {
  item: Omit<EvaluatedSubstance, 'quantityT' | 'ratio'>;
  criticalQ: Fraction;
  beta: Fraction;
}

/** Q (4.1.2) and β (4.3.2) of one input substance. */
function resolveItem(input: UnitSubstanceInput, index: number): ResolvedItem {
  const path = `substances.${index}`;
  const categories = parseCategories(input.category, `${path}.category`);
  const found = resolveRow(input, path, categories.length > 0);
  const givenName = input.name?.trim() || null;

  if (found === null) {
    if (categories.length === 0) {
      const who = givenName ? `“${givenName}”` : input.cas?.trim() ? `CAS号 ${input.cas.trim()} 的物质` : '该物质';
      throw new HazardInputError(
        `${path}.category`,
        'category_required',
        `第${index + 1}种物质${who}未列入表1，须填写表2危险性类别以确定临界量`,
      );
    }
    const category = lowestQCategory(categories);
    const beta = categoryBeta(category);
    const criticalQuantityT = categoryOf(category).criticalQuantityT;
    return {
      item: {
        index,
        substance: null,
        matchedBy: null,
        name: givenName,
        category,
        categorySource: 'input',
        criticalQuantityT,
        criticalQuantitySource: 'table2',
        beta,
        betaSource: 'table4',
      },
      criticalQ: exactConstant(criticalQuantityT),
      beta: exactConstant(beta),
    };
  }

  const { row, matchedBy } = found;
  const toxicBeta = tableThreeBeta(row.no);
  const category =
    toxicBeta !== undefined ? null : categories.length > 0 ? highestBetaCategory(categories) : row.defaultCategory;
  const beta = toxicBeta ?? categoryBeta(category as HazardCategorySymbol);
  return {
    item: {
      index,
      substance: row,
      matchedBy,
      name: row.name,
      category,
      categorySource: category === null ? null : categories.length > 0 ? 'input' : 'default',
      criticalQuantityT: row.criticalQuantityT,
      criticalQuantitySource: 'table1',
      beta,
      betaSource: toxicBeta !== undefined ? 'table3' : 'table4',
    },
    criticalQ: exactConstant(row.criticalQuantityT),
    beta: exactConstant(beta),
  };
}

/**
 * Identifies and grades one 单元 (GB 18218-2018 4.1.2, 4.2, 4.3): per substance Q (Table 1, else Table 2) and β
 * (Table 3, else Table 4), then S, whether it is a 重大危险源, α (Table 5), R and the grade (Table 6).
 * Throws HazardInputError naming the field ("substances.{i}.category", "exposedPeople" …) for bad input.
 */
export function evaluateUnit(input: UnitInput): UnitEvaluation {
  assertPeople(input.exposedPeople, 'exposedPeople');
  const resolved = input.substances.map((substance, index) => {
    const r = resolveItem(substance, index);
    const q = exactQuantity(substance.quantityT, `substances.${index}.quantityT`, `第${index + 1}种物质`);
    return { ...r, q, substance };
  });
  const result = figures(resolved, input.exposedPeople);
  return {
    ...result,
    items: resolved.map(({ item, q, criticalQ, substance }) => ({
      ...item,
      quantityT: Number(substance.quantityT),
      ratio: rounded(div(q, criticalQ)),
    })),
  };
}
