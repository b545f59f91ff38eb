/**
 * The whole service journey of issue 4 in three browsers against one server in test mode: the
 * hotline operator finds the customer by the device's serial number and opens a P1 under its
 * contract → the engineer, with the queue open, sees it arrive live, replies and writes an internal
 * note → the server's clock is moved past ten minutes and the Manager1 step of the escalation
 * schedule shows as fired → the customer logs into the portal, sees the public reply and not the
 * note, and answers → the engineer sees the answer live and resolves → the customer confirms and
 * the case is closed. Screenshots of the console and the portal are written as artefacts.
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
  type Call,
} from './lib/journey.ts';

const OPERATOR = { username: 'sun.hotline', password: 'Hotline-Pass-2026' };
const ENGINEER = { username: 'zhao.tac', password: 'Engineer-Pass-2026' };
const CUSTOMER = { username: 'chen.bank', password: 'Customer-Pass-2026' };
const ORG = '江南城市商业银行';
const SERIAL = 'FDO2339K1ZT';
const TITLE = '数据中心核心交换机 FDO2339K1ZT 宕机，网银交易中断';
const REPLY = '您好，工程师已远程登录排查，请保持机房值班人员电话畅通。';
const NOTE = '内部：疑似 IOS-XE 17.9 已知缺陷，准备升级方案';
const ANSWER = '机房值班：刘工 13912345678，已在现场配合。';

describe(
  'the service journey: hotline → engineer → escalation → portal → closure',
  { timeout: 240_000 },
  () => {
    let server: Awaited<ReturnType<typeof startServerProcess>>;
    let browser: Browser;
    let admin: Call;
    let operator: Page;
    let engineer: Page;
    let customer: Page;
    let caseUrl = '';
    let caseId = 0;
    const errors: string[] = [];

    const newPage = async (viewport = { width: 1366, height: 900 }) => {
      const page = await (await browser.newContext({ locale: 'zh-CN', viewport })).newPage();
      watch(page, errors);
      return page;
    };

    before(async () => {
      server = await startServerProcess({ args: ['--build-web'], env: { TACDESK_TEST_MODE: 'true' } });
      admin = await apiSession(server.url, 'admin', ADMIN_TEST_PASSWORD);
      await admin('PATCH', '/api/settings', { hotlineNumber: '400-820-8820' });

      // The customer, its data centre, its contact with a portal login, its switch and its contract.
      const org = await admin<{ id: number }>('POST', '/api/organisations', { name: ORG, code: 'JNCB' });
      const site = await admin<{ id: number }>('POST', `/api/organisations/${org.id}/sites`, {
        name: '滨江数据中心',
        city: '杭州',
      });
      const contact = await admin<{ id: number }>('POST', `/api/organisations/${org.id}/contacts`, {
        name: '陈静（科技部）',
        mobile: '13800002222',
        isPrimary: true,
      });
      await admin('POST', `/api/contacts/${contact.id}/login`, {
        username: CUSTOMER.username,
        password: INITIAL_PASSWORD,
      });
      await activate(server.url, CUSTOMER.username, CUSTOMER.password);
      const model = await admin<{ id: number }>('POST', '/api/product-models', {
        vendor: 'Cisco',
        model: 'C9500-48Y4C',
        category: 'network',
        warrantyMonths: 36,
      });
      await admin('POST', '/api/assets', {
        productModelId: model.id,
        serial: SERIAL,
        organisationId: org.id,
        siteId: site.id,
        installedOn: '2025-06-01',
      });
      const calendars = await admin<{ items: { id: number; code: string }[] }>('GET', '/api/calendars');
      const always = calendars.items.find((c) => c.code === '7x24')!.id;
      const level = await admin<{ id: number }>('POST', '/api/service-levels', {
        code: 'GOLD-JN',
        name: '金牌 7×24',
        nameEn: 'Gold 7x24',
        targets: [1, 2, 3, 4].map((priority) => ({
          priority,
          calendarId: always,
          responseMinutes: 15 * priority,
          diagnosisMinutes: 120 * priority,
          resolutionMinutes: 480 * priority,
          pauseOnVendor: true,
        })),
      });
      await admin('POST', '/api/contracts', {
        number: 'HT-2026-JNCB-01',
        organisationId: org.id,
        serviceLevelId: level.id,
        startsOn: '2026-01-01',
        endsOn: '2027-12-31',
        state: 'active',
        coversAllSites: true,
      });
      await staffAccount(admin, server.url, {
        ...OPERATOR,
        displayName: '孙丽（热线）',
        roles: ['hotline_operator'],
      });
      await staffAccount(admin, server.url, { ...ENGINEER, displayName: '赵磊', roles: ['tac_engineer'] });
      await staffAccount(admin, server.url, {
        username: 'qian.manager',
        password: 'Manager-Pass-2026',
        displayName: '钱经理',
        roles: ['manager1'],
      });

      browser = await launchChromium();
      operator = await newPage();
      engineer = await newPage();
      customer = await newPage({ width: 390, height: 844 });
    });

    after(async () => {
      await browser?.close();
      if (server) {
        await server.stop();
        await rm(server.dataDir, { recursive: true, force: true });
      }
    });

    it('the engineer keeps the queue open', async () => {
      await engineer.goto(`${server.url}/cases`);
      await logIn(engineer, ENGINEER);
      await engineer.waitForURL(/\/cases$/, { timeout: TIMEOUT_MS });
      await expectText(engineer.locator('#case-queue-table'), '没有符合条件的案例');
    });

    it('the hotline operator finds the customer by serial and sees it covered', async () => {
      await operator.goto(`${server.url}/cases/new`);
      await logIn(operator, OPERATOR);
      await operator.waitForURL(/\/cases\/new$/, { timeout: TIMEOUT_MS });
      await operator.locator('#new-case-organisation').click();
      await operator.locator('#new-case-organisation').fill('江南');
      await operator.locator('.ant-select-item-option').filter({ hasText: ORG }).click();
      await operator.locator('#new-case-serial').fill(SERIAL.toLowerCase());
      await operator.locator('#new-case-serial').press('Enter');
      await expectText(operator.locator('#entitlement-badge'), '在保');
      await expectText(operator.locator('#customer-glance-entitlement'), 'HT-2026-JNCB-01');
      await expectText(operator.locator('#customer-glance-entitlement'), '金牌 7×24');
    });

    it('opens a P1 and lands on the case with its escalation schedule', async () => {
      await operator.locator('.priority-picker__option').filter({ hasText: 'P1 一级故障' }).click();
      await operator.locator('#new-case-title').fill(TITLE);
      await operator
        .locator('#new-case-description')
        .fill('09:05 起网银交易全部失败，核心交换机 console 无响应。');
      await operator.locator('#new-case-submit').click();
      await operator.waitForURL(/\/cases\/\d+$/, { timeout: TIMEOUT_MS });
      caseUrl = operator.url();
      caseId = Number(caseUrl.split('/').pop());
      const first = operator.locator('#escalation-schedule .escalation-row').first();
      await expectText(first, 'Manager1');
      await expectText(first, '待触发');
      await screenshot(operator, 'journey-operator-case');
    });

    it('the new P1 reaches the engineer live; the engineer replies and notes', async () => {
      await expectText(engineer.locator('#case-queue-table'), TITLE);
      await engineer.locator('#case-queue-table').getByText(TITLE).click();
      await engineer.waitForURL(/\/cases\/\d+$/, { timeout: TIMEOUT_MS });
      await engineer.locator('#composer-tab-reply').click();
      await engineer.locator('#composer-body').fill(REPLY);
      await engineer.locator('#composer-submit').click();
      await expectText(engineer.locator('.timeline-entry[data-kind="reply"]'), REPLY);
      await engineer.locator('#composer-tab-note').click();
      await engineer.locator('#composer-body').fill(NOTE);
      await engineer.locator('#composer-submit').click();
      await expectText(engineer.locator('.timeline-entry[data-kind="note"]'), NOTE);
    });

    it('ten minutes later (server clock moved) the Manager1 step has fired', async () => {
      const moved = await admin<{ offsetMinutes: number }>('POST', '/api/test/clock', { advanceMinutes: 11 });
      assert.equal(moved.offsetMinutes, 11);
      // The sweep runs every few seconds; the fired step reaches the open page by the live stream.
      const first = engineer.locator('#escalation-schedule .escalation-row').first();
      await expectText(first, '已触发');
      await expectText(first, 'Manager1');
      await screenshot(engineer, 'journey-engineer-escalated');
    });

    it('the customer sees the public reply, never the note, and answers', async () => {
      await customer.goto(`${server.url}/portal/cases/${caseId}`);
      await logIn(customer, CUSTOMER);
      await customer.waitForURL(new RegExp(`/portal/cases/${caseId}$`), { timeout: TIMEOUT_MS });
      await expectText(customer.locator('.timeline-entry[data-kind="reply"]').first(), REPLY);
      assert.equal(await customer.getByText(NOTE).count(), 0);
      assert.ok(!(await customer.content()).includes('IOS-XE 17.9'), 'the note is not even in the page');
      await customer.locator('#portal-reply-body').fill(ANSWER);
      await customer.locator('#portal-reply-submit').click();
      await expectText(customer.locator('.timeline-entry[data-kind="reply"]').last(), ANSWER);
      await screenshot(customer, 'journey-portal-phone');
    });

    it('the answer reaches the engineer live; the engineer resolves', async () => {
      await expectText(engineer.locator('.timeline-entry[data-kind="reply"]').last(), ANSWER);
      if (await engineer.locator('#transition-in_progress').count())
        await engineer.locator('#transition-in_progress').click();
      await engineer.locator('#transition-resolved').click();
      await expectText(engineer.locator('.case-header .case-state-tag'), '已解决');
    });

    it('the customer confirms; the case is closed for everyone', async () => {
      await expectText(customer.locator('#portal-resolved-notice'), '已解决');
      await customer.locator('#portal-confirm-resolved').click();
      await expectText(customer.locator('.case-header .case-state-tag'), '已关闭');
      await expectText(engineer.locator('.case-header .case-state-tag'), '已关闭');
      await screenshot(engineer, 'journey-engineer-closed');
      assert.deepEqual(errors, []);
    });
  },
);
