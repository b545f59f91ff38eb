/**
 * Browser journey of a customer contact on the portal: the IT engineer of a power company logs in
 * and lands on 我的案例, opens a P2 (the P1/P2 hotline notice shows the number from the settings),
 * the TAC engineer (over the API) replies publicly and writes an internal note, the contact sees the
 * reply and not the note, replies with a log file, the engineer resolves, the contact confirms. The
 * list filters and search, English and a phone screen; dates read in the account's time zone
 * (Asia/Shanghai) although the browser runs in UTC. A contact of a bank cannot open the power
 * company's case (not found); staff following a /portal link land in the console. The portal's
 * chunks never include the console's pages. Real server process, real Chromium.
 */
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ADMIN_TEST_PASSWORD, startServerProcess } from '../test/harness/server-process.ts';
import {
  activate,
  apiSession,
  expectText,
  INITIAL_PASSWORD,
  logIn,
  screenshot,
  staffAccount,
  TIMEOUT_MS,
  watch,
  type Call,
  launchChromium,
} from './lib/journey.ts';

const HOTLINE = '400-820-1234';
const CONTACT = { username: 'li.portal', password: 'Portal-Pass-2026' };
const FOREIGN = { username: 'wang.portal', password: 'Portal-Pass-2027' };
const ENGINEER = { username: 'zhao.tac', password: 'Engineer-Pass-2026' };
const TITLE = '调度中心核心交换机 CPU 持续 100%，SCADA 访问缓慢';
const REPLY = '您好，请提供交换机 display cpu 与日志信息，我们远程排查。';
const NOTE = '内部：怀疑光模块批次问题，先别告诉客户';
const CUSTOMER_REPLY = '日志已上传，CPU 峰值出现在 09:00 左右。';
/** Chunks of the console's pages: a contact's browser must never fetch them. */
const CONSOLE_CHUNKS = /\/static\/(?:case-queue-page|case-detail-page|new-case-page)-/;

async function portalContact(
  admin: Call,
  baseUrl: string,
  org: string,
  person: string,
  account: typeof CONTACT,
) {
  const organisation = await admin<{ id: number }>('POST', '/api/organisations', { name: org });
  const site = await admin<{ id: number }>('POST', `/api/organisations/${organisation.id}/sites`, {
    name: '调度中心机房',
    city: '杭州',
  });
  const contact = await admin<{ id: number }>('POST', `/api/organisations/${organisation.id}/contacts`, {
    name: person,
    mobile: '13800001111',
    isPrimary: true,
  });
  await admin('POST', `/api/contacts/${contact.id}/login`, {
    username: account.username,
    password: INITIAL_PASSWORD,
  });
  await activate(baseUrl, account.username, account.password);
  return { organisationId: organisation.id, siteId: site.id };
}

/** "2026-11-22 09:05" of an instant in Asia/Shanghai, as the portal writes it. */
function shanghai(iso: string): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(iso))
      .map((part) => [part.type, part.value]),
  );
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

describe('customer contact on the portal', { timeout: 180_000 }, () => {
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let engineer: Call;
  let caseId = 0;
  let caseUrl = '';
  let caseNumber = '';
  const consoleErrors: string[] = [];
  const scripts: string[] = [];

  before(async () => {
    server = await startServerProcess({ args: ['--build-web'] });
    const admin = await apiSession(server.url, 'admin', ADMIN_TEST_PASSWORD);
    await admin('PATCH', '/api/settings', { hotlineNumber: HOTLINE });
    await portalContact(admin, server.url, '华东电力调度集团', '李明（信息中心）', CONTACT);
    await portalContact(admin, server.url, '江南农村商业银行', '王芳（科技部）', FOREIGN);
    await staffAccount(admin, server.url, { ...ENGINEER, displayName: '赵磊', roles: ['tac_engineer'] });
    engineer = await apiSession(server.url, ENGINEER.username, ENGINEER.password);

    browser = await launchChromium();
    // The browser runs in UTC; the contact's account says Asia/Shanghai, and that is what the portal shows.
    context = await browser.newContext({
      locale: 'zh-CN',
      timezoneId: 'UTC',
      viewport: { width: 1280, height: 900 },
    });
    page = await context.newPage();
    watch(page, consoleErrors, scripts);
  });

  after(async () => {
    await browser?.close();
    if (server) {
      await server.stop();
      await rm(server.dataDir, { recursive: true, force: true });
    }
  });

  it('logs in and lands on 我的案例', async () => {
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/login$/, { timeout: TIMEOUT_MS });
    await logIn(page, CONTACT);
    await page.waitForURL(/\/portal\/cases$/, { timeout: TIMEOUT_MS });
    await expectText(page.locator('.portal-header__nav'), '我的案例');
    await expectText(page.locator('.portal-header__org'), '华东电力调度集团');
    await expectText(page.locator('#portal-case-list'), '没有符合条件的案例');
    await expectText(page.locator('.portal-footer__hotline'), HOTLINE);
  });

  it('opens a P2 case and is told to phone the hotline as well', async () => {
    await page.locator('#portal-nav-new').click();
    await page.waitForURL(/\/portal\/cases\/new$/, { timeout: TIMEOUT_MS });
    assert.equal(await page.locator('#hotline-notice').count(), 0);
    await page.locator('#portal-case-title').fill(TITLE);
    await page
      .locator('#portal-case-description')
      .fill(
        '今天 08:40 起调度中心核心交换机 CPU 持续 100%，SCADA 客户端访问缓慢，已重启一台接入交换机无效。',
      );
    await page.locator('.priority-picker__option').filter({ hasText: 'P2 二级故障' }).click();
    await expectText(page.locator('.priority-picker'), '系统性能严重损坏');
    await expectText(page.locator('#priority-examples'), '系统性能严重降低');
    await expectText(page.locator('#hotline-notice'), 'P1/P2 紧急故障');
    await expectText(page.locator('#hotline-number'), HOTLINE);
    await page.locator('#portal-case-site').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '调度中心机房' }).click();
    await page.locator('#portal-case-serial').fill('210235A1XYZ');
    await screenshot(page, 'portal-new-case-zh');

    // P3 needs no call: the notice goes away, and comes back for P1.
    await page.locator('.priority-picker__option').filter({ hasText: 'P3 三级故障' }).click();
    await page.locator('#hotline-notice').waitFor({ state: 'detached', timeout: TIMEOUT_MS });
    await page.locator('.priority-picker__option').filter({ hasText: 'P2 二级故障' }).click();
    await page.locator('#hotline-notice').waitFor({ timeout: TIMEOUT_MS });

    await page.locator('#portal-case-submit').click();
    await page.waitForURL(/\/portal\/cases\/\d+$/, { timeout: TIMEOUT_MS });
    caseUrl = page.url();
    caseId = Number(new URL(caseUrl).pathname.split('/').at(-1));
    caseNumber = await expectText(page.locator('#case-number'), /TAC-\d{4}-\d{6}/);
    assert.match(caseNumber, /^TAC-\d{4}-\d{6}$/);
    await expectText(page.locator('#case-title'), TITLE);
    await expectText(page.locator('.case-header .case-state-tag'), '新建');
    await expectText(page.locator('#hotline-notice'), caseNumber);
    await expectText(page.locator('#hotline-notice'), HOTLINE);
  });

  it('shows dates in the account time zone, not the browser one', async () => {
    const kase = await engineer<{ openedAt: string; channel: string; contact: { name: string } }>(
      'GET',
      `/api/cases/${caseId}`,
    );
    assert.equal(kase.channel, 'web');
    assert.equal(kase.contact.name, '李明（信息中心）');
    await expectText(page.locator('.case-header__facts'), shanghai(kase.openedAt));
  });

  it('sees the engineer’s public reply but never the internal note', async () => {
    await engineer('POST', `/api/cases/${caseId}/transitions`, { to: 'in_progress' });
    await engineer('POST', `/api/cases/${caseId}/entries`, { kind: 'note', body: NOTE });
    await engineer('POST', `/api/cases/${caseId}/entries`, { kind: 'reply', body: REPLY });

    await page.reload();
    const reply = page.locator('.timeline-entry[data-kind="reply"]');
    await expectText(reply, REPLY);
    await expectText(reply, '赵磊');
    await expectText(page.locator('.case-header .case-state-tag'), '处理中');
    assert.equal(await page.locator('.timeline-entry[data-visibility="internal"]').count(), 0);
    assert.ok(!(await page.locator('body').textContent())?.includes(NOTE), 'the internal note leaked');
  });

  it('replies with a log file', async () => {
    await page.locator('#portal-reply-body').fill(CUSTOMER_REPLY);
    await page.locator('#portal-reply input[type="file"]').setInputFiles({
      name: 'core-switch.log',
      mimeType: 'text/plain',
      buffer: Buffer.from('Nov 22 09:00:01 CORE-SW1 %CPU-4-HIGH: CPU utilization 100%\n'),
    });
    await page.locator('#portal-reply-submit').click();
    await expectText(page.locator('.timeline-entry[data-kind="reply"]').last(), CUSTOMER_REPLY);
    await expectText(page.locator('#case-attachments'), 'core-switch.log');
    await expectText(page.locator('.timeline-entry[data-kind="attachment"]').last(), 'core-switch.log');
    await screenshot(page, 'portal-case-zh');

    const entries = await engineer<{
      items: { kind: string; body: string | null; author: { kind: string } }[];
    }>('GET', `/api/cases/${caseId}/entries`);
    const last = entries.items.filter((e) => e.kind === 'reply').at(-1);
    assert.equal(last?.body, CUSTOMER_REPLY);
    assert.equal(last?.author.kind, 'contact');
  });

  it('confirms the resolution', async () => {
    await engineer('POST', `/api/cases/${caseId}/transitions`, { to: 'resolved' });
    await page.reload();
    await expectText(page.locator('#portal-resolved-notice'), '已解决');
    await page.locator('#portal-not-fixed').waitFor();
    await screenshot(page, 'portal-case-resolved-zh');
    await page.locator('#portal-confirm-resolved').click();
    await expectText(page.locator('.case-header .case-state-tag'), '已关闭');
    await expectText(page.locator('#portal-closed-notice'), '此案例已关闭');
    assert.equal(await page.locator('#portal-reply').count(), 0, 'a closed case takes no replies');
    const kase = await engineer<{ state: string }>('GET', `/api/cases/${caseId}`);
    assert.equal(kase.state, 'closed');
  });

  it('asks to close an open case, giving the reason', async () => {
    const contact = await apiSession(server.url, CONTACT.username, CONTACT.password);
    const other = await contact<{ id: number; number: string; notice: unknown }>('POST', '/api/cases', {
      title: '咨询：防火墙策略导出方法',
      description: '请告知如何导出防火墙全部策略。',
      priority: 4,
    });
    assert.equal(other.notice, null, 'a P4 asks for no call');
    await page.goto(`${server.url}/portal/cases/${other.id}`);
    await expectText(page.locator('#case-number'), other.number);
    assert.equal(await page.locator('#hotline-notice').count(), 0);
    await page.locator('#portal-ask-close').click();
    await page.locator('.ant-modal .ant-btn-primary').click();
    await expectText(page.locator('.ant-modal'), '请填写原因');
    await page.locator('#reason-input').fill('已按手册自行导出，不再需要支持。');
    await page.locator('.ant-modal .ant-btn-primary').click();
    await expectText(page.locator('.case-header .case-state-tag'), '已关闭');
    await expectText(page.locator('.timeline-entry[data-kind="state_change"]').last(), '不再需要支持');
  });

  it('finds the case with the list filters and search', async () => {
    await page.locator('#portal-nav-cases').click();
    await page.waitForURL(/\/portal\/cases$/, { timeout: TIMEOUT_MS });
    await expectText(page.locator('#portal-case-list'), '没有符合条件的案例');
    await page.locator('#portal-status-filter').getByText('已关闭', { exact: true }).click();
    await page.waitForURL(/status=closed/, { timeout: TIMEOUT_MS });
    await expectText(page.locator('#portal-case-list'), caseNumber);
    await page.locator('#portal-status-filter').getByText('全部', { exact: true }).click();
    await page.locator('#portal-case-search').fill('SCADA');
    await page.locator('#portal-case-search').press('Enter');
    await page.waitForURL(/q=SCADA/, { timeout: TIMEOUT_MS });
    await expectText(page.locator('#portal-case-list'), TITLE);
    await screenshot(page, 'portal-case-list-zh');
    await page.locator('#portal-case-search').fill('不存在的关键字');
    await page.locator('#portal-case-search').press('Enter');
    await expectText(page.locator('#portal-case-list'), '没有符合条件的案例');
  });

  it('reads in English, and on a phone', async () => {
    await page.goto(caseUrl);
    await expectText(page.locator('#case-number'), caseNumber);
    await page.locator('#language-switch').getByText('English', { exact: true }).click();
    await expectText(page.locator('.case-header .case-state-tag'), 'Closed');
    await expectText(page.locator('#portal-closed-notice'), 'This case is closed');
    await expectText(page.locator('.portal-header__nav'), 'My cases');
    await screenshot(page, 'portal-case-en');

    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await expectText(page.locator('.case-header .case-state-tag'), 'Closed');
    await screenshot(page, 'portal-case-en-phone');
    await page.goto(`${server.url}/portal/cases?status=all`);
    await expectText(page.locator('#portal-case-list'), caseNumber);
    const width = await page.evaluate<number>('document.documentElement.scrollWidth');
    assert.ok(width <= 390, `the list scrolls sideways on a phone (${width}px)`);
    await screenshot(page, 'portal-case-list-en-phone');
    // Back to Chinese, so the account is left as the product's default.
    await page.locator('#language-switch').getByText('中文', { exact: true }).click();
    await expectText(page.locator('.portal-header__nav'), '我的案例');
  });

  it('never downloads the console’s pages', () => {
    assert.ok(
      scripts.some((url) => /portal-case-page-/.test(url)),
      'the portal chunks were loaded',
    );
    assert.deepEqual(
      scripts.filter((url) => CONSOLE_CHUNKS.test(url)),
      [],
    );
  });

  it('a contact of another organisation cannot open the case', async () => {
    const other = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    try {
      const foreign = await other.newPage();
      const errors: string[] = [];
      // The case's 404 is the expected answer; the browser logs it as a failed resource.
      watch(foreign, errors, [], /status of (?:401|404)/);
      await foreign.goto(caseUrl);
      await foreign.waitForURL(/\/login\?next=/, { timeout: TIMEOUT_MS });
      await logIn(foreign, FOREIGN);
      await foreign.waitForURL(new RegExp(`/portal/cases/${caseId}$`), { timeout: TIMEOUT_MS });
      await expectText(foreign.locator('.portal-case-not-found'), '案例不存在或您无权查看');
      assert.ok(!(await foreign.locator('body').textContent())?.includes(TITLE));
      await screenshot(foreign, 'portal-case-not-found-zh');
      await foreign.locator('#portal-nav-cases').click();
      await foreign.locator('#portal-status-filter').getByText('全部', { exact: true }).click();
      await expectText(foreign.locator('#portal-case-list'), '没有符合条件的案例');
      assert.deepEqual(errors, []);
    } finally {
      await other.close();
    }
  });

  it('staff following a portal link land on the console’s case page', async () => {
    const staff = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    try {
      const desk = await staff.newPage();
      await desk.goto(caseUrl);
      await desk.waitForURL(/\/login\?next=/, { timeout: TIMEOUT_MS });
      await logIn(desk, ENGINEER);
      await desk.waitForURL(`${server.url}/cases/${caseId}`, { timeout: TIMEOUT_MS });
      assert.equal(new URL(desk.url()).pathname, `/cases/${caseId}`);
      // The console shows the internal note the customer never saw.
      await expectText(desk.locator('.timeline-entry[data-kind="note"]'), NOTE);
    } finally {
      await staff.close();
    }
  });

  it('raised no browser errors', () => {
    assert.deepEqual(consoleErrors, []);
  });
});
