/** containsPattern: user text is matched literally by LIKE/ILIKE, on the real engine. */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDb } from '../testing/harness.js';
import type { Db } from './connection.js';
import { containsIgnoringCase, containsPattern } from './sql.js';

describe('containsPattern', () => {
  let db: Db;
  beforeAll(async () => {
    db = await testDb();
  });
  afterAll(() => db.close());

  it('escapes \\ % _ and wraps in %…%', () => {
    expect(containsPattern('化工')).toBe('%化工%');
    expect(containsPattern('50%_a\\b')).toBe('%50\\%\\_a\\\\b%');
  });

  it.each<[string, string, boolean]>([
    ['淄博某化工有限公司', '化工', true],
    ['增长50%以上', '50%', true],
    ['增长50以上', '50%', false],
    ['a_b', 'a_b', true],
    ['axb', 'a_b', false],
    ['C:\\temp', ':\\t', true],
    ['C:temp', ':\\t', false],
  ])('%j ILIKE containsPattern(%j) → %s', async (text, term, matches) => {
    const { rows } = await sql<{ hit: boolean }>`SELECT ${text} ILIKE ${containsPattern(term)} AS hit`.execute(
      db.kysely,
    );
    expect(rows[0]?.hit).toBe(matches);
  });

  it.each<[string, string, boolean]>([
    ['淄博某化工有限公司', '化工', true],
    ['ABC化工 未按规定培训', 'abc化', true],
    ['abc化工', 'ABC', true],
    ['增长50以上', '50%', false],
    ['a_b', 'A_B', true],
    ['粉尘涉爆', '化工', false],
  ])('%j containsIgnoringCase %j → %s', async (text, term, matches) => {
    const { rows } = await sql<{
      hit: boolean;
    }>`SELECT ${containsIgnoringCase(sql`${text}::text`, term)} AS hit`.execute(db.kysely);
    expect(rows[0]?.hit).toBe(matches);
  });
});
