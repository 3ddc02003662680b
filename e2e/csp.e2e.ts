/**
 * Browser test (issue 8, bar 3): the app loads and works under the server's Content-Security-Policy — the login,
 * the 工作台, the cockpit's ECharts canvas, an .xlsx report table download — with no violation reported; an inline
 * script injected into the page is refused (the policy is really enforced), and no other site can frame the app.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, type Stack, signIn, startStack, UI_TIMEOUT } from './support.js';

/** Violations the page itself saw (securitypolicyviolation events), collected from before the first script runs. */
async function watchViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`),
    );
  });
}
const violations = (page: Page) => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);

describe.skipIf(!hasChromium)('the web app under the Content-Security-Policy', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ history: true });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('signs in, draws charts and downloads a report table with no violation', async () => {
    const ctx = await stack.newContext();
    const page = await ctx.newPage();
    await watchViolations(page);
    const first = await page.goto(`${stack.baseUrl}/login`);
    const csp = first?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");

    await signIn(page, stack.baseUrl, 'stats.370000');
    await page.goto(`${stack.baseUrl}/cockpit`);
    await page.locator('canvas').first().waitFor({ timeout: UI_TIMEOUT });
    expect(await page.locator('canvas').count()).toBeGreaterThan(0);

    await page.goto(`${stack.baseUrl}/reports`);
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: UI_TIMEOUT }),
      page.locator('[data-testid=report-export-xlsx]').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(await violations(page)).toEqual([]);
    expect(stack.pageErrors).toEqual([]);
    await ctx.close();
  });

  it('refuses an injected inline script and a frame of the app', async () => {
    const ctx = await stack.newContext();
    const page = await ctx.newPage();
    await watchViolations(page);
    await page.goto(`${stack.baseUrl}/login`);
    const ran = await page.evaluate(async () => {
      const s = document.createElement('script');
      s.textContent = 'window.__inlineRan = true';
      document.body.append(s);
      await new Promise((r) => setTimeout(r, 50));
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
    });
    expect(ran).toBe(false);
    expect((await violations(page)).some((v) => v.startsWith('script-src'))).toBe(true);

    // A page that frames the app (about:blank shares no origin with it): the frame stays empty.
    const framed = await ctx.newPage();
    await framed.setContent(`<iframe id="f" src="${stack.baseUrl}/login"></iframe>`);
    await framed.waitForTimeout(1000);
    const frame = framed.frames().find((f) => f.url().startsWith(stack.baseUrl));
    const loaded = frame
      ? await frame
          .locator('#username')
          .count()
          .catch(() => 0)
      : 0;
    expect(loaded).toBe(0);
    stack.pageErrors.length = 0; // the refused script and frame are reported as CSP errors on purpose
    await ctx.close();
  });
});
