/**
 * What every browser test shares: the built web app served by the real server on a fresh PGlite database,
 * Debian Chromium with nothing allowed to load from outside our server, and signing in.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { connect, type Db } from '../src/server/db/connection.js';
import { migrate } from '../src/server/db/migrate.js';
import { DEMO_PASSWORD, seedDemo } from '../src/server/db/seed/demo.js';
import { loadRegions } from '../src/server/db/seed/regions.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WEB_DIR = join(ROOT, 'dist', 'web');
export const ARTIFACTS = join(ROOT, 'e2e', 'artifacts');
export const DESKTOP = { width: 1366, height: 768 };
export const WALL = { width: 1920, height: 1080 };
export const PHONE = { width: 390, height: 844 };
export const UI_TIMEOUT = 20_000;

export const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(
    `[e2e] SKIPPED: no Chromium at ${CHROMIUM}. Install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH.`,
  );
}

async function ensureWebBuild(): Promise<void> {
  if (existsSync(join(WEB_DIR, 'index.html'))) return;
  const { build } = await import('vite');
  await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
}

export interface Stack {
  db: Db;
  baseUrl: string;
  /** Errors thrown in any page, Content-Security-Policy violations, and requests that tried to leave our server. */
  pageErrors: string[];
  /** A browser context of its own (cookies), zh-CN in Asia/Shanghai, downloads accepted. */
  newContext(viewport?: { width: number; height: number }): Promise<BrowserContext>;
  close(): Promise<void>;
}

/** The server on a fresh database (migrated, regions, bureaus and users; `history`: the demo accidents). */
export async function startStack(opts: { history: boolean }): Promise<Stack> {
  await ensureWebBuild();
  await mkdir(ARTIFACTS, { recursive: true });
  const dataDir = await mkdtemp(join(tmpdir(), 'anjian-e2e-'));
  const db = await connect({ dataDir });
  await migrate(db);
  await loadRegions(db);
  await seedDemo(db, { history: opts.history });
  const config = { ...loadConfig({}), seedDemo: false, logLevel: 'warn' };
  let app: FastifyInstance | undefined;
  let browser: Browser | undefined;
  try {
    ({ app } = await buildApp({ db, config, webDir: WEB_DIR }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--autoplay-policy=no-user-gesture-required',
        // A microphone that plays a tone, allowed without asking: the inspector's voice memo is recorded in a test.
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
      ],
    });
  } catch (e) {
    await browser?.close();
    await app?.close();
    await db.close();
    throw e;
  }
  const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const pageErrors: string[] = [];
  const running = { app, browser };
  return {
    db,
    baseUrl,
    pageErrors,
    async newContext(viewport = DESKTOP) {
      const ctx = await running.browser.newContext({
        viewport,
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        acceptDownloads: true,
      });
      ctx.on('page', (p) => {
        p.on('pageerror', (e) => pageErrors.push(e.message));
        // Every page runs under the server's Content-Security-Policy: a violation is a failure of any browser test.
        p.on('console', (m) => {
          if (/Content Security Policy/i.test(m.text())) pageErrors.push(`CSP: ${m.text()}`);
        });
      });
      // Nothing may load from the internet: every request must go to our server.
      await ctx.route(
        (url) => url.origin !== baseUrl,
        (route) => {
          pageErrors.push(`external request blocked: ${route.request().url()}`);
          return route.abort();
        },
      );
      return ctx;
    },
    async close() {
      await running.browser.close();
      await running.app.close();
      await db.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs in on the login page and waits until `ready` (a text of the landing page) shows. */
export async function signIn(page: Page, baseUrl: string, username: string, ready = '待办时限'): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(DEMO_PASSWORD);
  await page.locator('button[type=submit]').click();
  await page.getByText(ready).first().waitFor({ timeout: UI_TIMEOUT });
}

/** Close notifications and let messages fade, so screenshots show the page itself. */
export async function dismissToasts(page: Page): Promise<void> {
  await page.evaluate(() => {
    for (const b of document.querySelectorAll<HTMLElement>('.ant-notification-notice-close')) b.click();
  });
  await page.waitForFunction(
    () => document.querySelectorAll('.ant-notification-notice, .ant-message-notice').length === 0,
    undefined,
    { timeout: UI_TIMEOUT },
  );
}
