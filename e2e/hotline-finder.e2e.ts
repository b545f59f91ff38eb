/**
 * Browser journey of the hotline finder: a customer calls and reads part of the serial number off
 * the box. The operator types it into the one search box on New case, picks the customer's unit
 * with the arrow keys and Enter, and sees beside the form the customer, the contract and its
 * service level, "covered", the maker's warranty and the customer's open case on that very unit;
 * then finds the caller by part of the mobile number (the contact is filled, the serial stays),
 * opens a P1 and lands on the case. One English check. Real server process, real Chromium.
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
} from './lib/journey.ts';

const OPERATOR = { username: 'finder.e2e', password: 'Finder-Pass-2026' };
const CUSTOMER = '东湖电力集团';
const OTHER_CUSTOMER = '江城轨道交通';
const SITE = '220kV 调度中心';
const CALLER = '陈志远';
const SERIAL = '2102113925P0K9000777';
/** Another customer's unit whose serial shares the part the caller reads out. */
const OTHER_SERIAL = '2102113925P0K9000778';
const CONTRACT = 'HT-2026-DHDL-001';
const OPEN_CASE = '调度中心核心交换机风扇告警';
const TITLE = '调度中心核心交换机宕机，SCADA 通信中断';
const DAY_MS = 86_400_000;
const today = new Date().toISOString().slice(0, 10);
const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

describe('the hotline operator finds the caller by part of a serial', { timeout: 150_000 }, () => {
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  let browser: Browser;
  let page: Page;
  let openCaseNumber = '';
  const consoleErrors: string[] = [];

  before(async () => {
    server = await startServerProcess({ args: ['--build-web'] });
    const admin = await apiSession(server.url, 'admin', ADMIN_TEST_PASSWORD);
    const model = await admin<{ id: number }>('POST', '/api/product-models', {
      vendor: 'Huawei',
      model: 'S12700E-8',
      category: 'network',
      warrantyMonths: 36,
    });
    // Registered first, so it is listed first for the shared part of the serial.
    const other = await admin<{ id: number }>('POST', '/api/organisations', { name: OTHER_CUSTOMER });
    await admin('POST', '/api/assets', {
      productModelId: model.id,
      serial: OTHER_SERIAL,
      organisationId: other.id,
    });
    const org = await admin<{ id: number }>('POST', '/api/organisations', { name: CUSTOMER, code: 'DHDL' });
    const site = await admin<{ id: number }>('POST', `/api/organisations/${org.id}/sites`, {
      name: SITE,
      city: '武汉',
    });
    await admin('POST', `/api/organisations/${org.id}/contacts`, {
      name: CALLER,
      mobile: '138-0027-5566',
      siteId: site.id,
    });
    await admin('POST', '/api/assets', {
      productModelId: model.id,
      serial: SERIAL,
      organisationId: org.id,
      siteId: site.id,
      installedOn: addDays(today, -200),
    });
    const calendars = await admin<{ items: Array<{ id: number; code: string }> }>('GET', '/api/calendars');
    const calendarId = calendars.items.find((c) => c.code === '7x24')!.id;
    const target = (priority: number, m: number) => ({
      priority,
      calendarId,
      responseMinutes: 30 * m,
      diagnosisMinutes: 240 * m,
      resolutionMinutes: 1440 * m,
    });
    const level = await admin<{ id: number }>('POST', '/api/service-levels', {
      code: 'GOLD',
      name: '金牌 7×24',
      nameEn: 'Gold 7×24',
      targets: [target(1, 1), target(2, 2), target(3, 4), target(4, 8)],
    });
    await admin('POST', '/api/contracts', {
      number: CONTRACT,
      organisationId: org.id,
      serviceLevelId: level.id,
      startsOn: addDays(today, -100),
      endsOn: addDays(today, 265),
      coversAllSites: false,
      serials: [SERIAL],
    });
    // Already open on that unit: the operator must see it before opening another.
    openCaseNumber = (
      await admin<{ number: string }>('POST', '/api/cases', {
        organisationId: org.id,
        siteId: site.id,
        assetSerial: SERIAL,
        priority: 3,
        title: OPEN_CASE,
        description: '2 号风扇模块告警，待备件。',
      })
    ).number;
    await staffAccount(admin, server.url, {
      ...OPERATOR,
      displayName: '孙丽（热线）',
      roles: ['hotline_operator'],
    });

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

  it('logs in straight into New case, the finder focused', async () => {
    await page.goto(`${server.url}/cases/new`);
    await logIn(page, OPERATOR);
    await page.waitForURL(/\/cases\/new$/, { timeout: TIMEOUT_MS });
    const search = page.locator('#intake-search');
    await search.waitFor({ timeout: TIMEOUT_MS });
    assert.equal(await search.getAttribute('placeholder'), '电话、联系人、客户或序列号');
    await expectText(page.locator('#customer-glance'), '查找来电或选择客户后');
  });

  it('types part of the serial and picks the unit with the arrow keys and Enter', async () => {
    const search = page.locator('#intake-search');
    await search.click();
    await search.pressSequentially('p0k900077', { delay: 30 });
    const options = page.locator('#intake-search-results [role="option"]');
    await expectText(options.nth(1), SERIAL);
    await expectText(options.nth(0), OTHER_CUSTOMER);
    await expectText(options.nth(1), '序列号');
    await expectText(options.nth(1), CUSTOMER);
    assert.equal(await options.nth(0).getAttribute('aria-selected'), 'true');
    await search.press('ArrowDown');
    assert.equal(await options.nth(1).getAttribute('aria-selected'), 'true');
    await screenshot(page, 'new-case-finder-results');
    await search.press('Enter');
    await page.locator('#intake-search-results').waitFor({ state: 'detached', timeout: TIMEOUT_MS });
  });

  it('sees the customer, contract, service level, "covered" and the open case on that unit', async () => {
    assert.equal(await page.locator('#new-case-serial').inputValue(), SERIAL);
    const field = (id: string) => page.locator('.ant-form-item').filter({ has: page.locator(id) });
    await expectText(field('#new-case-organisation'), CUSTOMER);
    await expectText(field('#new-case-site'), SITE);

    const glance = page.locator('#customer-glance');
    await expectText(glance.locator('#customer-glance-who'), `${CUSTOMER}（DHDL）`);
    await expectText(glance.locator('#customer-glance-who'), SITE);
    await expectText(glance.locator('#entitlement-badge'), '在保');
    const entitlement = glance.locator('#customer-glance-entitlement');
    await expectText(entitlement, CONTRACT);
    await expectText(entitlement, '金牌 7×24');
    await expectText(entitlement, `S12700E-8 · ${SERIAL}`);
    await expectText(entitlement, '保修期内');
    await expectText(entitlement, addDays(today, 265));
    const cases = glance.locator('#customer-glance-cases');
    await expectText(cases, openCaseNumber);
    await expectText(cases, OPEN_CASE);
    await expectText(cases, 'P3');
    await expectText(cases, '同一设备');
  });

  it('finds the caller by part of the mobile number: the contact is filled, the serial stays', async () => {
    const search = page.locator('#intake-search');
    await search.fill('');
    await search.pressSequentially('0027 5566', { delay: 30 });
    const first = page.locator('#intake-search-results [role="option"]').first();
    await expectText(first, CALLER);
    await expectText(first, '电话');
    await search.press('Enter');
    const field = page.locator('.ant-form-item').filter({ has: page.locator('#new-case-contact') });
    await expectText(field, CALLER);
    await expectText(page.locator('#customer-glance-who'), '138-0027-5566');
    assert.equal(await page.locator('#new-case-serial').inputValue(), SERIAL);
  });

  it('opens a P1 and lands on the case', async () => {
    await page.locator('.priority-picker__option').filter({ hasText: 'P1 一级故障' }).click();
    await page.locator('#new-case-title').fill(TITLE);
    await page
      .locator('#new-case-description')
      .fill('08:10 起调度中心核心交换机无响应，SCADA 与变电站通信中断。');
    await screenshot(page, 'new-case-finder');
    await page.locator('#new-case-submit').click();
    await page.waitForURL(/\/cases\/\d+$/, { timeout: TIMEOUT_MS });
    const number = await expectText(page.locator('#case-number'), /TAC-\d{4}-\d{6}/);
    assert.notEqual(number.trim(), openCaseNumber);
    await expectText(page.locator('.case-header'), TITLE);
  });

  it('reads in English', async () => {
    await page.locator('#language-switch').getByText('English', { exact: true }).click();
    await page.locator('.app-header__nav').getByText('Cases', { exact: true }).click();
    await page.waitForURL(/\/cases$/, { timeout: TIMEOUT_MS });
    await page.locator('#new-case-button').click();
    await page.waitForURL(/\/cases\/new$/, { timeout: TIMEOUT_MS });
    const search = page.locator('#intake-search');
    await search.waitFor({ timeout: TIMEOUT_MS });
    assert.equal(await search.getAttribute('placeholder'), 'Phone, contact, customer or serial number');
    // Like a barcode scanner: the whole serial and Enter at once; the best match is taken when it arrives.
    await search.fill(SERIAL.toLowerCase());
    await search.press('Enter');
    await expectText(
      page.locator('.ant-form-item').filter({ has: page.locator('#new-case-organisation') }),
      CUSTOMER,
    );
    assert.equal(await page.locator('#new-case-serial').inputValue(), SERIAL);
    await expectText(page.locator('#customer-glance'), 'Customer at a glance');
    await expectText(page.locator('#entitlement-badge'), 'Covered');
    await expectText(page.locator('#customer-glance-entitlement'), 'Gold 7×24');
    // Both open cases now: the earlier one and the P1 just opened.
    await expectText(page.locator('#customer-glance-cases'), TITLE);
    await screenshot(page, 'new-case-finder-en');
    assert.deepEqual(consoleErrors, []);
  });
});
