/**
 * Browser test of 年度监督检查计划 and 双随机、一公开 (issue 10 §1, §5): a city administrator reads the jurisdiction's
 * plans and their progress, adopts next year's plan, runs a draw, 复核 it (一致) and publishes it; an anonymous visitor
 * reads the published draw — enterprises, officers' names and 执法证号, nothing internal; the cockpit shows the
 * 重大事故隐患 by region and the plans' progress. Screenshots in e2e/artifacts.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, hasChromium, type Stack, signIn, startStack, UI_TIMEOUT } from './support.js';

/** A key shown instead of its string: a feature's strings did not arrive with its page. */
const RAW_KEY = /\b(supervision|cockpit|indicators|dangers)\.[a-zA-Z]/;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** The number shown by an antd Statistic under `testId`, once it is a number. */
async function figure(page: Page, testId: string): Promise<number> {
  const value = page.locator(`[data-testid=${testId}] .ant-statistic-content-value`);
  await value.waitFor({ timeout: UI_TIMEOUT });
  await expect.poll(async () => /^\d+$/.test((await value.textContent()) ?? '')).toBe(true);
  return Number(await value.textContent());
}

/**
 * Clicks and waits for the server's answer to the POST it sends (a plan or a draw classes every enterprise of the
 * jurisdiction: slower than a page on a loaded machine); anything but 201 fails with the server's message.
 */
async function expectCreated(page: Page, path: string, click: () => Promise<void>): Promise<void> {
  const answer = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === path, {
    timeout: 90_000,
  });
  await click();
  const res = await answer;
  if (res.status() !== 201) throw new Error(`POST ${path}: ${res.status()} ${await res.text()}`);
}

describe.skipIf(!hasChromium)('supervision plans and 双随机、一公开 in the browser', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ history: true });
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('the city reads its plans and their progress, adopts next year’s, draws, verifies and publishes; the public sees it', async () => {
    const ctx = await stack.newContext();
    const page = await ctx.newPage();
    await signIn(page, stack.baseUrl, 'admin.370300');

    // The menu leads to the plans of this year: the city's own (临淄区's enterprises) and 张店区's.
    await page.locator('.ant-menu').getByText('监督检查计划').click();
    await page.waitForURL(/\/supervision\/plans$/, { timeout: UI_TIMEOUT });
    const table = page.locator('[data-testid=plan-table]');
    await table.locator('.ant-table-row').first().waitFor({ timeout: UI_TIMEOUT });
    const plans = (await table.textContent()) ?? '';
    expect(plans).toContain('淄博市应急管理局');
    expect(plans).toContain('张店区');
    // The roll-up: planned = done + due + overdue, some overdue since January; by region 本级 and 张店区.
    const planned = await figure(page, 'rollup-total-planned');
    const [done, due, overdue] = [
      await figure(page, 'rollup-total-done'),
      await figure(page, 'rollup-total-due'),
      await figure(page, 'rollup-total-overdue'),
    ];
    expect(planned).toBeGreaterThan(0);
    expect(done + due + overdue).toBe(planned);
    const regions = (await page.locator('[data-testid=rollup-regions]').textContent()) ?? '';
    expect(regions).toContain('本级');
    expect(regions).toContain('张店区');
    await page.locator('[data-testid=rollup-chart] canvas').waitFor({ timeout: UI_TIMEOUT });
    expect(await page.locator('#root').textContent()).not.toMatch(RAW_KEY);
    await page.screenshot({ path: join(ARTIFACTS, 'supervision-plans-1366.png'), fullPage: true });

    // One plan: its items with class, month, team with 执法证号 and status.
    await table.getByRole('link', { name: '淄博市应急管理局' }).click();
    await page.waitForURL(/\/supervision\/plans\/[0-9a-f-]{36}$/, { timeout: UI_TIMEOUT });
    const items = page.locator('[data-testid=plan-items]');
    await items.locator('.ant-table-row').first().waitFor({ timeout: UI_TIMEOUT });
    expect(await items.locator('[data-testid=plan-item-status]').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=plan-title]').textContent()).toContain('年度监督检查计划');
    expect((await page.locator('[data-testid=plan-regions]').textContent()) ?? '').toContain('临淄区');

    // Next year's plan: adopted once (the dialog's Idempotency-Key), then shown.
    const next = new Date().getFullYear() + 1;
    await page.goto(`${stack.baseUrl}/supervision/plans?year=${next}`);
    await page.locator('[data-testid=plan-rollup] .ant-alert').waitFor({ timeout: UI_TIMEOUT });
    await page.locator('[data-testid=plan-new]').click();
    await page.locator('[data-testid=plan-form]').waitFor({ timeout: UI_TIMEOUT });
    expect(await page.locator('[data-testid=plan-form] #year').inputValue()).toBe(String(next));
    await expectCreated(page, '/api/supervision-plans', () =>
      page.locator('.ant-modal-footer .ant-btn-primary').click(),
    );
    await page.waitForURL(/\/supervision\/plans\/[0-9a-f-]{36}$/, { timeout: UI_TIMEOUT });
    await page.locator('[data-testid=plan-items] .ant-table-row').first().waitFor({ timeout: UI_TIMEOUT });
    expect(await page.locator('[data-testid=plan-title]').textContent()).toContain(`${next}年`);

    // 双随机: two A-class enterprises, teams of two from the bureau's certified officers.
    await page.goto(`${stack.baseUrl}/supervision/plans`);
    await page.locator('[data-testid=open-draws]').click();
    const form = page.locator('[data-testid=draw-form]');
    await form.waitFor({ timeout: UI_TIMEOUT });
    const subject = '危险化学品企业安全生产双随机抽查（浏览器测试）';
    await page.locator('#subject').fill(subject);
    // The list drawn from: 张店区 (淄博市's own officers inspect 临淄区's enterprises, whom 回避 would keep away).
    const children = page.waitForResponse((r) => {
      const url = new URL(r.url());
      return url.pathname === '/api/regions' && url.searchParams.get('parent') === '370300';
    });
    await form.locator('.ant-cascader').click();
    await page.locator('.ant-cascader-menu-item', { hasText: '淄博市' }).click();
    await children;
    await page.locator('.ant-cascader-menu-item', { hasText: '张店区' }).click();
    await expect.poll(() => form.locator('.ant-cascader').textContent()).toContain('张店区');
    await page.getByText('双随机抽取', { exact: true }).click(); // closes the dropdown
    await form.getByText('A类（重点监管）').click();
    await page.locator('#count').fill('2');
    await expectCreated(page, '/api/supervision-draws', () => page.locator('[data-testid=draw-submit]').click());
    await page.waitForURL(/\/supervision\/draws\?id=[0-9a-f-]{36}$/, { timeout: UI_TIMEOUT });
    const result = page.locator('[data-testid=draw-result]');
    await result.waitFor({ timeout: UI_TIMEOUT });
    expect(((await page.locator('[data-testid=draw-seed]').textContent()) ?? '').length).toBeGreaterThanOrEqual(8);
    const rows = page.locator('[data-testid=draw-items] .ant-table-row');
    expect(await rows.count()).toBe(2);
    const drawn = await rows.evaluateAll((trs) =>
      trs.map((tr) => ({
        enterprise: tr.children[1]?.textContent ?? '',
        officers: [...(tr.children[2]?.querySelectorAll('[data-testid=team-member]') ?? [])].map((s) => ({
          name: s.firstChild?.textContent ?? '',
          cert: s.lastElementChild?.textContent ?? '',
        })),
      })),
    );
    for (const d of drawn) {
      expect(d.officers.length).toBeGreaterThanOrEqual(2);
      for (const o of d.officers) expect(o.cert).toMatch(/^\d{6,}$/);
    }

    // 复核: recomputed from the record alone, identical.
    await page.locator('[data-testid=draw-verify]').click();
    await page.locator('[data-testid=draw-verdict][data-identical=true]').waitFor({ timeout: UI_TIMEOUT });
    expect(await page.locator('[data-testid=draw-verdict]').textContent()).toContain('一致');

    // 公开, after the confirmation.
    await page.locator('[data-testid=draw-publish]').click();
    await page.locator('.ant-popover:not(.ant-popover-hidden) .ant-btn-primary').click();
    await page.locator('[data-testid=draw-published]').waitFor({ timeout: UI_TIMEOUT });
    expect(await page.locator('#root').textContent()).not.toMatch(RAW_KEY);
    const drawId = new URL(page.url()).searchParams.get('id');
    // The list of the city's draws has it, published, and opens it.
    const listed = page.locator('[data-testid=draw-list] .ant-table-row', { hasText: subject });
    await expect.poll(() => listed.textContent(), { timeout: UI_TIMEOUT }).toContain('已公开');
    expect(await listed.textContent()).toContain('2');
    await page.screenshot({ path: join(ARTIFACTS, 'supervision-draw-1366.png'), fullPage: true });

    // An anonymous visitor: the list, then the draw — names and 执法证号, no ids, no seed.
    const anonCtx = await stack.newContext();
    const anon = await anonCtx.newPage();
    await anon.goto(`${stack.baseUrl}/public/draws`);
    const list = anon.locator('[data-testid=public-draws]');
    await list.getByRole('link', { name: subject }).waitFor({ timeout: UI_TIMEOUT });
    expect(anon.url()).toMatch(/\/public\/draws$/);
    const answer = anon.waitForResponse((r) => r.url().endsWith(`/api/public/supervision-draws/${drawId}`));
    await list.getByRole('link', { name: subject }).click();
    const body = (await (await answer).json()) as Record<string, unknown>;
    const shown = anon.locator('[data-testid=public-draw-items]');
    await shown.locator('.ant-table-row').first().waitFor({ timeout: UI_TIMEOUT });
    const text = (await anon.locator('[data-testid=public-draw]').textContent()) ?? '';
    expect(text).toContain(subject);
    for (const d of drawn) {
      expect(text).toContain(d.enterprise);
      // Each officer by name with the 执法证号 beside it.
      for (const o of d.officers) expect(text).toContain(`${o.name}（${o.cert}）`);
    }
    expect(await anon.locator('#root').textContent()).not.toMatch(UUID);
    expect(await anon.locator('#root').textContent()).not.toMatch(RAW_KEY);
    // The API itself gives no ids but the draw's own, no seed and no roster.
    const json = JSON.stringify({ ...body, id: undefined });
    expect(json).not.toMatch(UUID);
    expect(json).not.toMatch(/seed|userId|enterpriseId|roster/);
    await anon.screenshot({ path: join(ARTIFACTS, 'supervision-public-draw-1366.png'), fullPage: true });

    // The cockpit: 重大事故隐患 under 督办 by region, and this year's plan progress.
    await page.goto(`${stack.baseUrl}/cockpit`);
    const dangers = page.locator('[data-testid=cockpit-major-dangers]');
    await dangers.waitFor({ timeout: UI_TIMEOUT });
    expect(await figure(page, 'cockpit-major-dangers-total')).toBeGreaterThan(0);
    expect(await dangers.locator('[data-testid^=cockpit-major-dangers-3703]').count()).toBeGreaterThan(0);
    expect(await dangers.textContent()).toContain('重大事故隐患（按地区）');
    const progress = page.locator('[data-testid=cockpit-plan-progress]');
    expect(await figure(page, 'cockpit-plan-total-planned')).toBe(planned);
    expect(await progress.textContent()).toContain('监督检查计划进度');
    expect((await page.locator('[data-testid=cockpit-plan-regions]').textContent()) ?? '').toContain('张店区');
    expect(await page.locator('#root').textContent()).not.toMatch(RAW_KEY);
    await page.screenshot({ path: join(ARTIFACTS, 'supervision-cockpit-1366.png'), fullPage: true });

    expect(stack.pageErrors).toEqual([]);
    await Promise.all([ctx.close(), anonCtx.close()]);
  });
});
