/**
 * The built web app (dist/web), for links of a few Mbit/s: files are sent precompressed (.br or .gz written at build
 * time, vite.config.ts) when the browser accepts it; hashed assets under /assets/ never change and are cached for a
 * year (`immutable`); index.html — served for every client-side route — is revalidated on each visit (`no-cache`),
 * so a new release is picked up at once.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.js';

const HASHED_ASSET = /[\\/]assets[\\/]/;
const YEAR_S = 365 * 24 * 3600;

export async function serveWeb(app: FastifyInstance, webDir: string): Promise<void> {
  const hasWeb = existsSync(join(webDir, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webDir,
      wildcard: false,
      preCompressed: true,
      cacheControl: false,
      setHeaders: (res, path) => {
        res.setHeader('cache-control', HASHED_ASSET.test(path) ? `public, max-age=${YEAR_S}, immutable` : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((req, reply) => {
    if (!req.url.startsWith('/api/') && hasWeb && req.method === 'GET') {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return reply
      .code(404)
      .send(new AppError('NOT_FOUND', [{ path: req.url, code: 'no_route', message: '接口不存在' }]).toBody());
  });
}
