/**
 * Bad input never writes and never 500s: 400 VALIDATION_FAILED (or MALFORMED_JSON) with details[].path naming
 * the field and a Chinese message, and the database is exactly as before.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildAccident, type Client, type Res, type TestApp, testApp, testClock } from '../../testing/harness.js';

const T0_ISO = '2026-11-25T10:00:00+08:00';
const T0 = Date.parse(T0_ISO);
const iso = (ms: number) => new Date(ms).toISOString();
const CHINESE = /[\u4e00-\u9fff]/;
const ONE_MB = 1024 * 1024;

let t: TestApp;
let duty: Client;
let seq = 0;
// biome-ignore lint/suspicious/noExplicitAny: a stored report's view
let existing: any;

function body(overrides: Record<string, unknown> = {}) {
  seq += 1;
  return buildAccident({ unitName: `校验测试有限公司${seq}`, ...overrides }, t.clock.now());
}

/** Rows in every table a write touches. */
async function counts() {
  const n = async (table: string) =>
    (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(t.db.kysely)).rows[0]?.n;
  return {
    accidents: await n('accidents'),
    revisions: await n('accident_revisions'),
    chain: await n('accident_chain'),
    audit: await n('audit_log'),
    counters: await n('report_counters'),
    idempotency: await n('idempotency_keys'),
  };
}

function expectBadRequest(res: Res, path: string, code = 'VALIDATION_FAILED') {
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expect(res.body.error.code).toBe(code);
  expect(res.body.error.message).toMatch(CHINESE);
  const details = res.body.error.details as { path: string; message: string }[];
  expect(Array.isArray(details)).toBe(true);
  const hit = details.find((d) => d.path.split(',').includes(path));
  expect(hit, `details name ${path}: ${JSON.stringify(details)}`).toBeDefined();
  expect(hit?.message).toMatch(CHINESE);
}

beforeAll(async () => {
  t = await testApp({ clock: testClock(T0_ISO) });
  duty = await t.as('duty.370303');
  const res = await duty.post('/api/accidents', body());
  expect(res.status).toBe(201);
  existing = res.body;
});
afterAll(() => t.close());
beforeEach(() => t.clock.set(T0_ISO));

describe('POST /api/accidents with bad input → 400 naming the field, nothing written', () => {
  it.each<[string, () => Record<string, unknown>, string]>([
    ['negative deaths', () => body({ deaths: -1 }), 'deaths'],
    ['negative missing', () => body({ missing: -3 }), 'missing'],
    ['negative serious injuries', () => body({ seriousInjuries: -1 }), 'seriousInjuries'],
    ['negative loss', () => body({ directLossYuan: -100 }), 'directLossYuan'],
    ['non-integer deaths (1.5)', () => body({ deaths: 1.5 }), 'deaths'],
    ['non-integer minor injuries', () => body({ minorInjuries: 0.1 }), 'minorInjuries'],
    ['non-integer yuan', () => body({ directLossYuan: 100.5 }), 'directLossYuan'],
    ['deaths as a string', () => body({ deaths: '1' }), 'deaths'],
    ['loss as a string', () => body({ directLossYuan: '1000万' }), 'directLossYuan'],
    ['deaths null', () => body({ deaths: null }), 'deaths'],
    ['deaths absurdly large', () => body({ deaths: 1e12 }), 'deaths'],
    ['unknown region 999999', () => body({ regionCode: '999999' }), 'regionCode'],
    ['a province code as region', () => body({ regionCode: '370000' }), 'regionCode'],
    ['a city code as region', () => body({ regionCode: '370300' }), 'regionCode'],
    ['the national code as region', () => body({ regionCode: '000000' }), 'regionCode'],
    ['a malformed region', () => body({ regionCode: '37030' }), 'regionCode'],
    ['unknown accident type 21', () => body({ accidentType: '21' }), 'accidentType'],
    ['unknown accident type 00', () => body({ accidentType: '00' }), 'accidentType'],
    ['accident type as a number', () => body({ accidentType: 1 }), 'accidentType'],
    ['industry C12 (大类 outside 门类 C)', () => body({ industryCode: 'C12' }), 'industryCode'],
    ['industry U', () => body({ industryCode: 'U' }), 'industryCode'],
    ['industry lower case', () => body({ industryCode: 'c26' }), 'industryCode'],
    ['unknown domain', () => body({ domain: 'marine' }), 'domain'],
    ['future occurredAt (1 ms)', () => body({ occurredAt: iso(T0 + 1) }), 'occurredAt'],
    ['future occurredAt (a day)', () => body({ occurredAt: iso(T0 + 86_400_000) }), 'occurredAt'],
    ['occurredAt without offset', () => body({ occurredAt: '2026-11-25T09:00:00' }), 'occurredAt'],
    ['occurredAt not a date', () => body({ occurredAt: '昨天上午' }), 'occurredAt'],
    ['occurredAt missing', () => body({ occurredAt: undefined }), 'occurredAt'],
    // PostgreSQL errors on year 0000 and PGlite rewrites 0001–0099: both must stop at validation.
    ['occurredAt in year 0000', () => body({ occurredAt: '0000-11-25T09:00:00+08:00' }), 'occurredAt'],
    ['occurredAt in year 0099', () => body({ occurredAt: '0099-11-25T09:00:00+08:00' }), 'occurredAt'],
    ['occurredAt before 1949', () => body({ occurredAt: '1948-12-31T23:59:59+08:00' }), 'occurredAt'],
    [
      'receivedAt before occurredAt',
      () => body({ occurredAt: iso(T0 - 3_600_000), receivedAt: iso(T0 - 3_600_001) }),
      'receivedAt',
    ],
    ['receivedAt in the future', () => body({ receivedAt: iso(T0 + 60_000) }), 'receivedAt'],
    ['a 1 MB summary', () => body({ summary: 'x'.repeat(ONE_MB) }), 'summary'],
    ['a 1 MB address', () => body({ address: '路'.repeat(ONE_MB) }), 'address'],
    ['an empty unit name', () => body({ unitName: '' }), 'unitName'],
    ['a blank unit name', () => body({ unitName: '   ' }), 'unitName'],
    ['address missing', () => body({ address: undefined }), 'address'],
    ['a NUL byte in the summary', () => body({ summary: '储罐\u0000爆炸' }), 'summary'],
    ['a bad credit code', () => body({ unitCreditCode: '12345' }), 'unitCreditCode'],
    ['an unknown field', () => body({ casualties: 3 }), 'casualties'],
    ['confirmNotDuplicate as a string', () => body({ confirmNotDuplicate: 'yes' }), 'confirmNotDuplicate'],
  ])('%s', async (_label, make, path) => {
    const before = await counts();
    const res = await duty.post('/api/accidents', make());
    expectBadRequest(res, path);
    expect(await counts()).toEqual(before);
  });

  it.each<[string, string]>([
    ['truncated JSON', '{"occurredAt": "2026-11-25T09:30:00+08:00", "deaths": '],
    ['single quotes', "{'deaths': 1}"],
    ['trailing comma', '{"deaths": 1,}'],
    ['not JSON at all', '事故快报'],
  ])('malformed JSON (%s) → 400 MALFORMED_JSON, nothing written', async (_label, raw) => {
    const before = await counts();
    const res = await duty.post('/api/accidents', raw);
    expectBadRequest(res, 'body', 'MALFORMED_JSON');
    expect(await counts()).toEqual(before);
  });

  it.each<[string, unknown]>([
    ['an array', [1, 2]],
    ['a number', 42],
    ['null', null],
  ])('a JSON body that is %s → 400, never 500', async (_label, value) => {
    const before = await counts();
    const res = await duty.post('/api/accidents', JSON.stringify(value));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.message).toMatch(CHINESE);
    expect(await counts()).toEqual(before);
  });

  it('reports every bad field at once', async () => {
    const res = await duty.post('/api/accidents', body({ deaths: -1, accidentType: '21', domain: 'x' }));
    expect(res.status).toBe(400);
    const paths = res.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['deaths', 'accidentType', 'domain']));
  });

  it('occurredAt exactly now and receivedAt exactly at occurrence are accepted (the boundaries are inclusive)', async () => {
    const res = await duty.post('/api/accidents', body({ occurredAt: iso(T0), receivedAt: iso(T0) }));
    expect(res.status).toBe(201);
  });

  it.each(['k'.repeat(201), 'k\u0000'])(
    'a bad Idempotency-Key (%j) is refused before anything is written',
    async (key) => {
      const before = await counts();
      const res = await duty.post('/api/accidents', body(), { 'idempotency-key': key });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(await counts()).toEqual(before);
    },
  );
});

describe('follow-ups, forward and sign with bad input → 400, no revision', () => {
  it.each<[string, Record<string, unknown>, string]>([
    ['negative deaths', { deaths: -1 }, 'deaths'],
    ['non-integer serious injuries', { seriousInjuries: 2.5 }, 'seriousInjuries'],
    ['deaths as a string', { deaths: '3' }, 'deaths'],
    ['a 1 MB note', { note: 'x'.repeat(ONE_MB) }, 'note'],
    ['a 1 MB summary', { summary: 'x'.repeat(ONE_MB) }, 'summary'],
    ['an unknown field', { grade: 'general' }, 'grade'],
    ['final as a string', { final: 'true' }, 'final'],
    ['an empty unit name', { unitName: '' }, 'unitName'],
  ])('follow-up: %s', async (_label, payload, path) => {
    const before = await counts();
    const res = await duty.post(`/api/accidents/${existing.id}/followups`, payload);
    expectBadRequest(res, path);
    expect(await counts()).toEqual(before);
  });

  it('follow-up: malformed JSON → 400 MALFORMED_JSON', async () => {
    const before = await counts();
    const res = await duty.post(`/api/accidents/${existing.id}/followups`, '{"deaths": 2');
    expectBadRequest(res, 'body', 'MALFORMED_JSON');
    expect(await counts()).toEqual(before);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['an unknown level', { toLevel: 'moon' }, 'toLevel'],
    ['a 1 MB note', { note: 'x'.repeat(ONE_MB) }, 'note'],
    ['an unknown field', { to: 'city' }, 'to'],
  ])('forward: %s', async (_label, payload, path) => {
    const before = await counts();
    const res = await duty.post(`/api/accidents/${existing.id}/forward`, payload);
    expectBadRequest(res, path);
    expect(await counts()).toEqual(before);
    const chain = await duty.get(`/api/accidents/${existing.id}`);
    expect(chain.body.holderLevel).toBe('county');
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a 1 MB note', { note: 'x'.repeat(ONE_MB) }, 'note'],
    ['an unknown field', { signedBy: 'x' }, 'signedBy'],
  ])('sign: %s', async (_label, payload, path) => {
    const before = await counts();
    const res = await duty.post(`/api/accidents/${existing.id}/sign`, payload);
    expectBadRequest(res, path);
    expect(await counts()).toEqual(before);
  });

  it.each([
    ['GET', '/api/accidents/not-a-uuid'],
    ['POST', '/api/accidents/not-a-uuid/followups'],
    ['POST', '/api/accidents/123/forward'],
    ['POST', '/api/accidents/%27%3B%20DROP%20TABLE/sign'],
  ])('%s %s with a malformed id → 400 on id', async (method, url) => {
    const res = method === 'GET' ? await duty.get(url) : await duty.post(url, {});
    expectBadRequest(res, 'id');
  });

  it('an unknown but well-formed id → 404 NOT_FOUND', async () => {
    const id = '01900000-0000-7000-8000-000000000000';
    for (const res of [
      await duty.get(`/api/accidents/${id}`),
      await duty.post(`/api/accidents/${id}/followups`, { deaths: 1 }),
      await duty.post(`/api/accidents/${id}/forward`, {}),
      await duty.post(`/api/accidents/${id}/sign`, {}),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
  });
});

describe('GET /api/accidents with a bad time range → 400 naming the field', () => {
  it.each<[string, string]>([
    ['from', '0000-01-01T00:00:00+08:00'],
    ['from', '0099-01-01T00:00:00+08:00'],
    ['to', '0000-01-01T00:00:00Z'],
    ['to', '0099-12-31T23:59:59+08:00'],
    ['to', '2101-01-01T00:00:00+08:00'],
  ])('%s=%s', async (field, value) => {
    const res = await duty.get(`/api/accidents?${field}=${encodeURIComponent(value)}`);
    expectBadRequest(res, field);
  });
});
