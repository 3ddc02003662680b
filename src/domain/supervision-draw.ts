/**
 * 双随机 draw (随机抽取检查对象、随机选派执法检查人员, 国办发〔2015〕58号): deterministic from a seed and recorded inputs,
 * so anyone can recompute a published draw. The algorithm (docs/SUPERVISION.md "The draw, precisely"):
 *
 * 1. Inputs are canonical: enterprises sorted by id, each with its last inspection team (user ids, sorted);
 *    inspectors (the roster) sorted by id; count; team size. Names and 执法证号 are recorded beside, not used.
 * 2. A stream of 32-bit numbers: the n-th (n = 0, 1, 2, …) is the first 4 bytes, big-endian, of
 *    HMAC-SHA256(key = the seed as UTF-8, message = "<label>:<n>" in ASCII). A draw's label is "draw".
 * 3. randomBelow(m): take the next number x; if x ≥ m·⌊2³²/m⌋ take another (no modulo bias); answer x mod m.
 * 4. Enterprises: a partial Fisher–Yates shuffle of the sorted list — for i = 0 … count−1, j = i + randomBelow(n − i),
 *    swap positions i and j. The first `count` positions, in order, are the enterprises drawn.
 * 5. Teams, enterprise by enterprise in the order drawn: the roster without the enterprise's last team (回避), then the
 *    same partial shuffle for teamSize positions; the team is those officers in that order. (A plan's random share,
 *    waiveConflicts: when fewer than teamSize remain, all of them, then a shuffle of the last team fills the rest.)
 * Node's crypto is used for HMAC; nothing here reads a clock or a database.
 */
import { createHash, createHmac } from 'node:crypto';

export const DRAW_ALGORITHM = 'hmac-sha256-fisher-yates-v1';
export const MIN_TEAM_SIZE = 2;

export interface DrawEnterprise {
  id: string;
  /** The officers of its last inspection: they are not sent again (回避). */
  lastTeam: readonly string[];
}

export interface DrawInput {
  seed: string;
  count: number;
  teamSize: number;
  enterprises: readonly DrawEnterprise[];
  /** Officers with a 执法证号 (ids). */
  inspectors: readonly string[];
  /**
   * A plan's random share only: when the roster without an enterprise's last team is too small, complete the team
   * from that team and mark it (the bureau reassigns it), rather than refuse the whole plan. A 双随机 draw never does.
   */
  waiveConflicts?: boolean;
}

export interface DrawAssignment {
  enterpriseId: string;
  team: string[];
  conflictWaived: boolean;
}

export type DrawRefusalCode = 'team_too_small' | 'roster_too_small' | 'count_too_large' | 'conflict_of_interest';

/** The inputs cannot give a lawful draw; `enterpriseId` names the enterprise left without a team. */
export class DrawRefusal extends Error {
  constructor(
    readonly code: DrawRefusalCode,
    readonly enterpriseId?: string,
  ) {
    super(code);
  }
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The inputs in canonical order (ids sorted, duplicates dropped): what is recorded and what is recomputed. */
export function canonicalInput(input: DrawInput): DrawInput {
  const seen = new Set<string>();
  const enterprises = [...input.enterprises]
    .sort((a, b) => byId(a.id, b.id))
    .filter((e) => !seen.has(e.id) && seen.add(e.id))
    .map((e) => ({ id: e.id, lastTeam: [...new Set(e.lastTeam)].sort(byId) }));
  return {
    seed: input.seed,
    count: input.count,
    teamSize: input.teamSize,
    enterprises,
    inspectors: [...new Set(input.inspectors)].sort(byId),
    waiveConflicts: input.waiveConflicts === true,
  };
}

/** The seeded stream of step 2–3. */
export function randomStream(seed: string, label: string): (below: number) => number {
  let n = 0;
  const next = () => createHmac('sha256', Buffer.from(seed, 'utf8')).update(`${label}:${n++}`).digest().readUInt32BE(0);
  return (below) => {
    const limit = Math.floor(0x1_0000_0000 / below) * below;
    let x = next();
    while (x >= limit) x = next();
    return x % below;
  };
}

/** Step 4: the first `take` positions of a partial Fisher–Yates shuffle of `list`. */
export function partialShuffle<T>(list: readonly T[], take: number, randomBelow: (n: number) => number): T[] {
  const a = [...list];
  for (let i = 0; i < take; i++) {
    const j = i + randomBelow(a.length - i);
    [a[i], a[j]] = [a[j] as T, a[i] as T];
  }
  return a.slice(0, take);
}

/**
 * Step 5: a team for each enterprise, in order, from the stream. `waive` (plans only): when the roster without the
 * last team is too small, the team is completed from the excluded officers and marked, instead of refusing.
 */
export function assignTeams(
  enterprises: readonly DrawEnterprise[],
  inspectors: readonly string[],
  teamSize: number,
  randomBelow: (n: number) => number,
  waive = false,
): DrawAssignment[] {
  if (teamSize < MIN_TEAM_SIZE) throw new DrawRefusal('team_too_small');
  if (inspectors.length < teamSize) throw new DrawRefusal('roster_too_small');
  return enterprises.map((e) => {
    const eligible = inspectors.filter((i) => !e.lastTeam.includes(i));
    if (eligible.length >= teamSize) {
      return { enterpriseId: e.id, team: partialShuffle(eligible, teamSize, randomBelow), conflictWaived: false };
    }
    if (!waive) throw new DrawRefusal('conflict_of_interest', e.id);
    const rest = inspectors.filter((i) => e.lastTeam.includes(i));
    const team = [...eligible, ...partialShuffle(rest, teamSize - eligible.length, randomBelow)];
    return { enterpriseId: e.id, team, conflictWaived: true };
  });
}

/** The draw: `count` enterprises and a team for each, from the canonical inputs. */
export function runDraw(raw: DrawInput): DrawAssignment[] {
  const input = canonicalInput(raw);
  if (input.teamSize < MIN_TEAM_SIZE) throw new DrawRefusal('team_too_small');
  if (input.inspectors.length < input.teamSize) throw new DrawRefusal('roster_too_small');
  if (input.count > input.enterprises.length) throw new DrawRefusal('count_too_large');
  const randomBelow = randomStream(input.seed, 'draw');
  const drawn = partialShuffle(input.enterprises, input.count, randomBelow);
  return assignTeams(drawn, input.inspectors, input.teamSize, randomBelow, input.waiveConflicts);
}

/** SHA-256 of the result's JSON: a short fingerprint to publish and compare. */
export function resultHash(result: readonly DrawAssignment[]): string {
  return createHash('sha256')
    .update(JSON.stringify(result.map((r) => ({ enterpriseId: r.enterpriseId, team: r.team }))))
    .digest('hex');
}

/** A fresh seed: 32 random bytes as hex (the caller may give its own, e.g. one drawn in public). */
export function newSeed(randomBytes: (n: number) => Buffer): string {
  return randomBytes(32).toString('hex');
}
