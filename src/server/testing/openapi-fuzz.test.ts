/**
 * Hostile input over every operation of /api/openapi.json (issue 8): for each operation, inputs generated from its
 * own schema — every path and query parameter and every body field replaced in turn by a value of the wrong kind, a
 * lone surrogate, an over-long text, deep nesting; bodies of the wrong media type — are sent as the users that may
 * call it. No answer may be a 5xx, and a refused request (4xx) may not change a row anywhere.
 * Deterministic (no randomness) and bounded: MAX_CASES_PER_OPERATION inputs per operation.
 */

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccident, buildEnterprise, type Client, type TestApp, testApp, testClock } from './harness.js';

type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minimum?: number;
  default?: unknown;
};
interface Parameter {
  in: 'path' | 'query' | 'header';
  name: string;
  schema: JsonSchema;
}
interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  body: JsonSchema | null;
}
interface Case {
  label: string;
  url: string;
  payload?: string | Buffer;
  contentType?: string;
}

/** Users of every role and level, so each operation meets one that passes its permission check. */
const USERS = [
  'duty.370303',
  'duty.370300',
  'stats.370300',
  'inspector.370303',
  'admin.370300',
  'ent.91370303MA3C4B2X1Y',
];
/** Streams never end (SSE); logout would end the fuzzing user's session. Login is fuzzed, but its failures write (they count). */
const SKIP = new Set(['GET /api/events', 'POST /api/auth/logout']);
const WRITES_ON_FAILURE = new Set(['POST /api/auth/login']);
const MAX_CASES_PER_OPERATION = 300;
const NOW = '2026-12-05T10:00:00+08:00';
/**
 * Valid bodies of the busiest writes: a bad value in one field then reaches the database unless the edge stops it
 * (a sample built from the schema alone is refused for its other fields first).
 */
const EXAMPLES: Record<string, unknown> = {
  'POST /api/accidents': buildAccident({}, new Date(NOW)),
  'POST /api/enterprises': buildEnterprise(),
  'POST /api/duty/log': {
    channel: 'phone',
    receivedAt: '2026-12-05T09:00:00+08:00',
    callerName: '李先生',
    content: '来电',
  },
};

const LONE = 'a\ud800b';
const HUGE = '安'.repeat(100_000);
const DEEP = `${'['.repeat(2000)}${']'.repeat(2000)}`;
/** Values of every kind that a field of another kind must refuse. */
const WRONG_VALUES: unknown[] = [
  LONE,
  null,
  -1,
  1e308,
  1.5,
  true,
  {},
  [],
  HUGE,
  '0000-01-01T00:00:00Z',
  "1' OR '1'='1",
  '\u0000',
];
const BAD_PARAMS = [
  '%ED%A0%80',
  '%FF',
  'not-a-uuid',
  '-1',
  '99999999999999999999999',
  encodeURIComponent(HUGE.slice(0, 2000)),
  '..%2F..%2Fetc%2Fpasswd',
  '',
];

function resolve(schema: JsonSchema | undefined, components: Record<string, JsonSchema>): JsonSchema {
  if (!schema) return {};
  if (schema.$ref) return resolve(components[schema.$ref.split('/').pop() as string], components);
  const alt = schema.anyOf ?? schema.oneOf ?? schema.allOf;
  if (alt && !schema.type) return resolve(alt.find((s) => s.type !== 'null') ?? alt[0], components);
  return schema;
}

/** A plausible value of the schema: the base that each mutation changes in one place. */
function sample(schema: JsonSchema, components: Record<string, JsonSchema>, depth = 0): unknown {
  const s = resolve(schema, components);
  if (s.enum?.length) return s.enum[0];
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'object':
      return Object.fromEntries(
        Object.entries(s.properties ?? {}).map(([k, v]) => [k, depth > 4 ? null : sample(v, components, depth + 1)]),
      );
    case 'array':
      return depth > 4 || !s.items ? [] : [sample(s.items, components, depth + 1)];
    case 'integer':
    case 'number':
      return s.minimum ?? 1;
    case 'boolean':
      return true;
    case 'string':
      if (s.format === 'date-time') return '2026-12-05T09:00:00+08:00';
      if (s.format === 'uuid') return '01890000-0000-7000-8000-000000000000';
      if (s.format === 'date') return '2026-12-05';
      return '370303';
    default:
      return 'x';
  }
}

/** Dotted paths of the sample's fields, two levels deep (a substance inside a unit's list is reached too). */
function fieldPaths(value: unknown, prefix: string[] = [], depth = 0): string[][] {
  if (depth > 2 || value === null || typeof value !== 'object') return [];
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  return entries.flatMap(([k, v]) => [[...prefix, k], ...fieldPaths(v, [...prefix, k], depth + 1)]);
}

function withValue(base: unknown, path: string[], value: unknown): unknown {
  const copy = structuredClone(base) as Record<string, unknown>;
  let at = copy;
  for (const k of path.slice(0, -1)) at = at[k] as Record<string, unknown>;
  at[path.at(-1) as string] = value;
  return copy;
}

function urlOf(op: Operation, params: Record<string, string>): string {
  const path = op.path.replace(
    /\{(\w+)\}/g,
    (_, name: string) => params[name] ?? '01890000-0000-7000-8000-000000000000',
  );
  const query = op.parameters
    .filter((p) => p.in === 'query' && params[p.name] !== undefined)
    .map((p) => `${p.name}=${params[p.name]}`);
  return query.length ? `${path}?${query.join('&')}` : path;
}

function casesOf(op: Operation, components: Record<string, JsonSchema>): Case[] {
  const key = `${op.method} ${op.path}`;
  const cases: Case[] = [];
  for (const p of op.parameters.filter((x) => x.in === 'path' || x.in === 'query')) {
    for (const bad of BAD_PARAMS)
      cases.push({ label: `${p.in} ${p.name}=${bad.slice(0, 20)}`, url: urlOf(op, { [p.name]: bad }) });
  }
  const url = urlOf(op, {});
  if (op.method === 'GET' || op.method === 'DELETE') return cases;
  const json = (label: string, value: unknown) => cases.push({ label, url, payload: JSON.stringify(value) });
  for (const whole of [null, [], 0, 'x', LONE]) json(`body=${JSON.stringify(whole)}`, whole);
  cases.push({ label: 'deep nesting', url, payload: DEEP });
  cases.push({ label: 'malformed JSON', url, payload: '{"a":' });
  cases.push({ label: 'invalid UTF-8', url, payload: Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]) });
  cases.push({ label: 'text/plain', url, payload: '{}', contentType: 'text/plain' });
  cases.push({ label: 'form', url, payload: 'a=1', contentType: 'application/x-www-form-urlencoded' });
  cases.push({
    label: 'multipart garbage',
    url,
    payload:
      '--b\r\nContent-Disposition: form-data; name="file"; filename="x.xlsx"\r\n\r\nPK\u0003\u0004garbage\r\n--b--\r\n',
    contentType: 'multipart/form-data; boundary=b',
  });
  if (!op.body) return cases;
  const base = EXAMPLES[key] ?? sample(op.body, components);
  json('unknown field', { ...(base as object), zzUnknown: 1 });
  cases.push({
    label: 'prototype pollution',
    url,
    payload: '{"__proto__":{"admin":true},"constructor":{"prototype":{"admin":true}}}',
  });
  for (const path of fieldPaths(base)) {
    for (const wrong of WRONG_VALUES)
      json(`${path.join('.')}=${String(JSON.stringify(wrong)).slice(0, 20)}`, withValue(base, path, wrong));
  }
  return cases;
}

function operationsOf(doc: {
  paths: Record<
    string,
    Record<string, { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema: JsonSchema }> } }>
  >;
}): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, spec]) => ({
      method: method.toUpperCase(),
      path,
      parameters: spec.parameters ?? [],
      body: spec.requestBody?.content?.['application/json']?.schema ?? null,
    })),
  );
}

/** Rows in every table the API writes (regions are reference data loaded at start-up). */
async function rowTotal(t: TestApp): Promise<number> {
  const tables = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('regions', 'schema_migrations')`.execute(
    t.db.kysely,
  );
  const sum = tables.rows.map((r) => `(SELECT count(*) FROM "${r.name}")`).join(' + ');
  const { rows } = await sql<{ n: number }>`SELECT (${sql.raw(sum)})::int AS n`.execute(t.db.kysely);
  return Number(rows[0]?.n);
}

describe('fuzzing every operation of the OpenAPI document', () => {
  let t: TestApp;
  let clients: Client[];
  let operations: Operation[];
  let components: Record<string, JsonSchema>;
  beforeAll(async () => {
    t = await testApp({ clock: testClock(NOW) });
    clients = [];
    for (const u of USERS) clients.push(await t.as(u));
    const doc = (await t.app.inject('/api/openapi.json')).json();
    components = doc.components?.schemas ?? {};
    operations = operationsOf(doc).filter((op) => !SKIP.has(`${op.method} ${op.path}`));
  });
  afterAll(() => t.close());

  it('covers the whole API', () => {
    expect(operations.length).toBeGreaterThan(60);
  });

  it('never answers 5xx, and a refused request writes nothing', async () => {
    const failures: string[] = [];
    let sent = 0;
    // Rows before the next request: a refusal must leave it as it is; an accepted write moves it.
    let baseline = await rowTotal(t);
    for (const op of operations) {
      const key = `${op.method} ${op.path}`;
      const cases = casesOf(op, components).slice(0, MAX_CASES_PER_OPERATION);
      for (const c of cases) {
        for (const client of clients) {
          const res = await t.app.inject({
            method: op.method as 'GET',
            url: c.url,
            headers: {
              cookie: client.cookie,
              ...(c.payload !== undefined ? { 'content-type': c.contentType ?? 'application/json' } : {}),
            },
            ...(c.payload !== undefined ? { payload: c.payload } : {}),
          });
          sent++;
          if (res.statusCode >= 500) failures.push(`${key} [${c.label}] → ${res.statusCode} ${res.body.slice(0, 200)}`);
          const writes = op.method !== 'GET' || res.statusCode >= 500;
          if (writes) {
            const after = await rowTotal(t);
            const refused = res.statusCode >= 400 && !WRITES_ON_FAILURE.has(key);
            if (refused && after !== baseline) {
              failures.push(`${key} [${c.label}] → ${res.statusCode} but ${after - baseline} rows written`);
            }
            baseline = after;
          }
          // A refusal by role or jurisdiction says nothing about the input: the next user tries it.
          if (res.statusCode !== 401 && res.statusCode !== 403) break;
        }
      }
    }
    console.log(`fuzz: ${sent} requests`);
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(2000);
  }, 600_000);
});
