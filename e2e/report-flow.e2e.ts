/**
 * Browser test (issue bar 6): the built web app served by the real server on a fresh database, driven in
 * Debian Chromium. A county duty officer files a 较大 report and forwards it; a city duty officer, signed
 * in elsewhere, sees it arrive live, signs and forwards it; the detail page shows the chain.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ARTIFACTS,
  dismissToasts,
  hasChromium,
  PHONE,
  type Stack,
  signIn as signInAt,
  startStack,
  UI_TIMEOUT,
} from './support.js';

async function signIn(page: Page, baseUrl: string, username: string): Promise<void> {
  await signInAt(page, baseUrl, username);
  // The live feed is connected before anything happens elsewhere.
  await page.locator('[data-testid=live-dot][data-connected=true]').waitFor({ timeout: UI_TIMEOUT });
}

/** antd Select with search: open, type, take the highlighted option. */
async function choose(page: Page, id: string, search: string): Promise<void> {
  await page.locator(`#${id}`).click();
  await page.locator(`#${id}`).fill(search);
  // :visible — a closed dropdown of an earlier select keeps its (hidden) highlighted option in the page.
  await page.locator('.ant-select-item-option-active:visible').first().waitFor({ timeout: UI_TIMEOUT });
  await page.keyboard.press('Enter');
}

/** The visible text of a chain level's step, and its deadline status. */
async function chainStatus(page: Page, level: string): Promise<string | null> {
  return page.locator(`[data-testid=chain-${level}]`).getAttribute('data-status');
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** "YYYY-MM-DD HH:mm" in China Standard Time (the browsers run in Asia/Shanghai). */
function cstMinutes(date: Date): string {
  const d = new Date(date.getTime() + 8 * 3_600_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

describe.skipIf(!hasChromium)('report flow in the browser', () => {
  let stack: Stack;
  let baseUrl: string;
  let countyCtx: BrowserContext;
  let cityCtx: BrowserContext;
  let pageErrors: string[];

  beforeAll(async () => {
    stack = await startStack({ history: false });
    ({ baseUrl, pageErrors } = stack);
    countyCtx = await stack.newContext();
    cityCtx = await stack.newContext();
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('county files and forwards; city sees it live, signs and forwards; the chain shows it', async () => {
    const city = await cityCtx.newPage();
    await signIn(city, baseUrl, 'duty.370300');

    const county = await countyCtx.newPage();
    await signIn(county, baseUrl, 'duty.370303');

    // ——— County: file a 较大 accident (3 deaths → the chain goes up to the province).
    const unitName = '淄博鑫泰化工有限公司';
    await county.goto(`${baseUrl}/accidents/new`);
    await county.getByText('事故等级预判').waitFor({ timeout: UI_TIMEOUT });
    for (const label of ['事故发生时间', '接报时间', '事故发生单位', '统一社会信用代码', '行业类别', '事故类别']) {
      await county.getByText(label, { exact: true }).first().waitFor();
    }
    for (const label of ['死亡人数', '失踪人数（下落不明）', '重伤人数（含急性工业中毒）', '直接经济损失（元）']) {
      await county.getByText(label, { exact: true }).first().waitFor();
    }
    const occurred = new Date(Date.now() - 40 * 60_000);
    await county.locator('#occurredAt').click();
    await county.locator('#occurredAt').fill(cstMinutes(occurred));
    await county.keyboard.press('Enter');
    await county.locator('#address').fill('淄博市张店区华光路168号');
    // No registry in this stack: the unit is typed in (the look-up is tested in registry.e2e.ts).
    await county.locator('#unitName').fill(unitName);
    await county.locator('#unitCreditCode').fill('91370303MA3C4B2X1Y');
    await choose(county, 'industryCode', 'C26');
    await choose(county, 'accidentType', '中毒');
    await county.locator('#deaths').fill('3');
    await county.locator('#seriousInjuries').fill('2');
    await county.locator('#directLossYuan').fill('3500000');
    await county.locator('#summary').fill('反应釜检修作业时发生有毒气体泄漏，造成3人死亡、2人重伤。');
    await county.locator('#measuresTaken').fill('已疏散周边人员，关闭相关阀门，伤员送医救治。');
    await county.locator('#reporterName').fill('王建国');
    await county.locator('#reporterPhone').fill('0533-2100740');

    // The live grade preview follows the figures.
    const preview = county.locator('[data-testid=grade-preview]');
    await preview.getByText('较大事故').waitFor({ timeout: UI_TIMEOUT });
    expect(await preview.textContent()).toContain('省级');
    await county.screenshot({ path: join(ARTIFACTS, 'county-new-report-1366.png'), fullPage: true });

    await county.locator('[data-testid=submit]').click();
    await county.waitForURL(/\/accidents\/[0-9a-f-]{36}$/, { timeout: UI_TIMEOUT });
    await county.locator('[data-testid=detail-title]').getByText(unitName).waitFor();
    await county.locator('.no-print').getByText('较大事故').first().waitFor();
    const accidentUrl = county.url();
    // The county filed it itself: nothing to 签收 there (only a level that received it from below signs).
    await county.locator('[data-testid=forward]').waitFor({ timeout: UI_TIMEOUT });
    expect(await county.locator('[data-testid=sign]').count()).toBe(0);

    // 打印快报单: printed, the page is the 快报单 alone (no menu, no chain card), and Chromium makes it an A4 PDF.
    await county.emulateMedia({ media: 'print' });
    const sheet = county.locator('[data-testid=quick-report-sheet]');
    await sheet.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
    expect(await sheet.textContent()).toContain('生产安全事故快报单');
    expect(await sheet.textContent()).toContain(unitName);
    expect(await county.locator('[data-testid=chain-card]').isVisible()).toBe(false);
    expect(await county.locator('.ant-layout-sider').first().isVisible()).toBe(false);
    const pdf = await county.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    await writeFile(join(ARTIFACTS, 'quick-report-sheet.pdf'), pdf);
    await county.emulateMedia({ media: 'screen' });

    // ——— City: the new report arrives live, without a reload — a 较大 one as an alarm that stays until acknowledged,
    // and as an unread alert.
    const alarm = city.locator('.ant-notification').getByText('较大事故报告');
    await alarm.first().waitFor({ timeout: UI_TIMEOUT });
    await city.locator('[data-testid=live-feed]').getByText(unitName).first().waitFor({ timeout: UI_TIMEOUT });
    expect(Number(await city.locator('[data-testid=unread-badge]').getAttribute('data-count'))).toBeGreaterThan(0);
    await city.waitForTimeout(9_000); // longer than an ordinary notification stays
    expect(await alarm.count()).toBe(1);
    await city.locator('[data-testid=alarm-ack]').click();
    await alarm.first().waitFor({ state: 'detached', timeout: UI_TIMEOUT });
    // The county filed it: its own act is in its feed, but it is not alarmed by it.
    expect(await county.locator('.ant-notification').getByText('较大事故报告').count()).toBe(0);
    expect(await county.locator('[data-testid=unread-badge]').getAttribute('data-count')).toBe('0');

    // ——— County forwards to the city.
    await county.locator('[data-testid=forward]').click();
    await county.locator('.ant-modal').getByText('上报至').waitFor();
    await county.locator('.ant-modal-footer .ant-btn-primary').click();
    await county.getByText('已上报至市级').first().waitFor({ timeout: UI_TIMEOUT });

    // Forwarded to the city: the city's turn — the alarm sounds again.
    await alarm.first().waitFor({ timeout: UI_TIMEOUT });
    await city.screenshot({ path: join(ARTIFACTS, 'city-dashboard-live-1366.png') });
    await city.locator('[data-testid=alarm-ack]').click();

    // ——— City opens it from the live feed, signs and forwards it.
    await city.locator('[data-testid=live-feed]').getByText(unitName).first().click();
    await city.waitForURL(accidentUrl, { timeout: UI_TIMEOUT });
    await city.locator('[data-testid=sign]').waitFor({ timeout: UI_TIMEOUT });
    await city.locator('[data-testid=sign]').click();
    await city.getByText('确认本级已收到该报告并签收？').waitFor();
    await city.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
    await city.getByText('已签收').first().waitFor({ timeout: UI_TIMEOUT });
    await city.locator('[data-testid=sign]').waitFor({ state: 'detached', timeout: UI_TIMEOUT });

    await city.locator('[data-testid=forward]').click();
    await city.locator('.ant-modal').getByText('省级').first().waitFor();
    await city.locator('.ant-modal-footer .ant-btn-primary').click();
    await city.getByText('已上报至省级').first().waitFor({ timeout: UI_TIMEOUT });

    // ——— The chain: county done, city done, province pending (with a running countdown).
    await city.waitForFunction(
      () => document.querySelector('[data-testid=chain-province]')?.getAttribute('data-status') === 'pending',
      undefined,
      { timeout: UI_TIMEOUT },
    );
    expect(await chainStatus(city, 'county')).toBe('done');
    expect(await chainStatus(city, 'city')).toBe('done');
    expect(await chainStatus(city, 'province')).toBe('pending');
    const chainText = (await city.locator('[data-testid=chain-card]').textContent()) ?? '';
    for (const text of ['县级', '市级', '省级', '已完成', '待办', '应报层级', '当前所在', '剩余']) {
      expect(chainText).toContain(text);
    }
    expect(await city.locator('[data-testid=revisions]').textContent()).toContain('快报');

    // The county's own page follows live as well.
    await county.waitForFunction(
      () => document.querySelector('[data-testid=chain-province]')?.getAttribute('data-status') === 'pending',
      undefined,
      { timeout: UI_TIMEOUT },
    );

    await dismissToasts(city);
    await city.screenshot({ path: join(ARTIFACTS, 'detail-1366x768.png') });
    await city.screenshot({ path: join(ARTIFACTS, 'detail-1366-full.png'), fullPage: true });
    await city.setViewportSize(PHONE);
    await city.locator('[data-testid=chain-card]').getByText('省级').first().waitFor();
    await city.evaluate(() => window.scrollTo(0, 0));
    await city.screenshot({ path: join(ARTIFACTS, 'detail-390x844.png') });
    await city.screenshot({ path: join(ARTIFACTS, 'detail-390-full.png'), fullPage: true });

    expect(pageErrors).toEqual([]);
  });

  it('转为快报 carries the caller over: unit, name, phone and what was said', async () => {
    const page = await countyCtx.newPage();
    await page.goto(`${baseUrl}/`);
    const logged = await page.request.post(`${baseUrl}/api/duty/log`, {
      data: {
        channel: 'phone',
        receivedAt: new Date(Date.now() - 5 * 60_000).toISOString(),
        callerName: '李安全',
        callerPhone: '13905330000',
        callerUnit: '淄博华联化工有限公司',
        content: '厂区罐区发生火灾，1人受伤，正在扑救',
        accidentRegionCode: '370303',
      },
    });
    expect(logged.status()).toBe(201);
    await page.goto(`${baseUrl}/duty?tab=log`);
    await page.getByText('李安全').first().waitFor({ timeout: UI_TIMEOUT });
    await page.getByRole('button', { name: '转为快报' }).first().click();
    await page.waitForURL(/\/accidents\/new\?/, { timeout: UI_TIMEOUT });
    await page.locator('#unitName').waitFor({ timeout: UI_TIMEOUT });
    expect(await page.locator('#unitName').inputValue()).toBe('淄博华联化工有限公司');
    expect(await page.locator('#reporterName').inputValue()).toBe('李安全');
    expect(await page.locator('#reporterPhone').inputValue()).toBe('13905330000');
    expect(await page.locator('#summary').inputValue()).toBe('厂区罐区发生火灾，1人受伤，正在扑救');
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('an administrator disables an account in 用户管理, and changes its own password from the header', async () => {
    const ctx = await stack.newContext();
    const page = await ctx.newPage();
    await signIn(page, baseUrl, 'admin.370300');
    await page.getByRole('menuitem', { name: '用户管理' }).click();
    const table = page.locator('[data-testid=users-table]');
    await table.getByText('admin.370300').first().waitFor({ timeout: UI_TIMEOUT });
    await page.locator('input[placeholder="用户名或姓名"]').fill('inspector.370306');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=disable-inspector\\.370306]').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await table.getByText('已停用').waitFor({ timeout: UI_TIMEOUT });
    const refused = await page.request.post(`${baseUrl}/api/auth/login`, {
      data: { username: 'inspector.370306', password: 'Anjian@2026' },
    });
    expect(refused.status()).toBe(401);

    await page.locator('[data-testid=change-password]').click();
    await page.locator('#current-password').fill('Anjian@2026');
    await page.locator('#new-password').fill('Zibo2026admin');
    await page.locator('#confirm-password').fill('Zibo2026admin');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.getByText('密码已修改').waitFor({ timeout: UI_TIMEOUT });
    const again = await page.request.post(`${baseUrl}/api/auth/login`, {
      data: { username: 'admin.370300', password: 'Zibo2026admin' },
    });
    expect(again.status()).toBe(200);
    expect(pageErrors).toEqual([]);
    await ctx.close();
  });
});
