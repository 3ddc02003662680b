/**
 * Browser test of a penalty case (issue 11, bar 3): an inspector opens a case from an inspection finding, the head
 * approves it, the officers record an interview, propose the penalty, serve the notice, decide, serve the decision and
 * record the payment; the head approves 结案. Every document downloads as .docx and opens in LibreOffice.
 * Screenshots in e2e/artifacts.
 */
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sofficePath } from '../src/server/documents/soffice.js';
import { convertDocument } from '../src/server/documents/test-support.js';
import { ARTIFACTS, hasChromium, type Stack, signIn, startStack, UI_TIMEOUT } from './support.js';

const OPTIONS = '.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option';
/** A server round trip on a loaded machine takes longer than expect.poll's default second. */
const POLL = { timeout: UI_TIMEOUT };

/** Types into a searchable select, waits until every option shown matches, and picks the first. */
async function choose(page: Page, selector: string, typed: string): Promise<void> {
  await page.locator(selector).fill(typed);
  const options = page.locator(OPTIONS);
  await expect
    .poll(async () => {
      const texts = await options.allTextContents();
      return texts.length > 0 && texts.every((x) => x.includes(typed));
    }, POLL)
    .toBe(true);
  await options.first().click();
  // Closed for good before the next select opens (a closing list still answers to OPTIONS).
  await expect.poll(() => options.count(), POLL).toBe(0);
}

/** Opens a step of the case page, lets `fill` complete the form, submits and waits for the dialog to go. */
async function step(page: Page, name: string, fill: (page: Page) => Promise<void> = async () => {}): Promise<void> {
  await page.locator(`[data-testid=case-step-${name}]`).click();
  const form = page.locator(`[data-testid=step-form-${name}]`);
  await form.waitFor({ timeout: UI_TIMEOUT });
  await fill(page);
  await page.locator('.ant-modal-footer .ant-btn-primary').click();
  await form.waitFor({ state: 'detached', timeout: UI_TIMEOUT }).catch(async (e) => {
    // What the form or the server said, for the failure's message.
    const said = await page.locator('.ant-form-item-explain-error, .ant-message-notice').allTextContents();
    await page.screenshot({ path: join(ARTIFACTS, `case-step-${name}-failed.png`) });
    throw new Error(`${name}: ${said.join(' / ')} (${(e as Error).message})`);
  });
}

const stage = (page: Page) => page.locator('[data-testid=case-stage]');

describe.skipIf(!hasChromium)('a penalty case in the browser', () => {
  let stack: Stack;
  let inspectorCtx: BrowserContext;
  let leaderCtx: BrowserContext;

  beforeAll(async () => {
    stack = await startStack({ history: true });
  });

  afterAll(async () => {
    await inspectorCtx?.close();
    await leaderCtx?.close();
    await stack?.close();
  });

  // One retry: about 1 run in 5 on a loaded 2-core machine failed while an antd select's option list was still closing
  // (a known flake being chased; each try opens a fresh case).
  it('from an inspection finding to 结案, every document downloaded and opened by LibreOffice', {
    timeout: 300_000,
    retry: 1,
  }, async () => {
    inspectorCtx = await stack.newContext();
    const inspector = await inspectorCtx.newPage();
    await signIn(inspector, stack.baseUrl, 'inspector.370303');
    // The finding: an inspection of 鑫泰 recorded in the demo.
    const inspections = await (await inspector.request.get(`${stack.baseUrl}/api/inspections?pageSize=50`)).json();
    const finding = inspections.items.find((i: { enterprise: { name: string } }) => i.enterprise.name.includes('鑫泰'));
    expect(finding).toBeDefined();

    await inspector.goto(`${stack.baseUrl}/cases`);
    await inspector.locator('[data-testid=case-new]').click();
    const form = inspector.locator('[data-testid=case-form]');
    await form.waitFor({ timeout: UI_TIMEOUT });
    await inspector.locator('#caseSourceId').fill(finding.id);
    await choose(inspector, '#caseEnterprise', '鑫泰');
    await inspector.locator('#legalRepresentative').fill('王建国');
    await inspector.locator('#caseCause').fill('未按照规定对从业人员进行安全生产教育和培训');
    await inspector.locator('#caseSummary').fill('现场检查发现，新招聘的5名操作工未经安全生产教育和培训即上岗作业。');
    await choose(inspector, '#violations_0_code', '教育和培训');
    await inspector.locator('#violations_0_circumstance').click();
    await inspector.locator(`${OPTIONS}[title="一般"]`).click();
    await expect.poll(() => form.locator('[data-testid=case-band-0]').textContent(), POLL).toContain('25001');
    await inspector.locator('[data-testid=case-facts-0]').fill('新招聘的5名操作工未经安全生产教育和培训即上岗作业。');
    // The officers' options only (名字（执法证号）): the circumstance's dropdown may still be closing.
    await inspector.locator('#officers').click();
    const officerOptions = inspector.locator(OPTIONS).filter({ hasText: /（\d{6,}）/ });
    await officerOptions.nth(0).click();
    await officerOptions.nth(1).click();
    await expect
      .poll(() => inspector.locator('[data-testid=case-officers] .ant-select-selection-item').count(), POLL)
      .toBe(2);
    await inspector.locator('.ant-modal-title').click();
    await inspector.screenshot({ path: join(ARTIFACTS, 'case-form-1366.png') });
    await inspector.locator('.ant-modal-footer .ant-btn-primary').click();
    await inspector.waitForURL(/\/cases\/[0-9a-f-]{36}$/, { timeout: UI_TIMEOUT }).catch(async (e) => {
      const said = await inspector.locator('.ant-form-item-explain-error, .ant-message-notice').allTextContents();
      throw new Error(`立案: ${said.join(' / ')} (${(e as Error).message})`);
    });
    const url = inspector.url();
    await expect.poll(() => stage(inspector).getAttribute('data-status'), POLL).toBe('pending_approval');

    // The head approves 立案.
    leaderCtx = await stack.newContext();
    const leader = await leaderCtx.newPage();
    await signIn(leader, stack.baseUrl, 'leader.370303');
    await leader.goto(url);
    await step(leader, 'investigating');
    await expect.poll(() => stage(leader).getAttribute('data-status'), POLL).toBe('investigating');

    await inspector.reload();
    await step(inspector, 'record', async (p) => {
      await p.locator('[data-testid=step-place]').fill('公司会议室');
      await p.locator('[data-testid=step-subject]').fill('王建国（法定代表人）');
      await p.locator('[data-testid=step-content]').fill('问：新员工是否经过安全生产教育和培训？\n答：没有。');
    });
    await step(inspector, 'reviewing', async (p) => {
      await p.locator('[data-testid=step-proposedFineYuan]').fill('30000');
      await p.locator('[data-testid=step-proposedKinds]').click();
      await p.locator(OPTIONS, { hasText: '罚款' }).first().click();
      await p.locator('.ant-modal-title').click();
      await expect.poll(() => p.locator('[data-testid=step-proposedKinds]').textContent(), POLL).toContain('罚款');
      await expect.poll(() => p.locator('[data-testid=step-proposedFineYuan]').inputValue(), POLL).toBe('30000');
    });
    await expect.poll(() => stage(inspector).getAttribute('data-status'), POLL).toBe('reviewing');
    await step(inspector, 'notified');
    await step(inspector, 'decided', async (p) => {
      await p.locator('[data-testid=step-waived]').check();
    });
    await expect.poll(() => stage(inspector).getAttribute('data-status'), POLL).toBe('decided');
    await step(inspector, 'served');
    await inspector.locator('[data-testid=case-clocks]').waitFor({ timeout: UI_TIMEOUT });
    await expect.poll(() => inspector.locator('[data-testid=case-clocks]').textContent(), POLL).toContain('缴纳罚款');
    await step(inspector, 'closing');
    await expect.poll(() => stage(inspector).getAttribute('data-status'), POLL).toBe('closing');

    await leader.reload();
    await step(leader, 'closed');
    await expect.poll(() => stage(leader).getAttribute('data-status'), POLL).toBe('closed');
    await leader.screenshot({ path: join(ARTIFACTS, 'case-closed-1366.png'), fullPage: true });

    // Every document, as the links on the page give them.
    await inspector.reload();
    await inspector.locator('[data-testid=case-document-closing_approval]').waitFor({ timeout: UI_TIMEOUT });
    const links = await inspector
      .locator('[data-testid=case-document-docx]')
      .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    const kinds = await inspector
      .locator('[data-testid^=case-document-]:not([data-testid=case-document-docx])')
      .evaluateAll((ds) => ds.map((d) => d.getAttribute('data-testid')?.replace('case-document-', '')));
    expect(kinds).toEqual([
      'filing_approval',
      'interview_record',
      'penalty_notice',
      'penalty_decision',
      'service_receipt',
      'closing_approval',
    ]);
    for (const href of links) {
      const res = await inspector.request.get(href);
      expect(res.status()).toBe(200);
      const file = await res.body();
      expect(file.subarray(0, 2).toString()).toBe('PK');
      if (sofficePath()) {
        const text = (await convertDocument(file, 'docx', 'txt:Text')).toString('utf8');
        expect(text).toMatch(/（淄张）应急\S+〔\d{4}〕\d+号/);
      }
    }
  });
});
