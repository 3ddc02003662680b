/**
 * 留痕: every write appends a hash-chained audit row (actor, time, action, entity, before/after);
 * verifyAudit recomputes the chains and finds a row edited or deleted directly in the database;
 * the database itself refuses UPDATE, DELETE and TRUNCATE on audit_log and accident_revisions.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildAccident, type Client, type TestApp, testApp, testClock } from '../../testing/harness.js';
import { GENESIS_HASH, rowHash } from './hash-chain.js';
import { verifyAudit } from './verify.js';

const T0_ISO = '2026-11-25T10:00:00+08:00';
const T0 = Date.parse(T0_ISO);
const MIN = 60_000;

interface AuditRow {
  chain_key: string;
  seq: number;
  actor_id: string | null;
  actor_name: string;
  action: string;
  entity_type: string;
  entity_id: string;
  region_code: string;
  at: Date | string;
  before: unknown;
  after: unknown;
  prev_hash: string;
  hash: string;
}

async function auditCount(t: TestApp): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log`.execute(t.db.kysely);
  return r.rows[0]?.n ?? 0;
}

/** Rows appended since `count` rows existed — by insertion order within each chain, then time. */
async function rowsAfter(t: TestApp, before: Set<string>): Promise<AuditRow[]> {
  const rows = await sql<AuditRow & { id: string }>`SELECT * FROM audit_log ORDER BY at, chain_key, seq`.execute(
    t.db.kysely,
  );
  return rows.rows.filter((r) => !before.has(r.id));
}

async function ids(t: TestApp): Promise<Set<string>> {
  const rows = await sql<{ id: string }>`SELECT id FROM audit_log`.execute(t.db.kysely);
  return new Set(rows.rows.map((r) => r.id));
}

async function userId(c: Client): Promise<string> {
  return (await c.get('/api/auth/me')).body.user.id;
}

let seq = 0;
function body(t: TestApp, overrides: Record<string, unknown> = {}) {
  seq += 1;
  return buildAccident({ unitName: `留痕测试有限公司${seq}`, ...overrides }, t.clock.now());
}

describe('every write leaves an audit row', () => {
  let t: TestApp;
  let county: Client;
  let city: Client;
  beforeAll(async () => {
    t = await testApp({ clock: testClock(T0_ISO), sessionIdleMinutes: 365 * 24 * 60 });
    county = await t.as('duty.370303');
    city = await t.as('duty.370300');
  });
  afterAll(() => t.close());
  beforeEach(() => t.clock.set(T0_ISO));

  it('login: one auth.login row for the user, in its region chain', async () => {
    const before = await ids(t);
    const c = await t.as('stats.370303');
    const rows = await rowsAfter(t, before);
    expect(rows).toHaveLength(1);
    const me = await userId(c);
    expect(rows[0]).toMatchObject({
      action: 'auth.login',
      actor_id: me,
      entity_type: 'user',
      entity_id: me,
      region_code: '370303',
      chain_key: '370303',
    });
    expect(new Date(rows[0]?.at as string).toISOString()).toBe(new Date(T0).toISOString());
  });

  it('create, follow-up, forward and sign: one row each, with actor, action and before/after', async () => {
    const countyId = await userId(county);
    const cityId = await userId(city);
    let before = await ids(t);

    const created = await county.post('/api/accidents', body(t, { deaths: 1 }));
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    let rows = await rowsAfter(t, before);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'accident.create',
      actor_id: countyId,
      entity_type: 'accident',
      entity_id: id,
    });
    expect(rows[0]?.before).toBeNull();
    expect(rows[0]?.after).toMatchObject({ deaths: 1, grade: 'general', regionCode: '370303' });
    expect(rows[0]?.actor_name).toContain('duty.370303');

    before = await ids(t);
    t.clock.set(new Date(T0 + 20 * MIN));
    expect((await county.post(`/api/accidents/${id}/followups`, { deaths: 3, note: '伤亡增加' })).status).toBe(201);
    rows = await rowsAfter(t, before);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'accident.followup', actor_id: countyId, entity_id: id });
    expect(rows[0]?.before).toMatchObject({ deaths: 1, grade: 'general' });
    expect(rows[0]?.after).toMatchObject({ deaths: 3, grade: 'larger', note: '伤亡增加' });
    expect(new Date(rows[0]?.at as string).toISOString()).toBe(new Date(T0 + 20 * MIN).toISOString());

    before = await ids(t);
    t.clock.set(new Date(T0 + 30 * MIN));
    expect((await county.post(`/api/accidents/${id}/forward`, { note: '上报市局' })).status).toBe(200);
    rows = await rowsAfter(t, before);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'accident.forward', actor_id: countyId, entity_id: id });
    expect(rows[0]?.before).toMatchObject({ holderLevel: 'county' });
    expect(rows[0]?.after).toMatchObject({ holderLevel: 'city', note: '上报市局' });

    before = await ids(t);
    t.clock.set(new Date(T0 + 40 * MIN));
    expect((await city.post(`/api/accidents/${id}/sign`, { note: '已签收' })).status).toBe(200);
    rows = await rowsAfter(t, before);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'accident.sign', actor_id: cityId, entity_id: id });
    expect(rows[0]?.after).toMatchObject({ level: 'city', note: '已签收' });
  });

  it('a refused write (validation, duplicate, permission) leaves no audit row', async () => {
    const before = await auditCount(t);
    expect((await county.post('/api/accidents', body(t, { deaths: -1 }))).status).toBe(400);
    const b = body(t);
    expect((await county.post('/api/accidents', b)).status).toBe(201);
    const afterCreate = await auditCount(t);
    expect(afterCreate).toBe(before + 1);
    expect((await county.post('/api/accidents', b)).status).toBe(409);
    const leader = await t.as('leader.370303'); // this login is itself audited
    expect((await leader.post('/api/accidents', body(t))).status).toBe(403);
    expect(await auditCount(t)).toBe(afterCreate + 1);
  });

  it('rows are hash-chained: each prev_hash is the hash of the row before it', async () => {
    const rows = (
      await sql<AuditRow>`SELECT * FROM audit_log WHERE chain_key = '370303' ORDER BY seq`.execute(t.db.kysely)
    ).rows;
    expect(rows.length).toBeGreaterThan(3);
    expect(rows[0]?.prev_hash).toBe(GENESIS_HASH);
    rows.forEach((r, i) => {
      expect(Number(r.seq)).toBe(i + 1);
      if (i > 0) expect(r.prev_hash).toBe(rows[i - 1]?.hash);
    });
  });

  it('concurrent writes in one region keep one unbroken chain', async () => {
    const before = await auditCount(t);
    const results = await Promise.all(Array.from({ length: 8 }, () => county.post('/api/accidents', body(t))));
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(201));
    expect(await auditCount(t)).toBe(before + 8);
    const seqs = (
      await sql<{ seq: number }>`SELECT seq::int AS seq FROM audit_log WHERE chain_key = '370303' ORDER BY seq`.execute(
        t.db.kysely,
      )
    ).rows.map((r) => r.seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    expect((await verifyAudit(t.db)).ok).toBe(true);
  });

  it('verifyAudit: ok on the untouched log', async () => {
    const result = await verifyAudit(t.db);
    expect(result.ok).toBe(true);
    expect(result.broken).toBeUndefined();
    expect(result.rows).toBe(await auditCount(t));
    expect(result.chains).toBeGreaterThanOrEqual(2);
  });
});

describe('verifyAudit finds direct tampering', () => {
  let t: TestApp;

  beforeEach(async () => {
    t = await testApp({ clock: testClock(T0_ISO) });
    const county = await t.as('duty.370303');
    for (let i = 0; i < 3; i++) {
      t.clock.set(new Date(T0 + i * MIN));
      const res = await county.post('/api/accidents', body(t));
      expect(res.status).toBe(201);
    }
    expect((await verifyAudit(t.db)).ok).toBe(true);
  });
  async function disabled(stmt: ReturnType<typeof sql>) {
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`.execute(t.db.kysely);
    await stmt.execute(t.db.kysely);
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`.execute(t.db.kysely);
  }

  it('an edited after → ok:false at that chain and seq', async () => {
    try {
      await disabled(sql`UPDATE audit_log SET after = '{"x":1}' WHERE chain_key = '370303' AND seq = 2`);
      const result = await verifyAudit(t.db);
      expect(result.ok).toBe(false);
      expect(result.broken).toMatchObject({ chainKey: '370303', seq: 2 });
    } finally {
      await t.close();
    }
  });

  it('an edited row whose own hash was recomputed breaks the link to the next row', async () => {
    try {
      const row = (
        await sql<AuditRow & { id: string }>`SELECT * FROM audit_log WHERE chain_key = '370303' AND seq = 2`.execute(
          t.db.kysely,
        )
      ).rows[0] as AuditRow & { id: string };
      const forged = rowHash(row.prev_hash, {
        chainKey: row.chain_key,
        seq: 2,
        id: row.id,
        regionCode: row.region_code,
        at: new Date(row.at).toISOString(),
        actorId: row.actor_id,
        actorName: '伪造者',
        action: row.action,
        entityType: row.entity_type,
        entityId: row.entity_id,
        before: row.before,
        after: row.after,
      });
      await disabled(
        sql`UPDATE audit_log SET actor_name = '伪造者', hash = ${forged} WHERE chain_key = '370303' AND seq = 2`,
      );
      const result = await verifyAudit(t.db);
      expect(result.ok).toBe(false);
      expect(result.broken).toMatchObject({ chainKey: '370303', seq: 3 });
    } finally {
      await t.close();
    }
  });

  it('a deleted middle row → ok:false naming the missing seq', async () => {
    try {
      await disabled(sql`DELETE FROM audit_log WHERE chain_key = '370303' AND seq = 2`);
      const result = await verifyAudit(t.db);
      expect(result.ok).toBe(false);
      expect(result.broken).toMatchObject({ chainKey: '370303', seq: 2 });
    } finally {
      await t.close();
    }
  });

  it('a deleted last row → ok:false (the chain ends before its head)', async () => {
    try {
      const last = await sql<{
        seq: number;
      }>`SELECT max(seq)::int AS seq FROM audit_log WHERE chain_key = '370303'`.execute(t.db.kysely);
      const seq = last.rows[0]?.seq as number;
      await disabled(sql`DELETE FROM audit_log WHERE chain_key = '370303' AND seq = ${seq}`);
      const result = await verifyAudit(t.db);
      expect(result.ok).toBe(false);
      expect(result.broken).toMatchObject({ chainKey: '370303', seq });
    } finally {
      await t.close();
    }
  });

  it('nobody can TRUNCATE audit_log or accident_revisions: the statement triggers raise', async () => {
    try {
      await expect(sql`TRUNCATE audit_log`.execute(t.db.kysely)).rejects.toThrow(
        /append-only table audit_log: TRUNCATE refused/,
      );
      await expect(sql`TRUNCATE accident_revisions`.execute(t.db.kysely)).rejects.toThrow(
        /append-only table accident_revisions: TRUNCATE refused/,
      );
      expect((await verifyAudit(t.db)).ok).toBe(true);
      const revs = await sql<{ n: number }>`SELECT count(*)::int AS n FROM accident_revisions`.execute(t.db.kysely);
      expect(revs.rows[0]?.n).toBe(3);
    } finally {
      await t.close();
    }
  });

  it('the application cannot UPDATE or DELETE audit_log or accident_revisions: the triggers raise', async () => {
    try {
      await expect(
        t.db.kysely.updateTable('audit_log').set({ actor_name: 'x' }).where('chain_key', '=', '370303').execute(),
      ).rejects.toThrow(/append-only/);
      await expect(t.db.kysely.deleteFrom('audit_log').where('chain_key', '=', '370303').execute()).rejects.toThrow(
        /append-only/,
      );
      await expect(t.db.kysely.updateTable('accident_revisions').set({ note: 'x' }).execute()).rejects.toThrow(
        /append-only/,
      );
      await expect(t.db.kysely.deleteFrom('accident_revisions').execute()).rejects.toThrow(/append-only/);
      // nothing changed
      expect((await verifyAudit(t.db)).ok).toBe(true);
      const revs = await sql<{ n: number }>`SELECT count(*)::int AS n FROM accident_revisions`.execute(t.db.kysely);
      expect(revs.rows[0]?.n).toBe(3);
    } finally {
      await t.close();
    }
  });
});
