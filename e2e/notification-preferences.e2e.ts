/**
 * Browser journey of notification preferences and message templates: an engineer switches reply
 * mails off and sets overnight quiet hours on "My notifications" (escalations locked on), and it
 * holds after a reload; a customer contact's portal account page offers e-mail only; an
 * administrator edits a mail template with placeholder chips and the live preview (HTML in a
 * sandboxed frame), sees an unknown placeholder refused at its field, saves, and resets it to the
 * default. Real server process, real Chromium.
 */
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { type Browser, type Page } from 'playwright-core';
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
  type Call,
} from './lib/journey.ts';

const ADMIN = { username: 'admin', password: ADMIN_TEST_PASSWORD };
const ENGINEER = {
  username: 'sun.tac',
  password: 'Sun-Tac-2026!',
  displayName: '孙工',
  roles: ['tac_engineer'],
};
const CONTACT = { username: 'qian.portal', password: 'Qian-Portal-2026!' };

/** Waits until `check` holds (a form that re-renders after a click), polling from Node. */
async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + TIMEOUT_MS;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const checked = (page: Page, selector: string) =>
  page
    .locator(selector)
    .evaluate((el) => el.getAttribute('aria-checked') === 'true' || el.matches(':checked'));

describe('notification preferences and message templates', { timeout: 240_000 }, () => {
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  let browser: Browser;
  let page: Page;
  let admin: Call;
  const consoleErrors: string[] = [];

  before(async () => {
    server = await startServerProcess({ args: ['--build-web'] });
    admin = await apiSession(server.url, ADMIN.username, ADMIN.password);
    await staffAccount(admin, server.url, ENGINEER);
    const org = await admin<{ id: number }>('POST', '/api/organisations', { name: '钱塘电力' });
    const contact = await admin<{ id: number }>('POST', `/api/organisations/${org.id}/contacts`, {
      name: '钱经理',
      email: 'qian@qiantang.example.cn',
      isPrimary: true,
    });
    await admin('POST', `/api/contacts/${contact.id}/login`, {
      username: CONTACT.username,
      password: INITIAL_PASSWORD,
    });
    await activate(server.url, CONTACT.username, CONTACT.password);
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    if (server) {
      await server.stop();
      await rm(server.dataDir, { recursive: true, force: true });
    }
    assert.deepEqual(consoleErrors, []);
  });

  async function signedIn(account: { username: string; password: string }, path: string) {
    const context = await browser.newContext({
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: { width: 1366, height: 900 },
    });
    page = await context.newPage();
    // The live preview answers 400 for a text it refuses; the browser logs that as an error.
    watch(page, consoleErrors, [], /status of 40[01]/);
    await page.goto(`${server.url}${path}`);
    await logIn(page, account);
    return page;
  }

  it('an engineer switches reply mails off and sets quiet hours; escalations stay locked on', async () => {
    await signedIn(ENGINEER, '/account');
    await expectText(page.locator('#notification-preferences'), '我的通知');
    await expectText(page.locator('#notification-preferences'), '升级');
    assert.equal(await page.locator('#pref-escalation-email').isDisabled(), true, 'mandatory: locked');
    assert.equal(await checked(page, '#pref-escalation-email'), true);
    assert.equal(await checked(page, '#pref-reply-email'), true, 'on by default, as today');

    await page.locator('#pref-reply-email').click();
    await until('reply e-mail switched off', async () => !(await checked(page, '#pref-reply-email')));
    await page.locator('#quiet-enabled').check();
    await page.locator('#quiet-weekends').check();
    await page.locator('#preferences-save').click();
    await expectText(page.locator('.ant-message'), '通知设置已保存');
    await screenshot(page, 'notification-preferences');

    await page.reload();
    await expectText(page.locator('#notification-preferences'), '免打扰时段');
    await until('the saved switch shows off', async () => !(await checked(page, '#pref-reply-email')));
    assert.equal(await checked(page, '#quiet-weekends'), true);
    const mine = await apiSession(server.url, ENGINEER.username, ENGINEER.password);
    const saved = await mine<{ quietHours: unknown }>('GET', '/api/me/notification-preferences');
    assert.deepEqual(saved.quietHours, { start: '22:00', end: '08:00', weekends: true });
    await page.context().close();
  });

  it('a customer contact’s portal account page offers e-mail only', async () => {
    await signedIn(CONTACT, '/portal/account');
    await page.waitForURL(/\/portal\/account$/, { timeout: TIMEOUT_MS });
    const card = page.locator('#notification-preferences');
    await expectText(card, '我的通知');
    await expectText(card, '已解决 / 关闭');
    assert.equal(await card.getByText('短信', { exact: true }).count(), 0, 'no SMS column for contacts');
    assert.equal(await page.locator('#pref-resolved-email').count(), 1);
    await page.context().close();
  });

  it('an administrator edits a mail template with the live preview, then resets it', async () => {
    await signedIn(ADMIN, '/admin/message-templates');
    await page.waitForURL(/\/admin\/message-templates$/, { timeout: TIMEOUT_MS });
    await page.locator('[id="template-email-case.replied"]').click();
    await expectText(page.locator('#template-preview-subject'), '新回复：核心交换机宕机');

    await page.locator('#template-subject').fill('[{{number}}] 客户有新消息：{{title}}');
    await expectText(
      page.locator('#template-preview-subject'),
      '[TAC-2026-000123] 客户有新消息：核心交换机宕机',
    );
    const frame = page.locator('#template-preview-html');
    assert.equal(await frame.getAttribute('sandbox'), '', 'the preview runs nothing and reaches nothing');

    await page.locator('#template-body').fill('回复内容：{{secret}}');
    await expectText(page.locator('.ant-form-item-explain-error').first(), '{{secret}}');
    await page.locator('#template-body').fill('回复内容：');
    await page.locator('#template-placeholders [data-placeholder="body"]').click();
    await until(
      'the chip inserted {{body}}',
      async () => (await page.locator('#template-body').inputValue()) === '回复内容：{{body}}',
    );
    await expectText(
      page.frameLocator('#template-preview-html').locator('body'),
      '回复内容：已远程确认电源模块故障',
    );
    await screenshot(page, 'message-templates');

    await page.locator('#template-save').click();
    await expectText(page.locator('.ant-message'), '模板已保存');
    await expectText(page.locator('[id="template-email-case.replied"]'), '已修改');
    const list = await admin<{
      items: Array<{ kind: string; key: string; locales: Array<{ locale: string; subject: string }> }>;
    }>('GET', '/api/message-templates');
    const replied = list.items.find((e) => e.kind === 'email' && e.key === 'case.replied')!;
    assert.equal(replied.locales[0]!.subject, '[{{number}}] 客户有新消息：{{title}}');

    await page.locator('#template-reset').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await expectText(page.locator('.ant-message'), '已恢复默认文字');
    await until(
      'the default subject is back',
      async () => (await page.locator('#template-subject').inputValue()) === '[{{number}}] 新回复：{{title}}',
    );
    await page.context().close();
  });
});
