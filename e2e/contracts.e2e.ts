/**
 * Browser journey of a service manager (Manager1) keeping the customer's service contract: the
 * list (another customer's contract already there), New contract covering two devices picked by
 * serial with promises and the owner (服务专员), the list again (ending soon highlighted, search
 * by customer name), the contract page with the service level's P1–P4 targets, a downtime
 * extension of 30 hours recorded from the case (2 whole days: the end moves, the signed end
 * stays), then the hotline's entitlement check by serial (covered; another device of the same
 * customer not covered, and why), in zh-CN and English. Real server process, real Chromium.
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

const MANAGER = { username: 'mgr1.e2e', password: 'Manager1-Pass-2026' };
const OWNER = { username: 'lin.owner', password: 'Owner-Pass-2026', name: '林晓（服务专员）' };
const CUSTOMER = '海川证券股份有限公司';
const OTHER_CUSTOMER = '滨江港务集团';
const NUMBER = 'HT-2026-HCZQ-001';
const SERIALS = ['2102351931P0K8000111', '2102351931P0K8000222'] as const;
const UNCOVERED = '2102351931P0K8000333';
const DAY_MS = 86_400_000;

/** Wall-clock parts of an instant in Asia/Shanghai (the accounts' time zone). */
function shanghai(date: Date) {
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
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
  return {
    day: `${p.year}-${p.month}-${p.day}`,
    local: `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`,
  };
}

const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

describe(
  'a manager records a contract, a downtime extension, and checks entitlement',
  { timeout: 180_000 },
  () => {
    let server: Awaited<ReturnType<typeof startServerProcess>>;
    let browser: Browser;
    let page: Page;
    let caseNumber = '';
    let contractUrl = '';
    const consoleErrors: string[] = [];
    const today = shanghai(new Date()).day;
    const startsOn = addDays(today, -180);
    const endsOn = addDays(today, 40);

    before(async () => {
      server = await startServerProcess({ args: ['--build-web'] });
      const admin = await apiSession(server.url, 'admin', ADMIN_TEST_PASSWORD);
      const org = await admin<{ id: number }>('POST', '/api/organisations', { name: CUSTOMER, code: 'HCZQ' });
      const dc = await admin<{ id: number }>('POST', `/api/organisations/${org.id}/sites`, {
        name: '张江数据中心',
        city: '上海',
      });
      const dr = await admin<{ id: number }>('POST', `/api/organisations/${org.id}/sites`, {
        name: '外高桥灾备中心',
        city: '上海',
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
      const model = await admin<{ id: number }>('POST', '/api/product-models', {
        vendor: 'Huawei',
        model: 'CE6881-48S6CQ',
        category: 'network',
        warrantyMonths: 36,
      });
      for (const [serial, siteId] of [
        [SERIALS[0], dc.id],
        [SERIALS[1], dr.id],
        [UNCOVERED, dc.id],
      ] as const) {
        await admin('POST', '/api/assets', {
          productModelId: model.id,
          serial,
          organisationId: org.id,
          siteId,
          installedOn: addDays(today, -400),
        });
      }
      // Another customer's contract, so the list is not empty to start with.
      const other = await admin<{ id: number }>('POST', '/api/organisations', { name: OTHER_CUSTOMER });
      await admin('POST', '/api/contracts', {
        number: 'HT-2025-BJGW-007',
        organisationId: other.id,
        serviceLevelId: level.id,
        startsOn: addDays(today, -30),
        endsOn: addDays(today, 335),
      });
      // The customer's case during which the core switch stood still.
      const kase = await admin<{ number: string }>('POST', '/api/cases', {
        organisationId: org.id,
        siteId: dc.id,
        assetSerial: SERIALS[0],
        priority: 1,
        title: '核心交换机软件缺陷导致交易网中断',
        description: '升级后 VRP 软件缺陷，核心交换机反复重启。',
      });
      caseNumber = kase.number;
      await staffAccount(admin, server.url, {
        username: OWNER.username,
        password: OWNER.password,
        displayName: OWNER.name,
        roles: ['quality_staff'],
      });
      await staffAccount(admin, server.url, {
        ...MANAGER,
        displayName: '周建国（客服经理）',
        roles: ['manager1'],
      });

      browser = await launchChromium();
      const context = await browser.newContext({
        locale: 'zh-CN',
        timezoneId: 'UTC',
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

    it('logs in as Manager1 and sees the contract list', async () => {
      await page.goto(`${server.url}/contracts`);
      await logIn(page, MANAGER);
      await page.waitForURL(/\/contracts$/, { timeout: TIMEOUT_MS });
      await expectText(page.locator('#contract-table'), 'HT-2025-BJGW-007');
      await expectText(page.locator('#contract-table'), OTHER_CUSTOMER);
      await expectText(page.locator('#contract-table .contract-state-tag'), '生效');
      await page.locator('#new-contract-button').click();
      await page.waitForURL(/\/contracts\/new$/, { timeout: TIMEOUT_MS });
    });

    it('records a contract covering two devices picked by serial', async () => {
      await page.locator('#contract-number').fill(NUMBER);
      await page.locator('#contract-service-level').click();
      await page.locator('.ant-select-item-option').filter({ hasText: 'GOLD' }).click();
      await page.locator('#contract-organisation').click();
      await page.locator('#contract-organisation').fill('海川');
      await page.locator('.ant-select-item-option').filter({ hasText: CUSTOMER }).click();
      await page.locator('#contract-starts-on').fill(startsOn);
      await page.locator('#contract-starts-on').press('Enter');
      await page.locator('#contract-ends-on').fill(endsOn);
      await page.locator('#contract-ends-on').press('Enter');

      await page.locator('#contract-coverage').getByText('指定设备').click();
      await page.locator('#contract-assets').click();
      for (const serial of SERIALS) {
        await page.locator('#contract-assets').fill(serial.slice(-6));
        await page.locator('.ant-select-item-option').filter({ hasText: serial }).click();
      }
      await page.keyboard.press('Escape');

      await page.locator('#contract-onsite-hours').fill('4');
      await page.locator('#contract-parts-hours').fill('8');
      await page.locator('#contract-inspections').fill('4');
      await page.locator('#contract-owner').click();
      await page.locator('#contract-owner').fill('林晓');
      await page.locator('.ant-select-item-option').filter({ hasText: OWNER.name }).click();
      await page.locator('#contract-notes').fill('交易网核心设备，季度巡检。');
      await screenshot(page, 'contract-new');
      await page.locator('#contract-submit').click();
      await page.waitForURL(/\/contracts\/\d+$/, { timeout: TIMEOUT_MS });
      contractUrl = page.url();

      await expectText(page.locator('#contract-number'), NUMBER);
      await expectText(page.locator('.contract-header .contract-state-tag'), '生效');
      await expectText(page.locator('#contract-days-left'), '剩 40 天');
      await expectText(page.locator('#contract-assets-table'), SERIALS[0]);
      await expectText(page.locator('#contract-assets-table'), 'Huawei CE6881-48S6CQ');
      await expectText(page.locator('#contract-assets-table'), '外高桥灾备中心');
      await expectText(page.locator('#contract-promises'), '4 小时');
      await expectText(page.locator('#contract-promises'), '每年 4 次');
      await expectText(page.locator('.contract-header'), OWNER.name);
      // The service level's targets, one row a priority.
      const targets = page.locator('#contract-service-level tr.ant-table-row');
      assert.equal(await targets.count(), 4);
      await expectText(targets.first(), '30 分钟');
      await expectText(targets.first(), '全天候 7×24');
    });

    it('finds it in the list: ending soon highlighted, searchable by customer', async () => {
      await page.locator('.contract-back').click();
      await page.waitForURL(/\/contracts$/, { timeout: TIMEOUT_MS });
      const row = page.locator('#contract-table tr').filter({ hasText: NUMBER });
      await expectText(row, CUSTOMER);
      await expectText(row, '剩 40 天');
      await expectText(row, '2 台设备');
      await expectText(row, OWNER.name);
      assert.match((await row.getAttribute('class')) ?? '', /contract-row--expiring/);

      await page.locator('#contract-search').fill('海川证券');
      await page.locator('#contract-search').press('Enter');
      await page.waitForURL(/q=/, { timeout: TIMEOUT_MS });
      await expectText(page.locator('#contract-table'), NUMBER);
      await page.locator('#contract-table').getByText('HT-2025-BJGW-007').waitFor({ state: 'detached' });
      await page.locator('#contract-filter-ending').click();
      await page.locator('.ant-select-item-option').filter({ hasText: '60 天内到期' }).click();
      await page.waitForURL(/endsWithinDays=60/, { timeout: TIMEOUT_MS });
      await expectText(page.locator('#contract-table'), NUMBER);
      await page.keyboard.press('Escape');
      await screenshot(page, 'contracts-list');
    });

    it('edits the contract: a taken number is refused at the field', async () => {
      await page.goto(contractUrl);
      await page.locator('#edit-contract').click();
      await page.waitForURL(/\/contracts\/\d+\/edit$/, { timeout: TIMEOUT_MS });
      await page.locator('#contract-organisation-name').waitFor();
      assert.equal(await page.locator('#contract-organisation-name').inputValue(), CUSTOMER);
      await page.locator('#contract-number').fill('HT-2025-BJGW-007');
      await page.locator('#contract-submit').click();
      const numberItem = page.locator('.ant-form-item').filter({ has: page.locator('#contract-number') });
      await expectText(numberItem.locator('.ant-form-item-explain'), '该合同编号已被使用');
      // The browser logs the refused save (409); that one was asked for.
      const refused = consoleErrors.findIndex((e) => /status of 409/.test(e));
      assert.ok(refused >= 0, 'the duplicate number was refused by the server');
      consoleErrors.splice(refused, 1);
      await page.locator('#contract-number').fill(NUMBER);
      await page.locator('#contract-submit').click();
      await page.waitForURL(/\/contracts\/\d+$/, { timeout: TIMEOUT_MS });
      await expectText(page.locator('#contract-number'), NUMBER);
    });

    it('records 30 hours of downtime from the case: +2 days', async () => {
      await page.locator('#record-extension').click();
      await page.locator('#extension-case').click();
      await page.locator('#extension-case').fill(caseNumber);
      await page.locator('.ant-select-item-option').filter({ hasText: caseNumber }).click();
      await page.locator('#extension-cause').getByText('软件质量问题').click();
      const downFrom = new Date(Date.now() - 3 * DAY_MS);
      downFrom.setUTCMinutes(0, 0, 0);
      const downTo = new Date(downFrom.getTime() + 30 * 3_600_000);
      await page.locator('#extension-down-from').fill(shanghai(downFrom).local);
      await page.locator('#extension-down-to').fill(shanghai(downTo).local);
      // The whole 24 h days are shown before submitting.
      await expectText(page.locator('#extension-preview'), '停机 30 小时，顺延 2 天');
      await expectText(page.locator('#extension-preview'), `${endsOn} → ${addDays(endsOn, 2)}`);
      await page
        .locator('#extension-reason')
        .fill('VRP 软件缺陷致核心交换机停止运行 30 小时，按合同顺延维保期。');
      await screenshot(page, 'contract-extension-dialog');
      await page.locator('#extension-submit').click();

      const row = page.locator('#contract-extensions-table tr.ant-table-row').first();
      await expectText(row, '+2 天');
      await expectText(row, caseNumber);
      await expectText(row, `${endsOn} → ${addDays(endsOn, 2)}`);
      await expectText(row, '周建国');
      await expectText(page.locator('#contract-original-end'), endsOn);
      await expectText(page.locator('#contract-original-end'), `顺延 2 天至 ${addDays(endsOn, 2)}`);
      await expectText(page.locator('#contract-period'), addDays(endsOn, 2));
      await expectText(page.locator('#contract-days-left'), '剩 42 天');
      await screenshot(page, 'contract-detail');
    });

    it('checks entitlement by serial: covered, and another device not covered', async () => {
      await page.locator('.contract-back').click();
      await page.waitForURL(/\/contracts$/, { timeout: TIMEOUT_MS });
      await page.locator('#quick-entitlement').fill(SERIALS[1]);
      await page.locator('#quick-entitlement').press('Enter');
      await page.waitForURL(/\/contracts\/entitlement\?serial=/, { timeout: TIMEOUT_MS });
      await expectText(page.locator('#entitlement-verdict'), '在保');
      await expectText(page.locator('#entitlement-reason'), '服务合同有效');
      await expectText(page.locator('#entitlement-contract'), NUMBER);
      await expectText(page.locator('#entitlement-asset'), '外高桥灾备中心');
      await expectText(page.locator('#entitlement-contract-warranty'), addDays(endsOn, 2));
      await expectText(page.locator('.entitlement'), '金牌 7×24');
      await expectText(page.locator('#entitlement-maker-warranty'), '保修期内');
      await screenshot(page, 'contract-entitlement');

      await page.locator('#entitlement-serial').fill(UNCOVERED);
      await page.locator('#entitlement-serial').press('Enter');
      await expectText(page.locator('#entitlement-verdict'), '不在保');
      await expectText(page.locator('#entitlement-reason'), '该设备不在服务合同范围内');
    });

    it('reads in English', async () => {
      await page.locator('#language-switch').getByText('English', { exact: true }).click();
      await expectText(page.locator('#entitlement-verdict'), 'Not covered');
      await expectText(page.locator('#entitlement-reason'), 'This device is not covered by a contract');
      await page.goto(contractUrl);
      await expectText(page.locator('#contract-extensions'), 'Downtime extensions');
      await expectText(page.locator('#contract-extensions-table'), '+2 days');
      await expectText(page.locator('.contract-header .contract-state-tag'), 'Active');
      await expectText(page.locator('#contract-days-left'), '42 days left');
      await screenshot(page, 'contract-detail-en');
      await page.setViewportSize({ width: 390, height: 844 });
      await expectText(page.locator('#contract-number'), NUMBER);
      await screenshot(page, 'contract-detail-en-phone');
      assert.deepEqual(consoleErrors, []);
    });
  },
);
