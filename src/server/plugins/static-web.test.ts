/**
 * Web delivery over thin links (issue 9 §6): precompressed files by Accept-Encoding, hashed assets immutable for a
 * year, index.html and client-side routes revalidated (no-cache).
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { type TestApp, testApp } from '../testing/harness.js';

const SCRIPT = `console.log(${JSON.stringify('安监'.repeat(2000))});`;
const INDEX = `<!doctype html><html><head><title>安监</title><script type="module" src="/assets/index-AbC123.js"></script></head><body>${' '.repeat(2000)}</body></html>`;

describe('static web delivery', () => {
  let t: TestApp;
  let app: FastifyInstance;
  beforeAll(async () => {
    const webDir = await mkdtemp(join(tmpdir(), 'anjian-web-'));
    await mkdir(join(webDir, 'assets'));
    for (const [name, body] of [
      ['index.html', INDEX],
      ['assets/index-AbC123.js', SCRIPT],
    ] as const) {
      await writeFile(join(webDir, name), body);
      await writeFile(join(webDir, `${name}.br`), brotliCompressSync(body));
      await writeFile(join(webDir, `${name}.gz`), gzipSync(body));
    }
    t = await testApp();
    ({ app } = await buildApp({ db: t.db, config: loadConfig({}), webDir }));
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  const get = (url: string, encoding?: string) =>
    app.inject({ method: 'GET', url, headers: encoding ? { 'accept-encoding': encoding } : {} });

  it('sends brotli, or gzip, or the plain file, as the browser accepts', async () => {
    const br = await get('/assets/index-AbC123.js', 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(SCRIPT);
    expect(br.rawPayload.length).toBeLessThan(Buffer.byteLength(SCRIPT) / 4);
    const gz = await get('/assets/index-AbC123.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(SCRIPT);
    const plain = await get('/assets/index-AbC123.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);
  });

  it('caches hashed assets for a year, immutable; revalidates index.html and client routes', async () => {
    expect((await get('/assets/index-AbC123.js', 'br')).headers['cache-control']).toBe(
      'public, max-age=31536000, immutable',
    );
    for (const url of ['/', '/index.html', '/accidents/new']) {
      const res = await get(url, 'br');
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.headers['content-encoding'], url).toBe('br');
    }
  });

  it('answers an unknown API path with 404 in the API shape, not with the app', async () => {
    const res = await get('/api/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });
});
