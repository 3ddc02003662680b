/**
 * Browser test (issue 4, bar 5) on the demo registry: an enterprise user opens its own card and adds a storage unit
 * with 60 t of 液氨 and 100 people within 500 m through the unit form — the live preview and the saved unit say
 * 三级 (q/Q = 60/10 = 6, β = 2 from Table 3, α = 2.0 from Table 5, R = 24); the county inspector then sees the new
 * 重大危险源 with its grade in the register and the enterprise's point with grade 3 on the schematic map; then bulk-
 * imports enterprises from a CSV (two good rows, one with a wrong check character) and reads the census progress.
 * Screenshots in e2e/artifacts (registry-*.png).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREDIT_CODE_CHARSET, creditCodeCheckChar } from '../src/domain/credit-code.js';
import { ENTERPRISE_COLUMNS } from '../src/server/modules/registry-import/columns.js';
import { ARTIFACTS, dismissToasts, hasChromium, type Stack, signIn, startStack, UI_TIMEOUT, WALL } from './support.js';

const ENTERPRISE_USER = 'ent.91370303MA3C4B2X1Y';
const INSPECTOR = 'inspector.370303';
const UNIT_NAME = '2号液氨储罐区';

/** A credit code of 张店区 with its check character (GB 32100-2015), or a wrong one. */
function creditCode(n: number, valid = true): string {
  const first17 = `91370303MA3TE2E0${n}`;
  const check = creditCodeCheckChar(first17) ?? '0';
  if (valid) return `${first17}${check}`;
  const wrong = CREDIT_CODE_CHARSET[(CREDIT_CODE_CHARSET.indexOf(check) + 1) % CREDIT_CODE_CHARSET.length];
  return `${first17}${wrong}`;
}

/** The template's 企业 sheet as a CSV (UTF-8 with BOM), one line per row of field values. */
function enterpriseCsv(rows: Record<string, string>[]): Buffer {
  const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  const lines = [
    ENTERPRISE_COLUMNS.map((c) => cell(c.header)).join(','),
    ...rows.map((r) => ENTERPRISE_COLUMNS.map((c) => cell(r[c.field] ?? '')).join(',')),
  ];
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

/** Until nothing loads and no transition runs (drawers slide, panels unfold): a screenshot shows the settled page. */
async function settle(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      !document.querySelector('.ant-spin-spinning') &&
      // Endless ones (a status dot's pulse) never settle.
      document
        .getAnimations()
        .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Number.POSITIVE_INFINITY),
    undefined,
    { timeout: UI_TIMEOUT },
  );
}

/** The row of the table `testId` that contains `text`. */
function rowWith(page: Page, testId: string, text: string) {
  return page.locator(`[data-testid=${testId}] tr.ant-table-row`).filter({ hasText: text });
}

describe.skipIf(!hasChromium)('enterprise registry and major hazards in the browser', () => {
  let stack: Stack;
  /** Filled by the first test: the enterprise the unit was added to. */
  const enterprise = { id: '', name: '' };

  beforeAll(async () => {
    stack = await startStack({ history: true });
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('an enterprise user adds a storage unit of 60 t 液氨 with 100 people within 500 m: 三级', async () => {
    const ctx = await stack.newContext();
    const page = await ctx.newPage();
    await signIn(page, stack.baseUrl, ENTERPRISE_USER);

    // 本单位档案 goes straight to the enterprise's own card.
    await page.getByRole('menuitem', { name: '本单位档案' }).click();
    await page.locator('[data-testid=enterprise-title]').waitFor({ timeout: UI_TIMEOUT });
    await page.waitForURL(/\/enterprises\/[0-9a-f-]{36}$/, { timeout: UI_TIMEOUT });
    enterprise.id = new URL(page.url()).pathname.split('/').pop() ?? '';
    enterprise.name = (await page.locator('[data-testid=enterprise-title]').textContent()) ?? '';
    expect(await page.locator('[data-testid=credit-code]').textContent()).toBe('91370303MA3C4B2X1Y');
    await page.locator('[data-testid=units-table] tr.ant-table-row').first().waitFor({ timeout: UI_TIMEOUT });
    // An enterprise user may not move itself or change its status: those fields are not offered.
    await page.locator('[data-testid=enterprise-edit]').click();
    await page.locator('[data-testid=enterprise-form]').waitFor({ timeout: UI_TIMEOUT });
    expect(await page.locator('[data-testid=enterprise-form] #regionCode').count()).toBe(0);
    expect(await page.locator('[data-testid=enterprise-form] #status').count()).toBe(0);
    await page.locator('.ant-modal-footer .ant-btn').first().click(); // 取消
    await page.locator('[data-testid=enterprise-form]').waitFor({ state: 'detached', timeout: UI_TIMEOUT });
    await settle(page);
    await page.screenshot({ path: join(ARTIFACTS, 'registry-enterprise-card-1366.png'), fullPage: true });

    // ——— 新增单元 through the form.
    await page.locator('[data-testid=unit-new]').click();
    const form = page.locator('[data-testid=unit-form]');
    await form.waitFor({ timeout: UI_TIMEOUT });
    await form.getByText('储存单元', { exact: true }).click();
    await page.locator('#unitName').fill(UNIT_NAME);
    await page.locator('#exposedPeople').fill('100');
    const name = page.locator('#substances_0_name');
    await name.click();
    await name.fill('液');
    // The autocomplete offers the Table-1 names and aliases: 液氨 (an alias of row 1, 氨).
    const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: /^液氨/ });
    await option.first().click({ timeout: UI_TIMEOUT });
    expect(await name.inputValue()).toBe('液氨');
    await page.locator('#substances_0_quantityT').fill('60');
    // What the row resolves to, before the server answers: Table 1 row 1, β from Table 3.
    await expect
      .poll(() => form.locator('[data-testid=substance-hint]').first().textContent(), { timeout: UI_TIMEOUT })
      .toContain('表1第1号');

    // The live preview (the server's engine): 三级, S = 6, R = 24.
    const preview = page.locator('[data-testid=evaluation-preview] [data-testid=evaluation-result][data-grade="3"]');
    await preview.waitFor({ timeout: UI_TIMEOUT });
    expect(await preview.textContent()).toContain('三级');
    expect(await preview.textContent()).toContain('S = 6');
    expect(await preview.textContent()).toContain('R = 24');
    await page.getByText('查看计算过程').click();
    const steps = page.locator('[data-testid=evaluation-preview] [data-testid=evaluation-steps]');
    await steps.waitFor({ timeout: UI_TIMEOUT });
    expect(await steps.locator('[data-testid=step-s]').textContent()).toContain('S = 60/10 = 6');
    expect(await steps.locator('[data-testid=step-alpha]').textContent()).toContain('α = 2.0');
    expect(await steps.locator('[data-testid=step-r]').textContent()).toContain('2.0 × (2 × 6) = 24');
    expect(await steps.locator('[data-testid=step-grade]').getAttribute('data-grade')).toBe('3');
    await steps.locator('[data-testid=step-grade]').scrollIntoViewIfNeeded();
    await settle(page);
    await page.screenshot({ path: join(ARTIFACTS, 'registry-unit-form-1366.png') });

    // ——— Save: the unit is on the card with 三级.
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await form.waitFor({ state: 'detached', timeout: UI_TIMEOUT });
    const row = rowWith(page, 'units-table', UNIT_NAME);
    await row.waitFor({ timeout: UI_TIMEOUT });
    expect(await row.locator('[data-testid=hazard-grade]').getAttribute('data-grade')).toBe('3');
    expect(await row.locator('[data-testid=hazard-grade]').textContent()).toBe('三级');
    await dismissToasts(page);
    // The 修改记录 has the new unit.
    await page
      .locator('[data-testid=enterprise-history]')
      .getByText(UNIT_NAME)
      .first()
      .waitFor({ timeout: UI_TIMEOUT });
    await settle(page);
    await page.screenshot({ path: join(ARTIFACTS, 'registry-unit-saved-1366.png'), fullPage: true });

    // The unit's drawer: the stored evaluation and its grade history.
    await row.locator('[data-testid=unit-open]').click();
    const drawer = page.locator('[data-testid=unit-drawer]');
    await drawer.waitFor({ timeout: UI_TIMEOUT });
    expect(await drawer.locator('[data-testid=step-grade]').getAttribute('data-grade')).toBe('3');
    await drawer.locator('[data-testid=unit-history] [data-testid=hazard-grade][data-grade="3"]').waitFor();
    await settle(page);
    await page.screenshot({ path: join(ARTIFACTS, 'registry-unit-drawer-1366.png') });

    expect(stack.pageErrors).toEqual([]);
    await ctx.close();
  });

  it('the county inspector sees the new 重大危险源 with its grade in the list and on the map', async () => {
    expect(enterprise.id).not.toBe('');
    const ctx = await stack.newContext();
    const page = await ctx.newPage();
    await signIn(page, stack.baseUrl, INSPECTOR);
    // The 工作台 has the jurisdiction's licence expiry alerts.
    await page.locator('[data-testid=licence-alerts]').waitFor({ timeout: UI_TIMEOUT });
    await page.locator('[data-testid=licence-alert-list]').waitFor({ timeout: UI_TIMEOUT });
    await settle(page);
    await page.screenshot({ path: join(ARTIFACTS, 'registry-dashboard-1366.png'), fullPage: true });

    await page.locator('.ant-menu-title-content').getByText('重大危险源', { exact: true }).click();
    await page.waitForURL(/\/hazards$/, { timeout: UI_TIMEOUT });
    const search = page.locator('[data-testid=hazard-search] input');
    await search.fill(enterprise.name);
    await search.press('Enter');
    const row = rowWith(page, 'hazard-list', UNIT_NAME);
    await row.waitFor({ timeout: UI_TIMEOUT });
    expect(await row.locator('[data-testid=hazard-grade]').getAttribute('data-grade')).toBe('3');
    expect(await row.locator('[data-testid=hazard-grade]').textContent()).toBe('三级');
    expect(await row.getByRole('link', { name: enterprise.name }).getAttribute('href')).toBe(
      `/enterprises/${enterprise.id}`,
    );

    // The map: the enterprise's point, grade 3 (its highest), drawn on the chart.
    const point = page.locator(`[data-testid=map-point-${enterprise.id}]`);
    await point.waitFor({ state: 'attached', timeout: UI_TIMEOUT });
    expect(await point.getAttribute('data-grade')).toBe('3');
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid=hazard-map]')?.getAttribute('data-rendered')) > 0,
      undefined,
      { timeout: UI_TIMEOUT },
    );
    expect(await page.locator('[data-testid=map-note]').textContent()).toContain('示意图');
    await settle(page);
    await page.screenshot({ path: join(ARTIFACTS, 'registry-hazards-1366.png'), fullPage: true });
    expect(stack.pageErrors).toEqual([]);
    await ctx.close();
  });

  it('the bureau lists its enterprises; the registration form upper-cases and checks the credit code', async () => {
    const ctx = await stack.newContext();
    const page = await ctx.newPage();
    await signIn(page, stack.baseUrl, INSPECTOR);
    await page.goto(`${stack.baseUrl}/enterprises?majorHazard=true`);
    const row = rowWith(page, 'enterprise-list', enterprise.name);
    await row.waitFor({ timeout: UI_TIMEOUT });
    expect(await row.locator('[data-testid=major-hazard-summary]').getAttribute('data-grade')).toBe('3');
    await settle(page);
    await page.screenshot({ path: join(ARTIFACTS, 'registry-enterprises-1366.png'), fullPage: true });

    await page.locator('[data-testid=enterprise-new]').click();
    const form = page.locator('[data-testid=enterprise-form]');
    await form.waitFor({ timeout: UI_TIMEOUT });
    // Typed in lower case, stored as the standard prints it; the check character is verified as typed.
    await page.locator('#creditCode').pressSequentially('91370303ma3c4b2x1y');
    expect(await page.locator('#creditCode').inputValue()).toBe('91370303MA3C4B2X1Y');
    expect(await form.locator('[data-testid=credit-code-hint]').textContent()).toBe('校验码正确');
    await page.locator('#enterpriseName').fill('重复登记测试有限公司');
    await page.locator('#address').fill('张店区测试路1号');
    await page.locator('#industryCode').click();
    await page.locator('#industryCode').fill('C26');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    await page.locator('#sectors').click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: '危险化学品' })
      .click();
    await page.keyboard.press('Escape');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    // Already registered: the server's answer lands on the field.
    await form.locator('.ant-form-item-explain-error').filter({ hasText: '已登记' }).waitFor({ timeout: UI_TIMEOUT });
    await settle(page);
    await page.screenshot({ path: join(ARTIFACTS, 'registry-enterprise-form-1366.png') });
    expect(stack.pageErrors).toEqual([]);
    await ctx.close();
  });

  it('the map on a 1920×1080 screen; a point of the hidden list opens the enterprise card', async () => {
    const ctx = await stack.newContext(WALL);
    const page = await ctx.newPage();
    await signIn(page, stack.baseUrl, INSPECTOR);
    await page.goto(`${stack.baseUrl}/hazards`);
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid=hazard-map]')?.getAttribute('data-rendered')) > 0,
      undefined,
      { timeout: UI_TIMEOUT },
    );
    const point = page.locator(`[data-testid=map-point-${enterprise.id}]`);
    expect(await point.getAttribute('data-grade')).toBe('3');
    await settle(page);
    await page.screenshot({ path: join(ARTIFACTS, 'registry-map-1920.png') });
    await page.locator('[data-testid=hazard-map]').screenshot({ path: join(ARTIFACTS, 'registry-map-card-1920.png') });

    // The list behind the canvas is keyboard-reachable: its link opens the card.
    await point.locator('a').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/enterprises/${enterprise.id}$`), { timeout: UI_TIMEOUT });
    await page.locator('[data-testid=enterprise-title]').waitFor({ timeout: UI_TIMEOUT });
    expect(await page.locator('[data-testid=enterprise-title]').textContent()).toBe(enterprise.name);
    expect(stack.pageErrors).toEqual([]);
    await ctx.close();
  });

  it('the identification tool shows the computation step by step', async () => {
    const ctx = await stack.newContext();
    const page = await ctx.newPage();
    await signIn(page, stack.baseUrl, INSPECTOR);
    await page.goto(`${stack.baseUrl}/hazards/evaluate`);
    await page.locator('[data-testid=evaluate-form]').waitFor({ timeout: UI_TIMEOUT });
    await page.locator('#exposedPeople').fill('60');
    await page.locator('#substances_0_name').fill('液氯');
    await page.locator('#substances_0_quantityT').fill('3');
    await page.locator('[data-testid=substance-add]').click();
    // Not in Table 1: a Table-2 category decides Q (W5.1 易燃液体, Q = 10 t, β = 1.5).
    await page.locator('#substances_1_name').fill('某易燃溶剂');
    await page.locator('#substances_1_category').click();
    await page.locator('#substances_1_category').fill('W5.1');
    await page.locator('.ant-select-item-option-active:visible').first().waitFor({ timeout: UI_TIMEOUT });
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await page.locator('#substances_1_quantityT').fill('8');
    // S = 3/5 + 8/10 = 1.4 ≥ 1; R = 1.5 × (4 × 0.6 + 1.5 × 0.8) = 1.5 × 3.6 = 5.4 → 四级.
    const grade = page.locator('[data-testid=evaluation-steps] [data-testid=step-grade][data-grade="4"]');
    await grade.waitFor({ timeout: UI_TIMEOUT });
    expect(await page.locator('[data-testid=step-s]').textContent()).toContain('S = 3/5 + 8/10 = 0.6 + 0.8 = 1.4');
    expect(await page.locator('[data-testid=step-r]').textContent()).toContain('1.5 × 3.6 = 5.4');
    expect(await page.locator('[data-testid=evaluation-steps]').textContent()).toContain('表3');
    expect(await page.locator('[data-testid=evaluation-steps]').textContent()).toContain('表2 W5.1');
    await settle(page);
    await page.screenshot({ path: join(ARTIFACTS, 'registry-evaluate-1366.png'), fullPage: true });
    expect(stack.pageErrors).toEqual([]);
    await ctx.close();
  });

  it('the inspector imports enterprises from a CSV and reads the census progress of 张店区', async () => {
    const ctx = await stack.newContext();
    const page = await ctx.newPage();
    await signIn(page, stack.baseUrl, INSPECTOR);
    await page.goto(`${stack.baseUrl}/enterprises`);
    await page.locator('[data-testid=enterprise-import]').click();
    await page.waitForURL(/\/enterprises\/import$/, { timeout: UI_TIMEOUT });
    // The page belongs to 企业档案 in the menu.
    await page
      .locator('.ant-menu-item-selected')
      .getByText('企业档案', { exact: true })
      .waitFor({ timeout: UI_TIMEOUT });

    // ——— The template: an .xlsx (a zip: 'PK').
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: UI_TIMEOUT }),
      page.locator('[data-testid=registry-template]').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const template = await readFile(await download.path());
    expect(template.subarray(0, 2).toString('latin1')).toBe('PK');

    // ——— Two good rows and one whose check character is wrong (line 4: the header is line 1).
    const row = (n: number, valid = true) => ({
      creditCode: creditCode(n, valid),
      name: `E2E批量导入化工有限公司${n}`,
      regionCode: '370303',
      address: `张店区导入测试路${n}号`,
      industryCode: 'C26',
      sectors: '危险化学品',
      scale: '小型',
      principalName: '王五',
      principalPhone: '0533-1234567',
    });
    const csv = enterpriseCsv([row(1), row(2), row(3, false)]);
    await page.locator('.ant-upload-drag input[type=file]').setInputFiles({
      name: 'e2e-企业.csv',
      mimeType: 'text/csv',
      buffer: csv,
    });
    expect(await page.locator('[data-testid=registry-dry-run]').getAttribute('aria-checked')).toBe('false');
    await page.locator('[data-testid=registry-start]').click();
    const result = page.locator('[data-testid=registry-import-result]');
    await result.waitFor({ timeout: UI_TIMEOUT });
    expect(await result.locator('[data-testid=registry-import-created]').getAttribute('data-value')).toBe('2');
    expect(await result.locator('[data-testid=registry-import-invalid]').getAttribute('data-value')).toBe('1');
    const filter = result.locator('[data-testid=row-filter]');
    expect(await filter.textContent()).toContain('新增 2');
    expect(await filter.textContent()).toContain('有问题 1');
    // With a problem, the table opens on the rows that have one: line 4, its credit code.
    const rows = result.locator('[data-testid=registry-import-rows] tr.ant-table-row');
    await expect.poll(() => rows.count(), { timeout: UI_TIMEOUT }).toBe(1);
    const bad = rows.first();
    expect(await bad.locator('td').nth(1).textContent()).toBe('4');
    expect(await bad.locator('[data-testid=row-status]').getAttribute('data-status')).toBe('invalid');
    const problem = bad.locator('[data-testid=row-problem][data-field=creditCode]');
    expect(await problem.textContent()).toContain('统一社会信用代码');
    await settle(page);
    await page.screenshot({ path: join(ARTIFACTS, 'registry-import-1366.png'), fullPage: true });

    // The new rows link to their cards; the enterprise list has them.
    await filter.getByText('新增 2').click();
    await expect.poll(() => rows.count(), { timeout: UI_TIMEOUT }).toBe(2);
    await page.goto(`${stack.baseUrl}/enterprises?q=E2E批量导入化工`);
    await expect
      .poll(() => page.locator('[data-testid=enterprise-list] tr.ant-table-row').count(), { timeout: UI_TIMEOUT })
      .toBe(2);

    // ——— 危险源普查: the city's campaign (seeded for 淄博市), its progress in 张店区 by town.
    await page.locator('.ant-menu-title-content').getByText('危险源普查', { exact: true }).click();
    await page.waitForURL(/\/hazards\/censuses/, { timeout: UI_TIMEOUT });
    const campaign = page.locator('[data-testid=census-list] tr.ant-table-row').filter({ hasText: '重大危险源普查' });
    await campaign.first().waitFor({ timeout: UI_TIMEOUT });
    expect(await campaign.first().textContent()).toContain('淄博市');
    const progress = page.locator('[data-testid=census-progress][data-region="370303"]');
    await progress.waitFor({ timeout: UI_TIMEOUT });
    expect(await progress.locator('[data-testid=census-region]').textContent()).toBe('张店区');
    const asked = Number(
      await progress.locator('[data-testid=census-enterprises] .ant-statistic-content').textContent(),
    );
    const returned = Number(
      await progress.locator('[data-testid=census-returned] .ant-statistic-content').textContent(),
    );
    expect(asked).toBeGreaterThan(0);
    expect(returned).toBeGreaterThan(0);
    expect(returned).toBeLessThanOrEqual(asked);
    await expect
      .poll(() => progress.locator('[data-testid=census-children] tr.ant-table-row').count(), { timeout: UI_TIMEOUT })
      .toBeGreaterThan(0);
    await settle(page);
    await page.screenshot({ path: join(ARTIFACTS, 'registry-census-1366.png'), fullPage: true });
    expect(stack.pageErrors).toEqual([]);
    await ctx.close();
  });

  it('a duty officer filing a quick report picks 事故发生单位 from the registry', async () => {
    const ctx = await stack.newContext();
    const page = await ctx.newPage();
    await signIn(page, stack.baseUrl, 'duty.370303');
    await page.goto(`${stack.baseUrl}/accidents/new`);
    await page.locator('#unitName').fill('鑫泰化工');
    await page.locator('[data-testid=unit-option-91370303MA3C4B2X1Y]').click({ timeout: UI_TIMEOUT });
    // The registry fills the name, the credit code and the address; the region was the county's already.
    expect(await page.locator('#unitName').inputValue()).toBe('淄博鑫泰化工有限公司');
    expect(await page.locator('#unitCreditCode').inputValue()).toBe('91370303MA3C4B2X1Y');
    expect(await page.locator('#address').inputValue()).toMatch(/^淄博市张店区/);
    expect(stack.pageErrors).toEqual([]);
    await ctx.close();
  });

  it('the audit trail names every field in Chinese and expands a long change list', async () => {
    const ctx = await stack.newContext();
    const page = await ctx.newPage();
    await signIn(page, stack.baseUrl, 'admin.370300');
    await page.goto(`${stack.baseUrl}/audit`);
    const table = page.locator('[data-testid=audit-table]');
    await table.locator('[data-testid=audit-diff]').first().waitFor({ timeout: UI_TIMEOUT });
    // Registry rows are logged as stored (credit_code); none of those names, nor an id or raw JSON, reaches the page.
    for (const action of ['enterprise', 'hazard_unit', 'indicator']) {
      await page.goto(`${stack.baseUrl}/audit`);
      await page.locator('[data-testid=audit-action-filter]').click();
      await page.keyboard.type(
        action === 'enterprise' ? '登记企业' : action === 'hazard_unit' ? '新增单元' : '设定控制指标',
      );
      await page.keyboard.press('Enter');
      await table.locator('[data-testid=audit-diff]').first().waitFor({ timeout: UI_TIMEOUT });
      const more = table.locator('[data-testid=audit-more]').first();
      if (await more.count()) await more.click();
      const text = (await table.textContent()) ?? '';
      expect(text.match(/\b[a-z]+_[a-z_]+\b|\b[a-z]+[A-Z][a-zA-Z]*\b|[{}"]/g)).toBeNull();
    }
    expect(stack.pageErrors).toEqual([]);
    await ctx.close();
  });
});
