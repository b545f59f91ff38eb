/**
 * Script payloads everywhere a person types, and nothing runs: the engineer puts them into a case's
 * title and description, a reply and an attachment's file name; the customer into a portal reply
 * and a new portal case. Every page that shows them (queue, case, dashboard, portal list and case)
 * shows the text as text: no dialog opens, no payload marker is set, no element the payload
 * describes exists, and no `javascript:` link is made. Real server, real Chromium.
 */
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_TEST_PASSWORD, startServerProcess } from '../test/harness/server-process.ts';
import {
  activate,
  apiSession,
  expectText,
  INITIAL_PASSWORD,
  launchChromium,
  logIn,
  screenshot,
  staffAccount,
  TIMEOUT_MS,
  watch,
} from './lib/journey.ts';

const ENGINEER = { username: 'xss.engineer', password: 'Engineer-Pass-2026' };
const CONTACT = { username: 'xss.contact', password: 'Contact-Pass-2026' };
const TITLE = '<img src=x onerror="window.__xss=1">交换机告警';
const DESCRIPTION =
  '<script>window.__xss=2</script> [点我](javascript:window.__xss=3) <iframe src="javascript:window.__xss=4"></iframe>';
const REPLY = '<svg onload="window.__xss=5"></svg><a href="javascript:window.__xss=6">日志</a>';
const FILE_NAME = '"><img src=y onerror=window.__xss=7>.txt';
const CUSTOMER_REPLY = '<details open ontoggle="window.__xss=8">已收到</details>';
const PORTAL_TITLE = '<body onload="window.__xss=9">门户报障';

/** Nothing of a payload became live in the page. */
async function assertInert(page: Page, dialogs: string[]): Promise<void> {
  assert.equal(await page.evaluate('window.__xss'), undefined, 'no payload ran');
  assert.deepEqual(dialogs, [], 'no dialog opened');
  for (const selector of [
    'img[src="x"]',
    'img[src="y"]',
    'svg[onload]',
    'details[ontoggle]',
    'iframe',
    'a[href^="javascript:" i]',
    'main script',
  ]) {
    assert.equal(await page.locator(selector).count(), 0, `no ${selector} in the page`);
  }
}

describe('script payloads are shown as text and never run', { timeout: 180_000 }, () => {
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  let browser: Browser;
  let engineer: Page;
  let customer: Page;
  let caseId = 0;
  const errors: string[] = [];
  const dialogs: string[] = [];

  before(async () => {
    server = await startServerProcess({ args: ['--build-web'] });
    const admin = await apiSession(server.url, 'admin', ADMIN_TEST_PASSWORD);
    const org = await admin<{ id: number }>('POST', '/api/organisations', { name: '安全测试客户' });
    const contact = await admin<{ id: number }>('POST', `/api/organisations/${org.id}/contacts`, {
      name: '安全测试联系人',
      mobile: '13800003333',
      isPrimary: true,
    });
    await admin('POST', `/api/contacts/${contact.id}/login`, {
      username: CONTACT.username,
      password: INITIAL_PASSWORD,
    });
    await activate(server.url, CONTACT.username, CONTACT.password);
    await staffAccount(admin, server.url, {
      ...ENGINEER,
      displayName: '安全测试工程师',
      roles: ['tac_engineer'],
    });
    const opened = await admin<{ id: number }>('POST', '/api/cases', {
      organisationId: org.id,
      contactId: contact.id,
      title: TITLE,
      description: DESCRIPTION,
      priority: 2,
    });
    caseId = opened.id;

    browser = await launchChromium();
    const page = async () => {
      const p = await (
        await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } })
      ).newPage();
      watch(p, errors);
      p.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      return p;
    };
    engineer = await page();
    customer = await page();
  });

  after(async () => {
    await browser?.close();
    if (server) {
      await server.stop();
      await rm(server.dataDir, { recursive: true, force: true });
    }
  });

  it('the queue shows the title as text', async () => {
    await engineer.goto(`${server.url}/cases`);
    await logIn(engineer, ENGINEER);
    await engineer.waitForURL(/\/cases$/, { timeout: TIMEOUT_MS });
    await expectText(engineer.locator('#case-queue-table'), TITLE);
    await assertInert(engineer, dialogs);
  });

  it('the case page shows title and description as text; a reply and a file name too', async () => {
    await engineer.goto(`${server.url}/cases/${caseId}`);
    await expectText(engineer.locator('h1, h2, h3').filter({ hasText: '交换机告警' }), TITLE);
    await expectText(engineer.locator('body'), '[点我](javascript:window.__xss=3)');
    await engineer.locator('#composer-tab-reply').click();
    await engineer.locator('#composer-body').fill(REPLY);
    await engineer.locator('#composer-submit').click();
    await expectText(engineer.locator('.timeline-entry[data-kind="reply"]').last(), '<svg onload=');
    await engineer.locator('#case-attachments input[type="file"]').setInputFiles({
      name: FILE_NAME,
      mimeType: 'text/plain',
      buffer: Buffer.from('interface Gi1/0/1 flapping\n'),
    });
    await engineer.locator('#case-attachments .attachments__send .ant-btn-primary').click();
    await expectText(engineer.locator('#case-attachments'), 'onerror=window.__xss=7');
    await engineer.reload();
    await expectText(engineer.locator('#case-attachments'), 'onerror=window.__xss=7');
    await assertInert(engineer, dialogs);
    await screenshot(engineer, 'xss-case');
  });

  it('the dashboard lists nothing live either', async () => {
    await engineer.goto(`${server.url}/`);
    await engineer.locator('#dashboard-totals').waitFor({ timeout: TIMEOUT_MS });
    await assertInert(engineer, dialogs);
  });

  it('the portal shows the engineer’s payloads as text; the customer’s own stay text too', async () => {
    await customer.goto(`${server.url}/portal/cases/${caseId}`);
    await logIn(customer, CONTACT);
    await customer.waitForURL(new RegExp(`/portal/cases/${caseId}$`), { timeout: TIMEOUT_MS });
    await expectText(customer.locator('.timeline-entry[data-kind="reply"]').first(), '<a href="javascript:');
    await customer.locator('#portal-reply-body').fill(CUSTOMER_REPLY);
    await customer.locator('#portal-reply-submit').click();
    await expectText(customer.locator('.timeline-entry[data-kind="reply"]').last(), 'ontoggle=');
    await assertInert(customer, dialogs);

    await customer.goto(`${server.url}/portal/cases/new`);
    await customer.locator('#portal-case-title').fill(PORTAL_TITLE);
    await customer.locator('#portal-case-description').fill(DESCRIPTION);
    await customer.locator('.priority-picker__option').filter({ hasText: 'P4' }).click();
    await customer.locator('#portal-case-submit').click();
    await customer.waitForURL(/\/portal\/cases\/\d+$/, { timeout: TIMEOUT_MS });
    await expectText(customer.locator('body'), PORTAL_TITLE);
    await customer.goto(`${server.url}/portal/cases`);
    await expectText(customer.locator('body'), PORTAL_TITLE);
    await assertInert(customer, dialogs);
    await screenshot(customer, 'xss-portal');
  });

  it('the engineer sees the customer’s payloads as text', async () => {
    await engineer.goto(`${server.url}/cases/${caseId}`);
    await expectText(engineer.locator('.timeline-entry[data-kind="reply"]').last(), 'ontoggle=');
    await engineer.goto(`${server.url}/cases`);
    await expectText(engineer.locator('#case-queue-table'), PORTAL_TITLE);
    await assertInert(engineer, dialogs);
    assert.deepEqual(errors, []);
  });
});
