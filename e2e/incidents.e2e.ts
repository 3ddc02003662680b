/**
 * Browser test of incident command (issue 12, bar 3): a 较大 quick report opens an incident; the city's duty officer
 * dispatches the nearest team and invites the fire brigade; the invited 消防 user sees only that incident and writes
 * in its log; the wall screen (1920×1080) shows the team on its way and takes the new log entry live; closing produces
 * the 处置情况报告 .docx, which LibreOffice opens. Screenshots in e2e/artifacts.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sofficePath } from '../src/server/documents/soffice.js';
import { convertDocument, docxText } from '../src/server/documents/test-support.js';
import { insertResource } from '../src/server/modules/incidents/testing.js';
import { buildAccident } from '../src/server/testing/harness.js';
import { ARTIFACTS, hasChromium, type Stack, signIn, startStack, UI_TIMEOUT, WALL } from './support.js';

const OPTIONS = '.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option';
const POLL = { timeout: UI_TIMEOUT };

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
  await expect.poll(() => options.count(), POLL).toBe(0);
}

describe.skipIf(!hasChromium)('incident command in the browser', () => {
  let stack: Stack;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    stack = await startStack({ history: false });
    // Teams around 张店区's seat (118.018, 36.806): the nearest 1.6 km away, another 11 km.
    await insertResource(stack.db, { name: '淄博市危化救援大队', lng: 118.03, lat: 36.818 });
    await insertResource(stack.db, { name: '淄博市矿山救护队', lng: 117.9, lat: 36.76, specialties: ['mine'] });
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await stack?.close();
  });

  const open = async (username: string, ready?: string, viewport?: { width: number; height: number }) => {
    const ctx = await stack.newContext(viewport);
    contexts.push(ctx);
    const page = await ctx.newPage();
    await signIn(page, stack.baseUrl, username, ready);
    return page;
  };

  it('from a 较大 quick report to the closed incident and its report', { timeout: 300_000 }, async () => {
    // The county's duty officer files a 较大 quick report (3 deaths).
    const county = await open('duty.370303');
    const filed = await county.request.post(`${stack.baseUrl}/api/accidents`, {
      data: buildAccident({ deaths: 3, unitName: '淄博鑫泰化工有限公司', confirmNotDuplicate: true }),
    });
    expect(filed.status()).toBe(201);

    // The city's duty officer finds the incident the report opened.
    const city = await open('duty.370300');
    await city.goto(`${stack.baseUrl}/incidents`);
    const row = city.locator('[data-testid=incident-list] a', { hasText: '淄博鑫泰化工有限公司' });
    await row.first().waitFor({ timeout: UI_TIMEOUT });
    await row.first().click();
    await city.locator('[data-testid=incident-page]').waitFor({ timeout: UI_TIMEOUT });
    await expect.poll(() => city.locator('[data-testid=incident-page]').textContent(), POLL).toContain('Ⅲ级响应');
    const url = city.url();
    const incidentId = url.split('/').at(-1) as string;

    // … dispatches the nearest team (the first of the list, nearest first) and sets it on its way.
    const nearest = city.locator('[data-testid=incident-nearest] tbody tr').first();
    await expect.poll(() => nearest.textContent(), POLL).toContain('淄博市危化救援大队');
    await nearest.locator('[data-testid=dispatch]').click();
    const tasks = city.locator('[data-testid=incident-tasks]');
    await expect.poll(() => tasks.textContent(), POLL).toContain('已调派');
    await tasks.locator('[data-testid=task-en_route]').click();
    await expect.poll(() => tasks.textContent(), POLL).toContain('在途');

    // … and invites the fire brigade's user, who may write in the log.
    await choose(city, '#userId', 'fire.370300');
    await expect.poll(() => city.locator('#departmentName').inputValue(), POLL).toBe('淄博市消防救援支队');
    await city.locator('[data-testid=invite-submit]').click();
    await expect
      .poll(() => city.locator('[data-testid=incident-invitations]').textContent(), POLL)
      .toContain('查看并填写日志');
    await city.screenshot({ path: join(ARTIFACTS, 'incident-page-1366.png'), fullPage: true });

    // The wall screen at 1920×1080 shows the team on its way.
    const wall = await open('duty.370300', undefined, WALL);
    await wall.goto(`${url}/wall`);
    const onTheWay = wall.locator('[data-testid=wall-task-en_route]');
    await expect.poll(() => onTheWay.textContent(), POLL).toContain('淄博市危化救援大队');
    await expect.poll(() => wall.locator('[data-testid=incident-map]').textContent(), POLL).toContain('在途');

    // The invited 消防 user sees only that incident and writes in its log.
    const fire = await open('fire.370300', '应急处置');
    await fire.goto(`${stack.baseUrl}/incidents`);
    const list = fire.locator('[data-testid=incident-list] tbody tr.ant-table-row');
    await expect.poll(() => list.count(), POLL).toBe(1);
    expect((await fire.request.get(`${stack.baseUrl}/api/accidents`)).status()).toBe(403);
    await list.first().locator('a').click();
    await fire.locator('[data-testid=log-text]').fill('消防救援支队5车26人到场，开始稀释和堵漏');
    await fire.locator('[data-testid=log-submit]').click();
    await expect
      .poll(() => fire.locator('[data-testid=incident-log]').textContent(), POLL)
      .toContain('淄博市消防救援支队');

    // … which the wall takes live, without a reload.
    await expect
      .poll(() => wall.locator('[data-testid=wall-timeline]').textContent(), POLL)
      .toContain('开始稀释和堵漏');
    await wall.screenshot({ path: join(ARTIFACTS, 'incident-wall-1920.png') });

    // Closing produces the 处置情况报告.
    await city.reload();
    await city.locator('[data-testid=incident-close]').click();
    await city.locator('[data-testid=incident-close-summary]').fill('泄漏点已封堵，险情排除，终止Ⅲ级应急响应。');
    await city.locator('#incident-close-ok').click();
    await expect.poll(() => city.locator('[data-testid=incident-status]').textContent(), POLL).toBe('已终止');
    const [download] = await Promise.all([
      city.waitForEvent('download', { timeout: UI_TIMEOUT }),
      city.locator('[data-testid=incident-report]').click(),
    ]);
    const file = await readFile((await download.path()) as string);
    const text = await docxText(file);
    expect(text).toContain('应急处置情况报告');
    expect(text).toContain('淄博市危化救援大队');
    expect(text).toContain('消防救援支队5车26人到场');
    if (sofficePath()) {
      const pdf = await convertDocument(file, 'docx', 'pdf');
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    }
    // The fire user's views were audited.
    const viewed = await stack.db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', incidentId)
      .where('action', '=', 'incident.view')
      .execute();
    expect(viewed.length).toBeGreaterThanOrEqual(1);
    expect(stack.pageErrors).toEqual([]);
  });
});
