/**
 * The edge rules of every request: well-formed text, bounded JSON, security headers, no caching of API answers and
 * no state change from another site. Each case names the attack the black-box review made (issue 8).
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { type Client, type TestApp, testApp, testClock } from '../testing/harness.js';

const NOW = '2026-12-05T10:00:00+08:00';
const logBody = (content: string) => ({ channel: 'phone', receivedAt: '2026-12-05T09:00:00+08:00', content });

async function rowCount(t: TestApp, table: 'duty_log' | 'audit_log'): Promise<number> {
  const { n } = await t.db.kysely
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

describe('edge rules', () => {
  let t: TestApp;
  let duty: Client;
  let cookie: string;
  beforeAll(async () => {
    t = await testApp({ clock: testClock(NOW) });
    duty = await t.as('duty.370303');
    cookie = duty.cookie;
  });
  afterAll(() => t.close());

  const raw = (opts: {
    method?: 'GET' | 'POST' | 'PATCH';
    url: string;
    payload?: string | Buffer;
    headers?: Record<string, string>;
  }) =>
    t.app.inject({
      method: opts.method ?? 'POST',
      url: opts.url,
      payload: opts.payload,
      headers: { cookie, 'content-type': 'application/json', ...opts.headers },
    });

  describe('text', () => {
    it('refuses a lone surrogate in a text field with 400 invalid_text naming the field, and writes nothing', async () => {
      const before = await rowCount(t, 'duty_log');
      const res = await raw({ url: '/api/duty/log', payload: JSON.stringify(logBody('x\ud800y')) });
      expect(res.statusCode).toBe(400);
      const body = res.json();
      expect(body.error.code).toBe('VALIDATION_FAILED');
      expect(body.error.details).toEqual([{ path: 'content', code: 'invalid_text', message: expect.any(String) }]);
      expect(body.error.message).toMatch(/无效字符/);
      expect(await rowCount(t, 'duty_log')).toBe(before);
    });

    it('refuses an escaped lone low surrogate, and one in an object key, naming where it is', async () => {
      const low = await raw({ url: '/api/duty/log', payload: '{"channel":"phone","content":"a\\udc00"}' });
      expect(low.statusCode).toBe(400);
      expect(low.json().error.details[0]).toMatchObject({ path: 'content', code: 'invalid_text' });
      const key = await raw({ url: '/api/duty/log', payload: '{"x\\ud800":1}' });
      expect(key.statusCode).toBe(400);
      expect(key.json().error.details[0]).toMatchObject({ path: 'x\ud800', code: 'invalid_text' });
    });

    it('keeps a well-formed surrogate pair (an emoji or a CJK Extension B character) as it is', async () => {
      const res = await duty.post('/api/duty/log', logBody('来电人姓名𠮷，报告😀'));
      expect(res.status).toBe(201);
      expect(res.body.content).toBe('来电人姓名𠮷，报告😀');
    });

    it('refuses invalid UTF-8 bytes instead of storing U+FFFD', async () => {
      const bytes = Buffer.concat([
        Buffer.from('{"channel":"phone","content":"'),
        Buffer.from([0xff, 0xfe]),
        Buffer.from('"}'),
      ]);
      const res = await raw({ url: '/api/duty/log', payload: bytes });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details[0]).toMatchObject({ path: 'body', code: 'invalid_text' });
    });

    it('refuses badly encoded query values and path segments with 400, naming the field', async () => {
      const q = await raw({ method: 'GET', url: '/api/accidents?q=%FF' });
      expect(q.statusCode).toBe(400);
      expect(q.json().error.details[0]).toMatchObject({ path: 'q', code: 'invalid_text' });
      const surrogate = await raw({ method: 'GET', url: '/api/accidents?q=%ED%A0%80' });
      expect(surrogate.statusCode).toBe(400);
      const path = await raw({ method: 'GET', url: '/api/accidents/%FF' });
      expect(path.statusCode).toBe(400);
      expect(path.json().error.details[0]).toMatchObject({ code: 'invalid_text' });
      expect(path.json().error.message).toMatch(/[\u4e00-\u9fff]/);
      const fine = await raw({ method: 'GET', url: `/api/accidents?q=${encodeURIComponent('化工')}` });
      expect(fine.statusCode).toBe(200);
    });
  });

  describe('JSON bodies', () => {
    it('refuses 5,000 nested brackets with 400 (was: Maximum call stack size exceeded)', async () => {
      const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
      for (const url of ['/api/accidents/import?dryRun=true', '/api/duty/log', '/api/accidents']) {
        const res = await raw({ url, payload: deep });
        expect(res.statusCode, url).toBe(400);
        expect(res.json().error.details[0]).toMatchObject({ path: 'body', code: 'too_deep' });
      }
    });

    it('counts brackets inside strings as text, not nesting', async () => {
      const res = await duty.post('/api/duty/log', logBody(`[[[{{{${'['.repeat(100)}`));
      expect(res.status).toBe(201);
    });

    it('refuses text/plain bodies: only JSON (and multipart on upload routes) is accepted', async () => {
      const res = await raw({
        url: '/api/duty/log',
        payload: JSON.stringify(logBody('纯文本')),
        headers: { 'content-type': 'text/plain' },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details[0].path).toBe('content-type');
    });
  });

  describe('headers', () => {
    it('answers the API with no-store, nosniff, no framing and a strict CSP', async () => {
      const res = await raw({ method: 'GET', url: '/api/duty/now' });
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('same-origin');
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-eval');
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp).not.toContain('upgrade-insecure-requests');
    });

    it('sends no-store on errors and downloads too', async () => {
      const notFound = await raw({ method: 'GET', url: '/api/accidents/01890000-0000-7000-8000-000000000000' });
      expect(notFound.statusCode).toBe(404);
      expect(notFound.headers['cache-control']).toBe('no-store');
    });
  });

  describe('cross-site requests', () => {
    const evil = { origin: 'http://evil.example' };

    it('refuses a JSON write from a foreign Origin with 403 and writes nothing', async () => {
      const before = await rowCount(t, 'duty_log');
      const res = await raw({ url: '/api/duty/log', payload: JSON.stringify(logBody('跨站')), headers: evil });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('CROSS_SITE_REQUEST');
      expect(await rowCount(t, 'duty_log')).toBe(before);
    });

    it('refuses another port of the same host (SameSite=Lax would let it through)', async () => {
      const res = await raw({
        url: '/api/duty/log',
        payload: JSON.stringify(logBody('同主机其他端口')),
        headers: { origin: 'http://localhost:8080' },
      });
      expect(res.statusCode).toBe(403);
    });

    it('refuses a text/plain write and a multipart upload from a foreign Origin with 403', async () => {
      const plain = await raw({
        method: 'POST',
        url: '/api/hazards/units/01890000-0000-7000-8000-000000000000/retire',
        payload: '{"reason":"x"}',
        headers: { ...evil, 'content-type': 'text/plain' },
      });
      expect(plain.statusCode).toBe(403);
      const boundary = '----anjian';
      const multipart = [
        `--${boundary}`,
        'Content-Disposition: form-data; name="file"; filename="a.csv"',
        'Content-Type: text/csv',
        '',
        '事故发生时间,地区代码',
        `--${boundary}--`,
        '',
      ].join('\r\n');
      const upload = await raw({
        url: '/api/accidents/import?dryRun=true',
        payload: multipart,
        headers: { ...evil, 'content-type': `multipart/form-data; boundary=${boundary}` },
      });
      expect(upload.statusCode).toBe(403);
    });

    it('refuses a foreign Referer when there is no Origin, and an Origin of "null"', async () => {
      const referer = await raw({
        url: '/api/duty/log',
        payload: JSON.stringify(logBody('x')),
        headers: { referer: 'http://evil.example/page' },
      });
      expect(referer.statusCode).toBe(403);
      const opaque = await raw({
        url: '/api/duty/log',
        payload: JSON.stringify(logBody('x')),
        headers: { origin: 'null' },
      });
      expect(opaque.statusCode).toBe(403);
    });

    it('accepts the same origin, and programs that send no Origin', async () => {
      const same = await raw({
        url: '/api/duty/log',
        payload: JSON.stringify(logBody('同源')),
        headers: { origin: 'http://localhost:80', referer: 'http://localhost:80/duty' },
      });
      expect(same.statusCode).toBe(201);
      const program = await duty.post('/api/duty/log', logBody('脚本'));
      expect(program.status).toBe(201);
    });

    it('lets reads through whatever the Origin (they change nothing; CORS keeps their answers from the other site)', async () => {
      const res = await raw({ method: 'GET', url: '/api/duty/now', headers: evil });
      expect(res.statusCode).toBe(200);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    });
  });
});

describe('the web app under the same headers', () => {
  it('serves index.html and the SPA routes with the CSP and no framing', async () => {
    const webDir = await mkdtemp(join(tmpdir(), 'anjian-web-'));
    await writeFile(join(webDir, 'index.html'), '<!doctype html><title>安监</title>');
    const t = await testApp();
    const { app } = await buildApp({ db: t.db, config: loadConfig({}), webDir });
    try {
      for (const url of ['/', '/accidents/new']) {
        const res = await app.inject({ method: 'GET', url });
        expect(res.statusCode, url).toBe(200);
        expect(String(res.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
        expect(res.headers['x-frame-options']).toBe('DENY');
      }
    } finally {
      await app.close();
      await t.close();
    }
  });
});
