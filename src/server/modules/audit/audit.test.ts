/**
 * 留痕: every write appends an audit row (actor, time, action, entity, before/after) with the hash of its content;
 * the sealer chains the rows in batches (Merkle root per batch, seals chained); verifyAudit recomputes all of it and
 * finds a row edited, deleted or inserted directly in the database, and — against an exported anchor — a log
 * rewritten with every later hash recomputed. The database refuses UPDATE, DELETE and TRUNCATE on audit_log,
 * audit_seals and accident_revisions.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AuditAnchor } from '../../../contracts/audit.js';
import { buildAccident, type Client, type TestApp, testApp, testClock } from '../../testing/harness.js';
import { checkAnchorSignature, latestAnchor, loadAnchorKey } from './anchor.js';
import { contentHash, GENESIS_HASH, rowHash } from './hash-chain.js';
import { countUnsealed } from './repo.js';
import { sealAuditLog } from './sealer.js';
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
  prev_hash: string | null;
  hash: string;
  id: string;
  client_addr: string | null;
}

/**
 * Seals until nothing is left: on a shared PostgreSQL server a transaction of another database can hold the
 * horizon back for a moment, so this retries briefly rather than expecting one run to reach every row.
 */
async function sealAll(t: TestApp): Promise<void> {
  for (let i = 0; i < 200; i++) {
    await sealAuditLog(t.db, t.clock.now());
    if ((await countUnsealed(t.db.kysely, '0')) === 0 || (await verifyAudit(t.db)).unsealed === 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the sealer did not catch up');
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
    t = await testApp({ clock: testClock(T0_ISO), sessionIdleMinutes: 365 * 24 * 60, sessionMaxHours: 365 * 24 });
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
    // Now 较大: the follow-up also opened the accident's incident (应急处置), a write of its own.
    expect(rows.map((r) => r.action)).toEqual(['accident.followup', 'incident.open']);
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

  it('rows carry the hash of their content and no chain link; the sealer covers them all, verify agrees', async () => {
    const rows = (await sql<AuditRow>`SELECT * FROM audit_log WHERE chain_key = '370303'`.execute(t.db.kysely)).rows;
    expect(rows.length).toBeGreaterThan(3);
    for (const r of rows) {
      expect(r.prev_hash).toBeNull();
      expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
    }
    await sealAll(t);
    const result = await verifyAudit(t.db);
    expect(result).toMatchObject({ ok: true, unsealed: 0, legacyChains: 0 });
    expect(result.rows).toBe(await auditCount(t));
    const seals = (
      await sql<{ seq: number; kind: string; prev: string; hash: string }>`
        SELECT seq::int AS seq, kind, prev, hash FROM audit_seals ORDER BY seq`.execute(t.db.kysely)
    ).rows;
    expect(seals[0]).toMatchObject({ seq: 1, kind: 'legacy', prev: GENESIS_HASH });
    seals.forEach((s, i) => {
      if (i > 0) expect(s.prev).toBe(seals[i - 1]?.hash);
    });
  });

  it('concurrent writes in one region and concurrent sealers: every row sealed once, verify ok', async () => {
    const before = await auditCount(t);
    const [results] = await Promise.all([
      Promise.all(Array.from({ length: 8 }, () => county.post('/api/accidents', body(t)))),
      sealAuditLog(t.db, t.clock.now()),
      sealAuditLog(t.db, t.clock.now()),
    ]);
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(201));
    expect(await auditCount(t)).toBe(before + 8);
    await Promise.all([sealAll(t), sealAuditLog(t.db, t.clock.now())]);
    const result = await verifyAudit(t.db);
    expect(result).toMatchObject({ ok: true, unsealed: 0 });
    expect(result.rows).toBe(before + 8);
  });

  it('a row written after the last seal is counted as not sealed yet', async () => {
    await sealAll(t);
    expect((await county.post('/api/accidents', body(t))).status).toBe(201);
    const result = await verifyAudit(t.db);
    expect(result.ok).toBe(true);
    expect(result.unsealed).toBe(1);
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
    await sealAll(t);
    expect((await verifyAudit(t.db)).ok).toBe(true);
  });

  async function disabled(stmt: ReturnType<typeof sql>, table = 'audit_log') {
    await sql`ALTER TABLE ${sql.table(table)} DISABLE TRIGGER ${sql.id(`${table}_append_only`)}`.execute(t.db.kysely);
    try {
      await stmt.execute(t.db.kysely);
    } finally {
      await sql`ALTER TABLE ${sql.table(table)} ENABLE TRIGGER ${sql.id(`${table}_append_only`)}`.execute(t.db.kysely);
    }
  }

  /** The accident.create rows of the three filings, in the order they were written. */
  async function created(): Promise<AuditRow[]> {
    return (
      await sql<AuditRow>`
        SELECT * FROM audit_log WHERE action = 'accident.create' ORDER BY seq DESC LIMIT 3`.execute(t.db.kysely)
    ).rows.reverse();
  }

  /** A DBA's consistent rewrite: every seal dropped and the sealer run again over the rows as they now are. */
  async function resealEverything() {
    await disabled(sql`DELETE FROM audit_seals`, 'audit_seals');
    await sealAll(t);
  }

  function forgedHash(r: AuditRow, actorName: string): string {
    return contentHash({
      chainKey: r.chain_key,
      id: r.id,
      regionCode: r.region_code,
      at: new Date(r.at).toISOString(),
      actorId: r.actor_id,
      actorName,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      before: r.before,
      after: r.after,
      clientAddr: r.client_addr ?? undefined,
    });
  }

  it('an edited after → ok:false naming the row', async () => {
    try {
      const row = (await created())[1] as AuditRow;
      await disabled(sql`UPDATE audit_log SET after = '{"x":1}' WHERE id = ${row.id}`);
      const result = await verifyAudit(t.db);
      expect(result.ok).toBe(false);
      expect(result.broken).toMatchObject({
        chainKey: '370303',
        seq: Number(row.seq),
        reason: expect.stringMatching(/edited/),
      });
    } finally {
      await t.close();
    }
  });

  it('an edited row whose own hash was recomputed no longer matches its seal', async () => {
    try {
      const row = (await created())[1] as AuditRow;
      await disabled(
        sql`UPDATE audit_log SET actor_name = '伪造者', hash = ${forgedHash(row, '伪造者')} WHERE id = ${row.id}`,
      );
      const result = await verifyAudit(t.db);
      expect(result.ok).toBe(false);
      expect(result.broken?.reason).toMatch(/do not match its seal/);
    } finally {
      await t.close();
    }
  });

  it('a deleted sealed row (middle or last) → ok:false at its seal', async () => {
    try {
      const rows = await created();
      await disabled(sql`DELETE FROM audit_log WHERE id = ${(rows[1] as AuditRow).id}`);
      let result = await verifyAudit(t.db);
      expect(result.ok).toBe(false);
      expect(result.broken?.reason).toMatch(/2 rows for 3 sealed|do not match its seal/);
      await disabled(sql`DELETE FROM audit_log WHERE id = ${(rows[2] as AuditRow).id}`);
      result = await verifyAudit(t.db);
      expect(result.ok).toBe(false);
    } finally {
      await t.close();
    }
  });

  it('a row inserted into a sealed range (with a correct hash of its own) → ok:false', async () => {
    try {
      const row = (await created())[1] as AuditRow & { xid?: string };
      const xid = (
        await sql<{ x: string }>`SELECT xid::text AS x FROM audit_log WHERE id = ${row.id}`.execute(t.db.kysely)
      ).rows[0]?.x as string;
      const forged = { ...row, id: '01900000-0000-7000-8000-000000000001', actor_name: '伪造者' };
      await sql`
        INSERT INTO audit_log (chain_key, id, region_code, at, actor_id, actor_name, action, entity_type, entity_id,
                               before, after, prev_hash, hash, client_addr, xid)
        VALUES (${forged.chain_key}, ${forged.id}, ${forged.region_code}, ${forged.at}, ${forged.actor_id},
                ${forged.actor_name}, ${forged.action}, ${forged.entity_type}, ${forged.entity_id},
                ${JSON.stringify(forged.before)}, ${JSON.stringify(forged.after)}, NULL,
                ${forgedHash(forged, '伪造者')}, ${forged.client_addr}, ${xid}::xid8)`.execute(t.db.kysely);
      const result = await verifyAudit(t.db);
      expect(result.ok).toBe(false);
      expect(result.broken?.reason).toMatch(/do not match its seal/);
    } finally {
      await t.close();
    }
  });

  it('an edited or deleted seal → ok:false', async () => {
    try {
      await disabled(sql`UPDATE audit_seals SET row_count = row_count + 1 WHERE seq = 2`, 'audit_seals');
      expect((await verifyAudit(t.db)).broken).toMatchObject({
        sealSeq: 2,
        reason: expect.stringMatching(/seal edited/),
      });
      await disabled(sql`UPDATE audit_seals SET row_count = row_count - 1 WHERE seq = 2`, 'audit_seals');
      expect((await verifyAudit(t.db)).ok).toBe(true);
      await disabled(sql`DELETE FROM audit_seals WHERE seq = 1`, 'audit_seals');
      expect((await verifyAudit(t.db)).ok).toBe(false);
    } finally {
      await t.close();
    }
  });

  it('anchors: a rewrite with every hash and seal recomputed passes alone and fails against the exported anchor', async () => {
    try {
      // The admin exports the anchor over HTTP, signed with the configured key.
      const dir = mkdtempSync(join(tmpdir(), 'anchor-'));
      const keyFile = join(dir, 'anchor.pem');
      writeFileSync(keyFile, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }));
      t.ctx.config.anchorKeyFile = keyFile;
      expect((await (await t.as('duty.370303')).get('/api/audit/anchor')).status).toBe(403);
      const admin = await t.as('admin.370300');
      const res = await admin.get('/api/audit/anchor');
      expect(res.status).toBe(200);
      const anchor = res.body as AuditAnchor;
      expect(anchor.signature).toBeTruthy();
      expect(checkAnchorSignature(anchor)).toBe(true);
      expect(checkAnchorSignature({ ...anchor, count: anchor.count + 1 })).toBe(false);
      expect(anchor).toMatchObject({ sealSeq: expect.any(Number), root: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(await verifyAudit(t.db, { anchor })).toMatchObject({ ok: true, anchorMatched: true });

      // A DBA rewrites a sealed row, recomputes its hash and every seal after it.
      const row = (await created())[0] as AuditRow;
      await disabled(
        sql`UPDATE audit_log SET actor_name = '伪造者', hash = ${forgedHash(row, '伪造者')} WHERE id = ${row.id}`,
      );
      await resealEverything();
      expect((await verifyAudit(t.db)).ok).toBe(true);
      const caught = await verifyAudit(t.db, { anchor });
      expect(caught.ok).toBe(false);
      expect(caught.broken?.reason).toMatch(/differs from the exported anchor|anchor names seal/);
      // A forged anchor for the rewritten log does not carry the platform's signature.
      const rewritten = (await latestAnchor(t.db.kysely, undefined)) as AuditAnchor;
      expect(checkAnchorSignature({ ...rewritten, publicKey: anchor.publicKey, signature: anchor.signature })).toBe(
        false,
      );
      expect(loadAnchorKey(keyFile)?.asymmetricKeyType).toBe('ed25519');
    } finally {
      await t.close();
    }
  });

  it('nobody can TRUNCATE audit_log, audit_seals or accident_revisions: the statement triggers raise', async () => {
    try {
      for (const table of ['audit_log', 'audit_seals', 'accident_revisions']) {
        await expect(sql`TRUNCATE ${sql.table(table)}`.execute(t.db.kysely)).rejects.toThrow(
          new RegExp(`append-only table ${table}: TRUNCATE refused`),
        );
      }
      expect((await verifyAudit(t.db)).ok).toBe(true);
      const revs = await sql<{ n: number }>`SELECT count(*)::int AS n FROM accident_revisions`.execute(t.db.kysely);
      expect(revs.rows[0]?.n).toBe(3);
    } finally {
      await t.close();
    }
  });

  it('the application cannot UPDATE or DELETE audit_log, audit_seals or accident_revisions: the triggers raise', async () => {
    try {
      await expect(
        t.db.kysely.updateTable('audit_log').set({ actor_name: 'x' }).where('chain_key', '=', '370303').execute(),
      ).rejects.toThrow(/append-only/);
      await expect(t.db.kysely.deleteFrom('audit_log').where('chain_key', '=', '370303').execute()).rejects.toThrow(
        /append-only/,
      );
      await expect(t.db.kysely.updateTable('audit_seals').set({ root: 'x' }).execute()).rejects.toThrow(/append-only/);
      await expect(t.db.kysely.deleteFrom('audit_seals').execute()).rejects.toThrow(/append-only/);
      await expect(t.db.kysely.updateTable('accident_revisions').set({ note: 'x' }).execute()).rejects.toThrow(
        /append-only/,
      );
      await expect(t.db.kysely.deleteFrom('accident_revisions').execute()).rejects.toThrow(/append-only/);
      expect((await verifyAudit(t.db)).ok).toBe(true);
      const revs = await sql<{ n: number }>`SELECT count(*)::int AS n FROM accident_revisions`.execute(t.db.kysely);
      expect(revs.rows[0]?.n).toBe(3);
    } finally {
      await t.close();
    }
  });
});

describe('the chains written before migration 0015 (legacy)', () => {
  it('are covered by the first seal: verified link by link, an edit is found', async () => {
    const t = await testApp({ clock: testClock(T0_ISO) });
    try {
      // Three rows chained as the old writer did, and their tip — before anything was sealed.
      let prev = GENESIS_HASH;
      for (let seq = 1; seq <= 3; seq++) {
        const content = {
          chainKey: '710000',
          seq,
          id: `01900000-0000-7000-8000-00000000000${seq}`,
          regionCode: '710000',
          at: new Date(T0 - (10 - seq) * MIN).toISOString(),
          actorId: null,
          actorName: '系统',
          action: 'accident.create',
          entityType: 'accident',
          entityId: `legacy-${seq}`,
          before: null,
          after: { n: seq },
        };
        const hash = rowHash(prev, content);
        await sql`
          INSERT INTO audit_log (chain_key, seq, id, region_code, at, actor_id, actor_name, action, entity_type,
                                 entity_id, before, after, prev_hash, hash, xid)
          VALUES ('710000', ${seq}, ${content.id}, '710000', ${content.at}, NULL, '系统', 'accident.create', 'accident',
                  ${content.entityId}, NULL, ${JSON.stringify(content.after)}, ${prev}, ${hash}, NULL)`.execute(
          t.db.kysely,
        );
        prev = hash;
      }
      await sql`INSERT INTO audit_heads (chain_key, seq, hash) VALUES ('710000', 3, ${prev})`.execute(t.db.kysely);
      // Before the first seal (just after the migration) the chains are checked all the same.
      const unsealed = await verifyAudit(t.db);
      expect(unsealed).toMatchObject({ ok: true, seals: 0, legacyChains: 1 });
      expect(unsealed.unsealed).toBe(await auditCount(t));
      await sealAll(t);
      const result = await verifyAudit(t.db);
      expect(result).toMatchObject({ ok: true, legacyChains: 1, unsealed: 0 });
      expect(result.rows).toBe(await auditCount(t));

      await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`.execute(t.db.kysely);
      await sql`UPDATE audit_log SET after = '{"n":9}' WHERE chain_key = '710000' AND seq = 2 AND xid IS NULL`.execute(
        t.db.kysely,
      );
      await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`.execute(t.db.kysely);
      expect((await verifyAudit(t.db)).broken).toMatchObject({ sealSeq: 1, chainKey: '710000', seq: 2 });
    } finally {
      await t.close();
    }
  });
});
