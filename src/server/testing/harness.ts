/**
 * Test harness: a real app on a real database (a fresh copy of the seeded template), spoken to over
 * HTTP with app.inject. `clock` lets tests move time; `as(username)` signs in a demo user.
 */

import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { creditCodeCheckChar } from '../../domain/credit-code.js';
import { MINUTE_MS } from '../../domain/time.js';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import type { AppContext } from '../context.js';
import { connect, type Db } from '../db/connection.js';
import { DEMO_PASSWORD } from '../db/seed/demo.js';
import { adminUrl } from './template.js';

export interface TestClock {
  now(): Date;
  set(at: Date | string): void;
  advance(ms: number): void;
}

export function testClock(start: Date | string = new Date()): TestClock {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    set: (at) => {
      t = new Date(at).getTime();
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

export async function testDb(): Promise<Db> {
  const template = inject('dbTemplate');
  if (template.engine === 'pglite') {
    const buf = await readFile(template.location);
    return connect({ loadDataDir: new Blob([buf]) });
  }
  const base = process.env.TEST_DATABASE_URL as string;
  const name = `anjian_t_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template.location}`);
  await admin.end();
  const db = await connect({ databaseUrl: adminUrl(base, name), poolSize: 10 });
  const close = db.close;
  db.close = async () => {
    await close();
    const drop = new pg.Client({ connectionString: base });
    await drop.connect();
    await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await drop.end();
  };
  return db;
}

export interface UploadFile {
  name: string;
  data: Buffer;
  /** The form field; default `file`. */
  field?: string;
}

/** A multipart/form-data body: the fields first (as a browser's form sends them), then the file, if any. */
export function multipartBody(
  fields: Record<string, string>,
  file?: UploadFile,
): { payload: Buffer; contentType: string } {
  const boundary = `----anjian${randomUUID().replaceAll('-', '')}`;
  const parts: Buffer[] = Object.entries(fields).map(([name, value]) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
  );
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.name}"\r\n` +
          'Content-Type: application/octet-stream\r\n\r\n',
      ),
      file.data,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

export interface Client {
  cookie: string;
  get(url: string): Promise<Res>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<Res>;
  /** POST multipart/form-data: the fields, then the file. */
  upload(
    url: string,
    fields: Record<string, string>,
    file?: UploadFile,
    headers?: Record<string, string>,
  ): Promise<Res>;
  put(url: string, body?: unknown): Promise<Res>;
  patch(url: string, body?: unknown): Promise<Res>;
  del(url: string): Promise<Res>;
}

export interface Res {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: test responses are inspected field by field
  body: any;
}

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  db: Db;
  clock: TestClock;
  as(username: string, password?: string): Promise<Client>;
  anonymous(): Client;
  close(): Promise<void>;
}

export async function testApp(
  opts: { clock?: TestClock; sessionIdleMinutes?: number; sessionMaxHours?: number } = {},
): Promise<TestApp> {
  const db = await testDb();
  const clock = opts.clock ?? testClock();
  const config = {
    ...loadConfig({}),
    sessionIdleMinutes: opts.sessionIdleMinutes ?? 30,
    sessionMaxHours: opts.sessionMaxHours ?? 12,
  };
  const { app, ctx } = await buildApp({ db, config, now: clock.now, webDir: '/nonexistent' });
  await app.ready();

  const client = (cookie: string): Client => {
    const send = async (
      method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
      url: string,
      body?: unknown,
      headers: Record<string, string> = {},
    ) => {
      const res = await app.inject({
        method,
        url,
        headers: {
          ...(cookie ? { cookie } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        ...(body !== undefined
          ? { payload: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body) }
          : {}),
      });
      let parsed: unknown = res.body;
      try {
        parsed = res.body ? JSON.parse(res.body) : undefined;
      } catch {
        // non-JSON body (SSE, files): keep the text
      }
      return { status: res.statusCode, body: parsed };
    };
    return {
      cookie,
      get: (url) => send('GET', url),
      post: (url, body, headers) => send('POST', url, body, headers),
      upload: (url, fields, file, headers = {}) => {
        const { payload, contentType } = multipartBody(fields, file);
        return send('POST', url, payload, { 'content-type': contentType, ...headers });
      },
      put: (url, body) => send('PUT', url, body),
      patch: (url, body) => send('PATCH', url, body),
      del: (url) => send('DELETE', url),
    };
  };

  return {
    app,
    ctx,
    db,
    clock,
    anonymous: () => client(''),
    async as(username, password = DEMO_PASSWORD) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
      const setCookie = res.headers['set-cookie'];
      const raw = Array.isArray(setCookie) ? setCookie[0] : setCookie;
      return client(String(raw).split(';')[0] as string);
    },
    async close() {
      await app.close();
      await db.close();
    },
  };
}

/** A valid quick report body; override any field. */
export function buildAccident(overrides: Record<string, unknown> = {}, now = new Date()) {
  return {
    occurredAt: new Date(now.getTime() - 30 * MINUTE_MS).toISOString(),
    regionCode: '370303',
    address: '淄博市张店区华光路168号',
    unitName: `测试化工有限公司${randomUUID().slice(0, 6)}`,
    industryCode: 'C26',
    accidentType: '19',
    domain: 'industrial',
    deaths: 0,
    missing: 0,
    seriousInjuries: 0,
    minorInjuries: 1,
    directLossYuan: 100_000,
    summary: '储罐检修作业中发生中毒窒息',
    measuresTaken: '已组织救援，现场封闭',
    reporterName: '张三',
    reporterPhone: '13800000000',
    ...overrides,
  };
}

let creditSeq = 0;

/** A fresh, valid 统一社会信用代码 registered in `county` (GB 32100-2015 check character). */
export function newCreditCode(county = '370303'): string {
  creditSeq += 1;
  // 91 + county (6) + MA = 10 characters; the counter makes it unique in this process, two random digits apart.
  const first17 = `91${county}MA${String(creditSeq).padStart(5, '0')}${String(Math.floor(Math.random() * 100)).padStart(2, '0')}`;
  return `${first17}${creditCodeCheckChar(first17)}`;
}

/** A valid enterprise registration body; override any field. */
export function buildEnterprise(overrides: Record<string, unknown> = {}) {
  return {
    creditCode: newCreditCode(String(overrides.regionCode ?? '370303').slice(0, 6)),
    name: `测试化工有限公司${randomUUID().slice(0, 6)}`,
    regionCode: '370303',
    address: '淄博市张店区华光路168号',
    longitude: 118.03,
    latitude: 36.8,
    industryCode: 'C26',
    sectors: ['hazardous_chemicals'],
    scale: 'small',
    legalRepresentative: '王建国',
    principalName: '王建国',
    principalPhone: '0533-3100000',
    safetyManagerName: '李丽娟',
    safetyManagerPhone: '13905335000',
    employees: 120,
    ...overrides,
  };
}
