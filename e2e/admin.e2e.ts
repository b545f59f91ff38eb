/**
 * Browser journey of an administrator setting up the service centre: a staff user with two
 * roles (who then signs in and must change the initial password), a customer with a site and
 * a named contact given a portal login, a public holiday and a make-up working day (调休) on
 * the 5×8 calendar, the P1 10-minute step of a service level's escalation matrix (seed 001's
 * table) changed and still there after a reload, and the hotline number in the settings; in
 * zh-CN and English. Real server process, real Chromium.
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
  TIMEOUT_MS,
  watch,
} from './lib/journey.ts';

const ADMIN = { username: 'admin', password: ADMIN_TEST_PASSWORD };
const NEW_USER = { username: 'zhao.field', password: 'Field-Init-2026', name: '赵磊' };
const CUSTOMER = '江南农商银行';
const YEAR = 2026;
const HOLIDAY = `${YEAR}-06-15`; // a Monday
const MAKE_UP_DAY = `${YEAR}-06-27`; // a Saturday after the Dragon Boat Festival
const HOTLINE = '400-820-8899';

/**
 * Ticks a checkbox whose state follows the form (antd's useWatch re-renders a moment after the
 * click): click, then wait until it shows checked, instead of Playwright's immediate check.
 */
async function tick(page: Page, selector: string): Promise<void> {
  await page.locator(selector).click();
  const box = page.locator(selector);
  const deadline = Date.now() + TIMEOUT_MS;
  while (!(await box.isChecked())) {
    if (Date.now() > deadline) throw new Error(`${selector} did not become checked`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe(
  'an administrator sets up users, customers, calendars, escalation and settings',
  { timeout: 240_000 },
  () => {
    let server: Awaited<ReturnType<typeof startServerProcess>>;
    let browser: Browser;
    let page: Page;
    let levelId = 0;
    const consoleErrors: string[] = [];

    before(async () => {
      server = await startServerProcess({ args: ['--build-web'] });
      const admin = await apiSession(server.url, ADMIN.username, ADMIN.password);
      const calendars = await admin<{ items: Array<{ id: number; code: string }> }>('GET', '/api/calendars');
      const calendarId = calendars.items.find((c) => c.code === '7x24')!.id;
      const level = await admin<{ id: number }>('POST', '/api/service-levels', {
        code: 'GOLD',
        name: '金牌 7×24',
        nameEn: 'Gold 7×24',
        targets: [1, 2, 3, 4].map((priority) => ({
          priority,
          calendarId,
          responseMinutes: 30 * priority,
          diagnosisMinutes: 240 * priority,
          resolutionMinutes: 1440 * priority,
        })),
      });
      levelId = level.id;
      browser = await launchChromium();
      const context = await browser.newContext({
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        viewport: { width: 1366, height: 900 },
      });
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

    it('opens the admin area with a card per section', async () => {
      await page.goto(`${server.url}/admin`);
      await logIn(page, ADMIN);
      await page.waitForURL(/\/admin$/, { timeout: TIMEOUT_MS });
      for (const title of ['用户与角色', '客户', '工作日历', '服务级别与升级矩阵', '系统设置'])
        await expectText(page.locator('.admin-card').filter({ hasText: title }).first(), title);
    });

    it('adds a staff user with two roles, who signs in and must change the password', async () => {
      await page.locator('.admin-card').filter({ hasText: '用户与角色' }).click();
      await page.waitForURL(/\/admin\/users$/, { timeout: TIMEOUT_MS });
      await expectText(page.locator('#user-table'), 'admin');
      await page.locator('#new-user-button').click();
      await page.locator('#user-username').fill(NEW_USER.username);
      await page.locator('#user-display-name').fill(NEW_USER.name);
      await page.locator('#user-email').fill('zhao.lei@example.cn');
      await page.locator('#user-phone').fill('13800138000');
      await page.locator('.admin-role-grid').getByText('现场工程师', { exact: true }).click();
      await page.locator('.admin-role-grid').getByText('TAC 工程师', { exact: true }).click();
      await page.locator('#user-password').fill('short');
      await page.locator('#user-submit').click();
      await expectText(page.locator('.ant-form-item-explain-error').first(), '至少 10 位');
      await page.locator('#user-password').fill(NEW_USER.password);
      await page.locator('#user-submit').click();
      const row = page.locator('#user-table tr').filter({ hasText: NEW_USER.username });
      await expectText(row, NEW_USER.name);
      await expectText(row, '现场工程师');
      await expectText(row, 'TAC 工程师');

      // The role filter lives in the URL.
      await page.goto(`${server.url}/admin/users?role=field_engineer`);
      await expectText(page.locator('#user-table'), NEW_USER.username);
      assert.equal(await page.locator('#user-table tr').filter({ hasText: 'admin@' }).count(), 0);
      await screenshot(page, 'admin-users');

      const other = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
      const phone = await other.newPage();
      await phone.goto(`${server.url}/`);
      await logIn(phone, { username: NEW_USER.username, password: NEW_USER.password });
      await phone.waitForURL(/\/account\/password$/, { timeout: TIMEOUT_MS });
      await other.close();
    });

    it('adds a customer with a site and a named contact with a portal login', async () => {
      await page.goto(`${server.url}/admin/organisations`);
      await page.locator('#new-organisation-button').click();
      await page.locator('#organisation-name').fill(CUSTOMER);
      await page.locator('#organisation-code').fill('JNNSH');
      await page.locator('#organisation-industry').fill('金融');
      await page.locator('#organisation-submit').click();
      await page.waitForURL(/\/admin\/organisations\/\d+$/, { timeout: TIMEOUT_MS });
      await expectText(page.locator('#organisation-title'), CUSTOMER);

      await page.locator('#new-site-button').click();
      await page.locator('#site-name').fill('总行数据中心');
      await page.locator('#site-city').fill('无锡');
      await page.locator('#site-submit').click();
      await expectText(page.locator('#site-table'), '总行数据中心');

      await page.locator('#new-contact-button').click();
      await page.locator('#contact-name').fill('钱敏');
      await page.locator('#contact-title').fill('科技部运维主管');
      await page.locator('#contact-mobile').fill('13912345678');
      await page.locator('#contact-email').fill('qian.min@jnnsh.example.cn');
      await page.locator('#contact-site').click();
      await page.locator('.ant-select-item-option').filter({ hasText: '总行数据中心' }).click();
      await page.locator('#contact-primary').check();
      await page.locator('#contact-submit').click();
      const contact = page.locator('#contact-table tr').filter({ hasText: '钱敏' });
      await expectText(contact, '指定联系人');
      await expectText(contact, '总行数据中心');

      await contact.getByRole('button', { name: '开通门户账号' }).click();
      await page.locator('#portal-username').fill('qian.min');
      await page.locator('#portal-password').fill('Portal-Init-2026');
      await page.locator('#portal-login-submit').click();
      await expectText(contact, 'qian.min');
      await expectText(contact, '可登录');
      await screenshot(page, 'admin-organisation');
    });

    it('adds a public holiday and a make-up working day to the 5×8 calendar', async () => {
      await page.goto(`${server.url}/admin/calendars`);
      await page.locator('#calendar-table').getByText('工作日 5×8').click();
      await page.waitForURL(/\/admin\/calendars\/\d+$/, { timeout: TIMEOUT_MS });
      await page.goto(`${page.url()}?year=${YEAR}`);
      await expectText(page.locator('#calendar-year-title'), `${YEAR} 年`);
      // The State Council's days are there: 国庆节 on 1 October.
      await expectText(page.locator(`button[data-date="${YEAR}-10-01"]`).locator('..'), '1');
      assert.match(
        (await page.locator(`button[data-date="${YEAR}-10-01"]`).getAttribute('aria-label')) ?? '',
        /国庆/,
      );

      await page.locator(`button[data-date="${HOLIDAY}"]`).click();
      await expectText(page.locator('.ant-modal-body'), '这一天上班');
      await page.locator('#day-name').fill('行庆日');
      await page.locator('#day-submit').click();
      await page.locator('#day-name').waitFor({ state: 'detached', timeout: TIMEOUT_MS });
      await page.locator(`button[data-date="${HOLIDAY}"].cal-day--holiday`).waitFor({ timeout: TIMEOUT_MS });

      await page.locator(`button[data-date="${MAKE_UP_DAY}"]`).click();
      await expectText(page.locator('.ant-modal-body'), '这一天休息');
      await page.locator('#day-kind').getByText('调休上班日').click();
      await page.locator('#day-name').fill('行庆日调休上班');
      await page.locator('#day-submit').click();
      await page.locator('#day-name').waitFor({ state: 'detached', timeout: TIMEOUT_MS });
      await page
        .locator(`button[data-date="${MAKE_UP_DAY}"].cal-day--workday`)
        .waitFor({ timeout: TIMEOUT_MS });
      await screenshot(page, 'admin-calendar');
      await page.locator('.ant-segmented').getByText('列表').click();
      const table = page.locator('#calendar-days-table');
      await expectText(table.locator('tr').filter({ hasText: HOLIDAY }), '行庆日');
      await expectText(table.locator('tr').filter({ hasText: MAKE_UP_DAY }), '调休上班日');
    });

    it('changes the P1 10-minute escalation step and finds it saved after a reload', async () => {
      await page.goto(`${server.url}/admin/service-levels/${levelId}`);
      const matrix = page.locator('#matrix-table');
      await expectText(matrix.locator('thead'), '商务状态');
      const p1At10 = matrix.locator('tr[data-elapsed="10"] td[data-track="P1"]');
      await expectText(p1At10, 'Manager1 / 高级工程师');
      await expectText(matrix.locator('tr[data-elapsed="240"] td[data-track="P1"]'), '到上级供应商开 Case');
      await expectText(matrix.locator('tr[data-elapsed="2880"] td[data-track="P2"]'), 'Manager3');
      await expectText(page.locator('#escalation-matrix'), '正在使用默认矩阵');

      await p1At10.locator('button').click();
      await tick(page, '#preset-m2');
      await page.locator('#cell-apply').click();
      await page.locator('#cell-apply').waitFor({ state: 'detached', timeout: TIMEOUT_MS });
      await expectText(p1At10, 'Manager2');

      // A new row: 30 minutes, P2 notifies Manager1 / senior engineer.
      await page.locator('#matrix-add-row').click();
      await page.locator('#row-elapsed').fill('30');
      await page.locator('#row-apply').click();
      await page.locator('#row-apply').waitFor({ state: 'detached', timeout: TIMEOUT_MS });
      await matrix.locator('tr[data-elapsed="30"] td[data-track="P2"] button').click();
      await tick(page, '#preset-m1');
      await page.locator('#cell-apply').click();
      await page.locator('#cell-apply').waitFor({ state: 'detached', timeout: TIMEOUT_MS });
      await page.locator('#matrix-save').click();
      await expectText(page.locator('.ant-message'), '升级矩阵已保存');

      await page.reload();
      await expectText(page.locator('#matrix-table tr[data-elapsed="10"] td[data-track="P1"]'), 'Manager2');
      await expectText(page.locator('#matrix-table tr[data-elapsed="30"] td[data-track="P2"]'), 'Manager1');
      assert.equal(await page.getByText('正在使用默认矩阵').count(), 0);
      await screenshot(page, 'admin-escalation-matrix');
    });

    it('sets the hotline number, still there after a reload', async () => {
      await page.goto(`${server.url}/admin/settings`);
      await page.locator('#settings-hotline').fill(HOTLINE);
      await page.locator('#settings-save').click();
      await expectText(page.locator('.ant-message'), '设置已保存');
      await page.reload();
      await page.locator('#settings-hotline').waitFor({ timeout: TIMEOUT_MS });
      assert.equal(await page.locator('#settings-hotline').inputValue(), HOTLINE);
    });

    it('uploads the company logo: the header and the login page show it', async () => {
      assert.equal(await page.locator('.app-header img.brand-logo--custom').count(), 0);
      await page.locator('#settings-logo input[type="file"]').setInputFiles({
        name: 'logo.png',
        mimeType: 'image/png',
        buffer: Buffer.from(
          'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
          'base64',
        ),
      });
      await expectText(page.locator('.ant-message'), '标志已更新');
      await page.locator('.app-header img.brand-logo--custom').waitFor({ timeout: TIMEOUT_MS });
      await expectText(page.locator('#settings-logo'), '页面顶部和登录页显示贵公司的标志');
      const anonymous = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
      await anonymous.goto(`${server.url}/login`);
      await anonymous
        .locator('img.brand-logo--custom >> visible=true')
        .first()
        .waitFor({ timeout: TIMEOUT_MS });
      await anonymous.context().close();
    });

    it('reads in English', async () => {
      await page.locator('#language-switch').getByText('English', { exact: true }).click();
      await expectText(page.locator('.page__title'), 'Settings');
      await page.goto(`${server.url}/admin/service-levels/${levelId}`);
      await expectText(page.locator('#matrix-table thead'), 'Commercial status');
      await expectText(
        page.locator('#matrix-table tr[data-elapsed="10"] td[data-track="P1"]'),
        'Notify Manager1',
      );
      assert.deepEqual(consoleErrors, []);
    });
  },
);
