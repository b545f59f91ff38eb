/**
 * What every browser journey needs: waiting for a text, screenshots as test artefacts, an API
 * session for seeding (cookie jar + CSRF header), first-login activation, logging in through the
 * zh-CN form, and collecting console errors and the scripts a page fetched.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

export const SCREENSHOT_DIR = process.env.E2E_SCREENSHOT_DIR ?? tmpdir();
/** Generous: CI shares two cores with everything else, and a wait ends as soon as its condition holds. */
export const TIMEOUT_MS = 30_000;
/** The password an administrator gives a new account; `activate` changes it. */
export const INITIAL_PASSWORD = 'Initial-Pass-2026';

/** Debian's Chromium (or CHROMIUM_PATH), headless, with nothing phoning home. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Waits until the first match is visible and its text contains (or matches) `expected`. */
export async function expectText(locator: Locator, expected: string | RegExp): Promise<string> {
  await locator.first().waitFor({ state: 'visible', timeout: TIMEOUT_MS });
  const deadline = Date.now() + TIMEOUT_MS;
  let actual = '';
  while (Date.now() < deadline) {
    actual = (await locator.first().textContent()) ?? '';
    if (typeof expected === 'string' ? actual.includes(expected) : expected.test(actual)) return actual;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`expected text matching ${String(expected)}, got ${JSON.stringify(actual)}`);
}

/** A full-page screenshot `tacdesk-<name>.png` in SCREENSHOT_DIR, taken from the top once spinners are gone. */
export async function screenshot(page: Page, name: string): Promise<void> {
  // From the top: a full-page shot of a scrolled page paints the sticky header mid-page.
  await page.evaluate('window.scrollTo(0, 0)');
  await page.locator('.ant-spin-blur').waitFor({ state: 'detached', timeout: TIMEOUT_MS });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `tacdesk-${name}.png`), fullPage: true });
}

export type Call = <T>(method: string, path: string, body?: unknown) => Promise<T>;

/** A tiny API client with a cookie jar and the CSRF header; a non-2xx answer fails the test. */
export async function apiSession(baseUrl: string, username: string, password: string): Promise<Call> {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  assert.equal(login.status, 200, await login.clone().text());
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    assert.ok(response.ok, `${method} ${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
}

/** An account whose administrator-set password (INITIAL_PASSWORD) has been changed to `password`. */
export async function activate(baseUrl: string, username: string, password: string): Promise<void> {
  const first = await apiSession(baseUrl, username, INITIAL_PASSWORD);
  await first('POST', '/api/me/password', { currentPassword: INITIAL_PASSWORD, newPassword: password });
}

/** A staff account with these roles, ready to log in with `password`. */
export async function staffAccount(
  admin: Call,
  baseUrl: string,
  account: { username: string; password: string; displayName: string; roles: string[]; branchId?: number },
): Promise<{ id: number }> {
  const { password, ...fields } = account;
  const user = await admin<{ id: number }>('POST', '/api/users', { ...fields, password: INITIAL_PASSWORD });
  await activate(baseUrl, account.username, password);
  return user;
}

/** Logs in through the zh-CN login form. */
export async function logIn(page: Page, account: { username: string; password: string }): Promise<void> {
  await page.getByLabel('用户名', { exact: true }).fill(account.username);
  await page.getByLabel('密码', { exact: true }).fill(account.password);
  await page.getByLabel('密码', { exact: true }).press('Enter');
}

/** Collects page errors and console errors (except `allowed`) into `errors`, script URLs into `scripts`. */
export function watch(page: Page, errors: string[], scripts: string[] = [], allowed = /status of 401/): void {
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !allowed.test(message.text())) errors.push(message.text());
  });
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(request.url());
  });
}
