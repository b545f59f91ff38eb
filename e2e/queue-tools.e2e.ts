/**
 * Browser journey of the queue's tools: a hotline operator filters the queue, saves the filter as
 * a shared view, opens it again from the view picker, then ticks three cases and assigns them to
 * an engineer — one was cancelled meanwhile, so the bar reports two assigned and why the third was
 * not. English check at the end. Real server process, real Chromium.
 */
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { type Browser, type Page } from 'playwright-core';
import { ADMIN_TEST_PASSWORD, startServerProcess } from '../test/harness/server-process.ts';
import {
  apiSession,
  expectText,
  launchChromium,
  logIn,
  screenshot,
  staffAccount,
  TIMEOUT_MS,
  watch,
  type Call,
} from './lib/journey.ts';

const OPERATOR = { username: 'dispatch.e2e', password: 'Dispatch-Pass-2026' };
const ENGINEER = { username: 'field.e2e', password: 'Field-Pass-2026' };
const VIEW = '二级故障待分派';

describe('queue tools: saved views and bulk assignment', { timeout: 120_000 }, () => {
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  let admin: Call;
  let browser: Browser;
  let page: Page;
  const cases: Array<{ id: number; number: string }> = [];
  const consoleErrors: string[] = [];

  before(async () => {
    server = await startServerProcess({ args: ['--build-web'] });
    admin = await apiSession(server.url, 'admin', ADMIN_TEST_PASSWORD);
    const org = await admin<{ id: number }>('POST', '/api/organisations', { name: '东海证券', code: 'DHZQ' });
    for (const title of ['交易网关延迟升高', '行情服务器风扇告警', '机房 UPS 自检失败'])
      cases.push(
        await admin('POST', '/api/cases', {
          organisationId: org.id,
          title,
          description: '客户来电',
          priority: 2,
        }),
      );
    await admin('POST', '/api/cases', {
      organisationId: org.id,
      title: '打印机卡纸',
      description: '-',
      priority: 4,
    });
    await staffAccount(admin, server.url, {
      ...OPERATOR,
      displayName: '钱芳（调度）',
      roles: ['hotline_operator'],
    });
    await staffAccount(admin, server.url, { ...ENGINEER, displayName: '吴刚', roles: ['field_engineer'] });
    browser = await launchChromium();
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
    page = await context.newPage();
    watch(page, consoleErrors);
  });

  after(async () => {
    await browser?.close();
    if (server) {
      await server.stop();
      await rm(server.dataDir, { recursive: true, force: true });
    }
  });

  it('saves the filtered queue as a shared view', async () => {
    await page.goto(`${server.url}/cases?priority=2&assignee=none`);
    await logIn(page, OPERATOR);
    await page.waitForURL(/\/cases\?/, { timeout: TIMEOUT_MS });
    await expectText(page.locator('#case-queue-table'), '交易网关延迟升高');
    assert.equal(await page.locator('#case-queue-table').getByText('打印机卡纸').count(), 0);
    await page.locator('#saved-views-save').click();
    await page.locator('#saved-view-name').fill(VIEW);
    await page.locator('#saved-view-shared').check();
    await page.locator('#saved-view-submit').click();
    await expectText(page.locator('.ant-message'), `已保存视图“${VIEW}”`);
    await expectText(page.locator('.saved-views'), VIEW);
  });

  it('opens the view again from the picker', async () => {
    await page.goto(`${server.url}/cases`);
    await expectText(page.locator('#case-queue-table'), '打印机卡纸');
    await page.locator('#saved-views-select').click();
    await page.locator('.ant-select-item-option').filter({ hasText: VIEW }).click();
    await page.waitForURL(/priority=2/, { timeout: TIMEOUT_MS });
    assert.match(page.url(), /assignee=none/);
    // Polled from here: a page-side waitForFunction would evaluate a string, which the CSP forbids.
    const table = page.locator('#case-queue-table');
    const deadline = Date.now() + TIMEOUT_MS;
    while (((await table.textContent()) ?? '').includes('打印机卡纸')) {
      assert.ok(Date.now() < deadline, 'the view still lists the P4 case');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await screenshot(page, 'queue-saved-view-zh');
  });

  it('ticks three cases and assigns them; the cancelled one is reported', async () => {
    for (const c of cases) await page.getByLabel(`选择案例 ${c.number}`).check();
    await expectText(page.locator('#bulk-assign-count'), '已选 3 个案例');
    // Meanwhile someone cancels the third case.
    await admin('POST', `/api/cases/${cases[2]!.id}/transitions`, { to: 'cancelled', reason: '客户撤销' });
    await page.locator('#bulk-assign-button').click();
    await page.locator('#bulk-assign-engineer').click();
    await page.locator('#bulk-assign-engineer').fill('吴刚');
    await page.locator('.ant-select-item-option').filter({ hasText: '吴刚' }).click();
    await page.locator('#bulk-assign-submit').click();
    const outcome = await expectText(page.locator('#bulk-assign-outcome'), '已分派 2 个，1 个未能分派');
    assert.match(outcome, new RegExp(`${cases[2]!.number}：当前状态不能分派`));
    await screenshot(page, 'queue-bulk-assign-zh');
    const assigned = await admin<{ items: Array<{ id: number; assignee: { name: string } | null }> }>(
      'GET',
      `/api/cases?open=true&priority=2`,
    );
    const byId = new Map(assigned.items.map((c) => [c.id, c.assignee?.name ?? null]));
    assert.equal(byId.get(cases[0]!.id), '吴刚');
    assert.equal(byId.get(cases[1]!.id), '吴刚');
  });

  it('reads in English', async () => {
    await page.locator('#language-switch').getByText('English', { exact: true }).click();
    await expectText(page.locator('#saved-views-save'), 'Save view');
    await page.locator('#saved-views-manage').click();
    await expectText(page.locator('#saved-views-list'), VIEW);
    await screenshot(page, 'queue-views-en');
    assert.deepEqual(consoleErrors, []);
  });
});
