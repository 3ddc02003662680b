/**
 * Browser test of the hidden-danger loop (issue 10 §3): an inspector records a 重大 danger with its 现场处理措施; the
 * enterprise sees it, files the 治理方案 and reports it fixed; the inspector re-inspects and closes it (销号). The
 * demo register shows every state, overdue rows in red. Screenshots in e2e/artifacts.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, hasChromium, PHONE, type Stack, signIn, startStack, UI_TIMEOUT } from './support.js';

/** Picks the option of an open antd Select by its text. */
async function pick(page: Page, text: string): Promise<void> {
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: text })
    .first()
    .click();
}

async function act(page: Page, action: string, fill: (page: Page) => Promise<void>): Promise<void> {
  await page.locator(`[data-testid=danger-action-${action}]`).click();
  const form = page.locator(`[data-testid=danger-action-form-${action}]`);
  await form.waitFor({ timeout: UI_TIMEOUT });
  await fill(page);
  await page.locator('.ant-modal-footer .ant-btn-primary').click();
  await form.waitFor({ state: 'detached', timeout: UI_TIMEOUT });
}

describe.skipIf(!hasChromium)('hidden dangers in the browser', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ history: true });
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('inspector records a 重大 danger; the enterprise files its plan and reports it fixed; 复查 and 销号 close it', async () => {
    const inspectorCtx = await stack.newContext();
    const inspector = await inspectorCtx.newPage();
    await signIn(inspector, stack.baseUrl, 'inspector.370303');
    await inspector.goto(`${stack.baseUrl}/hidden-dangers`);
    await inspector.locator('[data-testid=danger-table] .ant-table-row').first().waitFor({ timeout: UI_TIMEOUT });
    // The demo register: overdue dangers in red, 重大 ones under 督办.
    expect(await inspector.locator('[data-testid=danger-table] .row-overdue').count()).toBeGreaterThan(0);
    await inspector.screenshot({ path: join(ARTIFACTS, 'danger-register-1366.png'), fullPage: true });

    await inspector.locator('[data-testid=danger-new]').click();
    const form = inspector.locator('[data-testid=danger-form]');
    await form.waitFor({ timeout: UI_TIMEOUT });
    // Selects are searched with fill() (whole words at once) and their choice checked before going on.
    await inspector.locator('#enterpriseId').fill('鑫泰');
    // The list is searched on the server: pick once it shows the search's answer only.
    const options = inspector.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option');
    await expect
      .poll(async () => {
        const names = await options.allTextContents();
        return names.length > 0 && names.every((n) => n.includes('鑫泰'));
      })
      .toBe(true);
    await pick(inspector, '鑫泰');
    await expect.poll(() => form.locator('[data-testid=danger-enterprise]').textContent()).toContain('鑫泰');
    await inspector.locator('#description').fill('液氯储罐区未实现紧急切断功能');
    await form.getByText('重大事故隐患').click();
    await inspector.locator('#standardItem').fill('紧急切断');
    await pick(inspector, '紧急切断');
    await expect.poll(() => form.locator('[data-testid=danger-standard]').textContent()).toContain('紧急切断');
    await inspector.locator('#immediateMeasures').click();
    await pick(inspector, '停止使用相关设施、设备');
    // Close the multiple select's dropdown by clicking elsewhere in the dialog (Escape would close the dialog).
    await inspector.locator('.ant-modal-title').click();
    // fill() sets the whole date at once (typed characters can be cut on a loaded machine).
    await inspector.locator('#deadline').fill('2030-12-31');
    await inspector.keyboard.press('Enter');
    await inspector
      .locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)')
      .waitFor({ state: 'detached', timeout: UI_TIMEOUT });
    await inspector.locator('.ant-modal-footer .ant-btn-primary').click();
    await inspector.waitForURL(/\/hidden-dangers\/[0-9a-f-]{36}$/, { timeout: UI_TIMEOUT }).catch(async (e) => {
      // Say why the dialog did not save: its field errors.
      const errors = await inspector.locator('.ant-form-item-explain-error').allTextContents();
      throw new Error(`${e instanceof Error ? e.message : e}; form errors: ${errors.join(' | ') || 'none'}`);
    });
    const url = inspector.url();
    await inspector.locator('[data-testid=danger-blockers]').waitFor({ timeout: UI_TIMEOUT });
    expect(await inspector.locator('[data-testid=danger-status]').getAttribute('data-status')).toBe('rectifying');
    // The order and the decision on on-site measures, numbered for the bureau.
    const docs = (await inspector.locator('[data-testid=danger-documents]').textContent()) ?? '';
    expect(docs).toMatch(/责令限期整改指令书（淄张）应急责改〔\d{4}〕\d+号/);
    expect(docs).toMatch(/现场处理措施决定书（淄张）应急现决〔\d{4}〕\d+号/);
    const clocks = (await inspector.locator('[data-testid=danger-clocks]').textContent()) ?? '';
    expect(clocks).toContain('2030-12-31');
    expect(clocks).toContain('剩余');

    // The enterprise sees it among its own, files the 治理方案 and reports it fixed.
    const entCtx = await stack.newContext(PHONE);
    const ent = await entCtx.newPage();
    await signIn(ent, stack.baseUrl, 'ent.91370303MA3C4B2X1Y', '事故报告电话');
    await ent.goto(url);
    await ent.locator('[data-testid=danger-title]').waitFor({ timeout: UI_TIMEOUT });
    await act(ent, 'plan', async (p) => {
      for (const id of ['goals', 'methods', 'funds', 'organisation', 'timeLimit', 'safetyMeasures']) {
        await p.locator(`#${id}`).fill(`${id}：按期完成`);
      }
    });
    await act(ent, 'completion', async (p) => {
      await p.locator('#note').fill('已加装气动紧急切断阀并投用');
      await p.locator('#evidence').fill('安装验收单\n现场照片');
    });
    await ent.locator('[data-testid=danger-status][data-status=awaiting_recheck]').waitFor({ timeout: UI_TIMEOUT });
    expect(await ent.locator('[data-testid=danger-action-recheck]').count()).toBe(0); // the bureau's
    await ent.screenshot({ path: join(ARTIFACTS, 'danger-enterprise-390.png'), fullPage: true });

    // The inspector re-inspects and closes it.
    await inspector.reload();
    await act(inspector, 'recheck', async (p) => {
      await p.locator('#note').fill('切断阀动作正常，复查合格');
    });
    await act(inspector, 'close', async (p) => {
      await p.locator('#note').fill('同意销号');
    });
    await inspector.locator('[data-testid=danger-status][data-status=closed]').waitFor({ timeout: UI_TIMEOUT });
    const history = (await inspector.locator('[data-testid=danger-history]').textContent()) ?? '';
    for (const step of ['登记隐患', '提交治理方案', '报告整改完成', '整改复查', '销号'])
      expect(history).toContain(step);
    await inspector.screenshot({ path: join(ARTIFACTS, 'danger-closed-1366.png'), fullPage: true });
    expect(stack.pageErrors).toEqual([]);
    await Promise.all([inspectorCtx.close(), entCtx.close()]);
  });

  it('the workbench counts the overdue dangers; the statistics add up and download as .xlsx', async () => {
    const ctx = await stack.newContext();
    const page = await ctx.newPage();
    await signIn(page, stack.baseUrl, 'leader.370300');
    const overdue = page.locator('[data-testid=danger-alerts-overdue] .ant-statistic-content-value');
    await overdue.waitFor({ timeout: UI_TIMEOUT });
    await page.waitForFunction(
      () =>
        Number(
          document.querySelector('[data-testid=danger-alerts-overdue] .ant-statistic-content-value')?.textContent,
        ) > 0,
      undefined,
      { timeout: UI_TIMEOUT },
    );
    const count = Number(await overdue.textContent());
    await page.locator('[data-testid=danger-alerts-overdue]').click();
    await page.waitForURL(/status=overdue/, { timeout: UI_TIMEOUT });
    await page.locator('[data-testid=danger-table] .ant-table-row').first().waitFor({ timeout: UI_TIMEOUT });
    expect(await page.locator('[data-testid=danger-table] .row-overdue').count()).toBe(Math.min(count, 20));

    await page.goto(`${stack.baseUrl}/hidden-dangers/stats`);
    const table = page.locator('[data-testid=danger-stats]');
    await table
      .locator('tbody tr.ant-table-row')
      .last()
      .getByText('合计', { exact: true })
      .waitFor({ timeout: UI_TIMEOUT });
    const rows = await table
      .locator('tbody tr.ant-table-row')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    const total = rows.at(-1) ?? [];
    const body = rows.slice(0, -1);
    // 地区, then 检查次数, 检查企业, 下达指令书, then found, 一般, 重大: each 合计 is the sum of the counties'.
    for (const col of [1, 2, 3, 4, 5, 6]) {
      expect(body.reduce((a, r) => a + Number(r[col]), 0)).toBe(Number(total[col]));
    }
    expect(Number(total[3])).toBeGreaterThan(0); // the demo's orders
    expect(Number(total[5]) + Number(total[6])).toBe(Number(total[4]));
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: UI_TIMEOUT }),
      page.locator('[data-testid=danger-stats-xlsx]').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/隐患排查治理统计.*\.xlsx$/);
    expect(stack.pageErrors).toEqual([]);
    await ctx.close();
  });
});
