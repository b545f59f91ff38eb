/**
 * Browser journey: login page in Chinese, switch to English, a wrong password is refused, the right
 * one shows who you are, the session survives a reload, the language is kept on the account (a fresh
 * browser logs in to English), and logging out returns to the login page.
 * Real server process, real Chromium (CHROMIUM_PATH, default /usr/bin/chromium).
 */
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { after, before, describe, it } from 'node:test';
import { type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { startServerProcess } from '../test/harness/server-process.ts';
import { launchChromium, TIMEOUT_MS } from './lib/journey.ts';

const ADMIN_PASSWORD = 'Admin-Test-Pass-1';
const SCREENSHOT_DIR = process.env.E2E_SCREENSHOT_DIR ?? tmpdir();

/** Waits until the locator's text contains `expected` (playwright-core has no `expect`). */
async function expectText(locator: Locator, expected: string): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout: TIMEOUT_MS });
  const deadline = Date.now() + TIMEOUT_MS;
  let actual = '';
  while (Date.now() < deadline) {
    actual = (await locator.first().textContent()) ?? '';
    if (actual.includes(expected)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`expected text containing ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

async function expectLang(page: Page, lang: string): Promise<void> {
  await page.locator(`html[lang="${lang}"]`).waitFor({ state: 'attached', timeout: TIMEOUT_MS });
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOT_DIR, `tacdesk-${name}.png`), fullPage: true });
}

/** Console errors other than the expected 401 of the boot session check (e.g. CSP violations). */
function collectConsoleErrors(page: Page, into: string[]): void {
  page.on('pageerror', (error) => into.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    if (/Failed to load resource: the server responded with a status of 401/.test(text)) return;
    into.push(text);
  });
}

async function logIn(page: Page, labels: { username: string; password: string }, password: string) {
  await page.getByLabel(labels.username, { exact: true }).fill('admin');
  await page.getByLabel(labels.password, { exact: true }).fill(password);
  // Enter submits, as a keyboard user would.
  await page.getByLabel(labels.password, { exact: true }).press('Enter');
}

const EN = { username: 'Username', password: 'Password' };
const ZH = { username: '用户名', password: '密码' };

describe('login journey', { timeout: 180_000 }, () => {
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const consoleErrors: string[] = [];

  before(async () => {
    // --build-web: the server builds the UI if stale (a no-op when dist/web is current) and serves it.
    server = await startServerProcess({
      args: ['--build-web'],
      env: { TACDESK_ADMIN_PASSWORD: ADMIN_PASSWORD },
    });
    browser = await launchChromium();
    // An English browser: the product still opens in Chinese, its audience's language.
    context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    collectConsoleErrors(page, consoleErrors);
  });

  after(async () => {
    await browser?.close();
    if (server) {
      await server.stop();
      await rm(server.dataDir, { recursive: true, force: true });
    }
  });

  it('opens on the login page, in Chinese', async () => {
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/login$/, { timeout: TIMEOUT_MS });
    await expectLang(page, 'zh-CN');
    await expectText(page.locator('h1'), '登录');
    await page.getByLabel(ZH.username, { exact: true }).waitFor();
    await expectText(page.locator('body'), '技术支持中心');
    await screenshot(page, 'login-zh');
  });

  it('switches to English', async () => {
    await page.locator('#language-switch').getByText('English', { exact: true }).click();
    await expectLang(page, 'en');
    await expectText(page.locator('h1'), 'Log in');
    await expectText(page.locator('body'), 'TAC service desk');
    await page.getByLabel(EN.username, { exact: true }).waitFor();
    await screenshot(page, 'login-en');
  });

  it('refuses a wrong password with a message', async () => {
    await logIn(page, EN, 'not-the-password');
    await expectText(page.locator('#login-error'), 'Wrong username or password.');
    assert.match(page.url(), /\/login$/);
  });

  it('logs in and shows who you are', async () => {
    await logIn(page, EN, ADMIN_PASSWORD);
    // Staff land on the dashboard; who they are is under the account menu.
    await expectText(page.locator('#dashboard-totals'), 'Open cases');
    assert.equal(new URL(page.url()).pathname, '/');
    await screenshot(page, 'dashboard-en');
    // The account menu offers the account page; the page itself is opened by its address (on a
    // loaded CI machine the menu's opening animation made the click land unreliably).
    await page.locator('.app-header__account').click();
    await page.getByText('My account', { exact: true }).waitFor({ timeout: TIMEOUT_MS });
    await page.keyboard.press('Escape');
    await page.goto(`${server.url}/account`);
    await expectText(page.locator('#me-username'), 'admin');
    await expectText(page.locator('#me-roles'), 'Administrator');
    await screenshot(page, 'home-en');
  });

  it('stays logged in across a reload', async () => {
    await page.reload();
    await expectText(page.locator('#me-username'), 'admin');
    await expectLang(page, 'en');
  });

  it('logs out to the login page', async () => {
    await page.locator('#logout-button').click();
    await page.waitForURL(/\/login$/, { timeout: TIMEOUT_MS });
    await expectText(page.locator('h1'), 'Log in');
  });

  it('keeps the language on the account: a fresh browser logs in to English', async () => {
    const fresh = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    try {
      const phone = await fresh.newPage();
      collectConsoleErrors(phone, consoleErrors);
      await phone.goto(`${server.url}/`);
      await expectText(phone.locator('h1'), '登录');
      await screenshot(phone, 'login-zh-phone');
      await logIn(phone, ZH, ADMIN_PASSWORD);
      await expectText(phone.locator('#dashboard-totals'), 'Open cases');
      await phone.goto(`${server.url}/account`);
      await expectText(phone.locator('#me-roles'), 'Administrator');
      await expectLang(phone, 'en');

      // Switching back while logged in saves the choice on the account too.
      await phone.locator('#language-switch').getByText('中文', { exact: true }).click();
      await expectText(phone.locator('#me-roles'), '系统管理员');
      await screenshot(phone, 'home-zh-phone');
      await phone.reload();
      await expectText(phone.locator('#me-roles'), '系统管理员');

      await phone.locator('#logout-button').click();
      await phone.waitForURL(/\/login$/, { timeout: TIMEOUT_MS });
      await expectText(phone.locator('h1'), '登录');
    } finally {
      await fresh.close();
    }
  });

  it('raised no browser errors (CSP violations, uncaught exceptions)', () => {
    assert.deepEqual(consoleErrors, []);
  });
});
