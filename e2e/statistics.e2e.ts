/**
 * Browser test (issue 3, bar 5) on the demo history: a provincial statistician generates a monthly bulletin
 * and downloads the .docx; a provincial leader opens the cockpit and drills from the province to a city and
 * on to a county. Screenshots in e2e/artifacts.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, hasChromium, type Stack, signIn, startStack, UI_TIMEOUT, WALL } from './support.js';

/** The cockpit's breadcrumb, as text. */
async function trail(page: Page): Promise<string> {
  return ((await page.locator('[data-testid=cockpit-trail]').textContent()) ?? '').replace(/\s+/g, '');
}

describe.skipIf(!hasChromium)('statistics in the browser', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ history: true });
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('a statistician generates a monthly bulletin, previews it and downloads the Word document', async () => {
    const ctx = await stack.newContext();
    const page = await ctx.newPage();
    await signIn(page, stack.baseUrl, 'stats.370000');
    await page.goto(`${stack.baseUrl}/bulletins`);
    // Defaults: 月通报 for last month, the user's own region.
    await page.locator('[data-testid=bulletin-generate]').click();
    await page.locator('[data-testid=bulletin-generated]').waitFor({ timeout: UI_TIMEOUT });
    await page.screenshot({ path: join(ARTIFACTS, 'bulletin-generated-1366.png'), fullPage: true });

    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: UI_TIMEOUT }),
      page.locator('[data-testid=bulletin-generated-download]').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/通报.*\.docx$/);
    const file = join(ARTIFACTS, 'bulletin-monthly.docx');
    await download.saveAs(file);
    const bytes = await readFile(file);
    expect(bytes.subarray(0, 2).toString()).toBe('PK'); // a .docx is a zip
    expect(bytes.length).toBeGreaterThan(5_000);

    // The text preview of the newest bulletin opens with the title and the 同比 paragraph.
    await page.locator('[data-testid=bulletin-preview]').first().click();
    const preview = page.locator('[data-testid=bulletin-preview-text]', { hasText: '共发生各类事故' });
    await preview.waitFor({ timeout: UI_TIMEOUT }); // the text loads after the dialog opens
    const text = (await preview.textContent()) ?? '';
    expect(text).toContain('山东省');
    expect(text).toMatch(/共发生各类事故\d+起/);
    await page.screenshot({ path: join(ARTIFACTS, 'bulletin-preview-1366.png') });
    expect(stack.pageErrors).toEqual([]);
    await ctx.close();
  });

  it('a leader opens the cockpit on a wall screen and drills from the province to a county', async () => {
    const ctx = await stack.newContext(WALL);
    const page = await ctx.newPage();
    await signIn(page, stack.baseUrl, 'leader.370000');
    await page.goto(`${stack.baseUrl}/cockpit`);
    await page.locator('[data-testid=tile-370300]').waitFor({ timeout: UI_TIMEOUT });
    await page.locator('[data-testid=chart-month]').waitFor({ timeout: UI_TIMEOUT });
    expect(await trail(page)).toBe('山东省');
    const provinceDeaths = await page.locator('[data-testid=kpi-deaths] .ant-statistic-content').textContent();
    await page.screenshot({ path: join(ARTIFACTS, 'cockpit-province-1920.png') });

    // Province → 淄博市: the tiles are now Zibo's districts and counties.
    await page.locator('[data-testid=tile-370300]').click();
    await page.locator('[data-testid=tile-370303]').waitFor({ timeout: UI_TIMEOUT });
    expect(await trail(page)).toBe('山东省/淄博市');
    expect(new URL(page.url()).searchParams.get('path')).toBe('370000,370300');
    await page.screenshot({ path: join(ARTIFACTS, 'cockpit-city-1920.png') });

    // 淄博市 → 张店区: its towns that hold accidents and 区本级; the figures are the county's own.
    await page.locator('[data-testid=tile-370303]').click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid=cockpit-trail]')?.textContent?.includes('张店区'),
      undefined,
      { timeout: UI_TIMEOUT },
    );
    await page.locator('[data-testid=tile-370303]').waitFor({ timeout: UI_TIMEOUT }); // 区本级
    expect(await page.locator('[data-testid=tile-370303]').textContent()).toContain('区本级');
    const countyDeaths = await page.locator('[data-testid=kpi-deaths] .ant-statistic-content').textContent();
    expect(Number(countyDeaths?.replace(/,/g, ''))).toBeLessThanOrEqual(Number(provinceDeaths?.replace(/,/g, '')));
    await page.screenshot({ path: join(ARTIFACTS, 'cockpit-county-1920.png') });

    // Back up by the breadcrumb.
    await page.locator('[data-testid=cockpit-trail]').getByText('山东省').click();
    await page.locator('[data-testid=tile-370300]').waitFor({ timeout: UI_TIMEOUT });
    expect(stack.pageErrors).toEqual([]);
    await ctx.close();
  });

  it('each feature page brings its own strings, in Chinese and after switching to English', async () => {
    const ctx = await stack.newContext();
    const page = await ctx.newPage();
    await signIn(page, stack.baseUrl, 'stats.370000');
    // A key shown instead of its string: a feature's strings did not arrive with its page.
    const rawKey =
      /\b(cockpit|indicators|bulletins|assessment|licence|registryImport|unlicensed|licenceAlerts|hazard|census)\.[a-zA-Z]/;
    const pages: [string, string, string][] = [
      ['/indicators', '控制指标', 'Control indicators'],
      ['/assessment', '报送考核', 'Reporting assessment'],
      ['/hazards', '重大危险源清单', 'Major hazard register'],
    ];
    for (const [path, zh] of pages) {
      await page.goto(`${stack.baseUrl}${path}`);
      await page.getByText(zh).first().waitFor({ timeout: UI_TIMEOUT });
      expect(await page.locator('body').textContent()).not.toMatch(rawKey);
    }
    // Switching on a feature page re-labels it: the open feature's English strings are fetched too.
    await page.getByText('EN', { exact: true }).first().click();
    await page.getByText('Major hazard register').first().waitFor({ timeout: UI_TIMEOUT });
    for (const [path, , en] of pages) {
      await page.goto(`${stack.baseUrl}${path}`);
      await page.getByText(en).first().waitFor({ timeout: UI_TIMEOUT });
      expect(await page.locator('body').textContent()).not.toMatch(rawKey);
    }
    expect(stack.pageErrors).toEqual([]);
    await ctx.close();
  });

  it('the emergency pages show the demo data in their own strings: plans, resources, incidents, a plan and an incident', async () => {
    const ctx = await stack.newContext();
    const page = await ctx.newPage();
    await signIn(page, stack.baseUrl, 'stats.370000');
    const rawKey = /\b(plans|rescue|incidents)\.[a-zA-Z]/;
    const first = async (api: string) => (await (await page.request.get(`${stack.baseUrl}${api}`)).json()).items[0].id;
    const plan = await first('/api/emergency-plans?pageSize=1');
    const incident = await first('/api/incidents?pageSize=1');
    const pages = [
      '/emergency-plans',
      '/emergency-plans/stats',
      `/emergency-plans/${plan}`,
      '/rescue-resources',
      '/rescue-resources/agreements',
      '/rescue-resources/uncovered',
      '/rescue-resources/stats',
      '/incidents',
      '/incidents/stats',
      `/incidents/${incident}`,
    ];
    for (const path of pages) {
      await page.goto(`${stack.baseUrl}${path}`);
      // Each shows rows of the demo data (a list, a statistics table, a plan's clocks, an incident's log).
      await page.locator('.ant-table-row, .ant-descriptions-item').first().waitFor({ timeout: UI_TIMEOUT });
      expect(await page.locator('body').textContent(), path).not.toMatch(rawKey);
    }
    await page.getByText('EN', { exact: true }).first().click();
    await page.goto(`${stack.baseUrl}/emergency-plans`);
    await page.getByText('Emergency plans').first().waitFor({ timeout: UI_TIMEOUT });
    await page.locator('.ant-table-row').first().waitFor({ timeout: UI_TIMEOUT });
    expect(await page.locator('body').textContent()).not.toMatch(rawKey);
    expect(stack.pageErrors).toEqual([]);
    await ctx.close();
  });
});
