/**
 * Browser journey of the seed 004 RMA flow, each person in a browser of their own: the TAC engineer
 * finds a failed power supply and requests the spare from the case page's RMA card (a wrong serial
 * first: the server's message shows at the field); the customer's contact confirms on the portal;
 * the Hangzhou spare-parts clerk issues the spare from the branch store and records the vendor RMA;
 * the engineer replaces the part; the clerk receives the faulty part (serial checked), the vendor's
 * good part, and sends the faulty one back: closed. The board files it under 已完成, the monthly
 * report counts it, and the board reads in English. Real server process, real Chromium.
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

const ENGINEER = { username: 'sun.tac', password: 'Engineer-Pass-2026' };
const CLERK = { username: 'qian.spares', password: 'Clerk-Pass-2026' };
const CONTACT = { username: 'zhou.bank', password: 'Contact-Pass-2026' };
const CUSTOMER = '杭州城市商业银行';
const FAULTY = 'FOC2231X0AB';
const SPARE = 'LIT2301A0AA';
const VENDOR_PART = 'LIT2302B0BB';
const PART = 'PWR-C1-715WAC-P';
const VENDOR_RMA = '88512345';
const WAYBILL = 'SF1234567890';

describe('RMA: spare from the branch store, vendor replenishes it', { timeout: 240_000 }, () => {
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  let browser: Browser;
  let engineer: Page;
  let clerk: Page;
  let contact: Page;
  let caseId = 0;
  let rmaId = 0;
  let rmaNumber = '';
  const errors: string[] = [];

  before(async () => {
    server = await startServerProcess({ args: ['--build-web'] });
    const admin = await apiSession(server.url, 'admin', ADMIN_TEST_PASSWORD);
    const branch = await admin<{ id: number }>('POST', '/api/branches', {
      code: 'HZ',
      name: '杭州分公司',
      vendorDirectDelivery: true,
    });
    const store = await admin<{ id: number }>('POST', '/api/warehouses', {
      code: 'WH-HZ',
      name: '杭州分公司备件库',
      nameEn: 'Hangzhou store',
      branchId: branch.id,
    });
    const part = await admin<{ id: number }>('POST', '/api/spare-parts', {
      partNumber: PART,
      name: '715W 交流电源模块',
      nameEn: '715W AC power supply',
      vendor: 'Cisco',
      serialised: true,
    });
    await admin('POST', '/api/stock/movements', {
      kind: 'purchase_in',
      warehouseId: store.id,
      partId: part.id,
      quantity: 1,
      serial: SPARE,
    });
    const model = await admin<{ id: number }>('POST', '/api/product-models', {
      vendor: 'Cisco',
      model: 'C9300-48P',
      partNumber: 'C9300-48P-E',
      category: 'network',
      warrantyMonths: 36,
    });
    const org = await admin<{ id: number }>('POST', '/api/organisations', {
      name: CUSTOMER,
      branchId: branch.id,
    });
    const site = await admin<{ id: number }>('POST', `/api/organisations/${org.id}/sites`, {
      name: '数据中心机房',
      city: '杭州',
    });
    await admin('POST', '/api/assets', {
      productModelId: model.id,
      serial: FAULTY,
      organisationId: org.id,
      siteId: site.id,
      installedOn: '2025-06-01',
    });
    const person = await admin<{ id: number }>('POST', `/api/organisations/${org.id}/contacts`, {
      name: '周伟（科技部）',
      mobile: '13900002222',
      isPrimary: true,
    });
    await admin('POST', `/api/contacts/${person.id}/login`, {
      username: CONTACT.username,
      password: INITIAL_PASSWORD,
    });
    await activate(server.url, CONTACT.username, CONTACT.password);
    const engineerUser = await staffAccount(admin, server.url, {
      ...ENGINEER,
      displayName: '孙浩',
      roles: ['tac_engineer'],
      branchId: branch.id,
    });
    await staffAccount(admin, server.url, {
      ...CLERK,
      displayName: '钱丽',
      roles: ['spare_parts_clerk'],
      branchId: branch.id,
    });
    const asEngineer = await apiSession(server.url, ENGINEER.username, ENGINEER.password);
    const kase = await asEngineer<{ id: number }>('POST', '/api/cases', {
      organisationId: org.id,
      siteId: site.id,
      title: '核心交换机电源模块故障告警',
      description: `设备 ${FAULTY} 电源 PS1 故障灯亮，show env 显示 PS1 faulty。`,
      priority: 2,
      assetSerial: FAULTY,
      assigneeId: engineerUser.id,
    });
    caseId = kase.id;

    browser = await launchChromium();
    const open = async () => {
      const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
      const page = await context.newPage();
      // The wrong serials below are answered 400 on purpose; the browser logs those as failed resources.
      watch(page, errors, [], /status of (?:400|401)/);
      return page;
    };
    engineer = await open();
    clerk = await open();
    contact = await open();
  });

  after(async () => {
    await browser?.close();
    if (server) {
      await server.stop();
      await rm(server.dataDir, { recursive: true, force: true });
    }
  });

  /** Clicks a step's button on the RMA page, fills its dialog and waits for the dialog to close. */
  async function step(page: Page, name: string, fill: () => Promise<void> = async () => {}) {
    await page.locator(`#rma-step-${name}`).click();
    await page.locator('.ant-modal').waitFor({ timeout: TIMEOUT_MS });
    await fill();
    await page.locator('#rma-step-ok').click();
    await page.locator('.ant-modal').waitFor({ state: 'detached', timeout: TIMEOUT_MS });
  }

  it('the engineer requests the spare from the case page (a wrong serial is refused at the field)', async () => {
    await engineer.goto(`${server.url}/cases/${caseId}`);
    await logIn(engineer, ENGINEER);
    await engineer.waitForURL(new RegExp(`/cases/${caseId}$`), { timeout: TIMEOUT_MS });
    await expectText(engineer.locator('#case-rmas'), '暂无备件申请');
    await engineer.locator('#request-rma').click();
    assert.equal(await engineer.locator('#request-rma-serial').inputValue(), FAULTY);
    await engineer.locator('#request-rma-part').click();
    await engineer.locator('#request-rma-part').fill('PWR-C1');
    await engineer.locator('.ant-select-item-option').filter({ hasText: PART }).click();
    await engineer
      .locator('#request-rma-reason')
      .fill('PS1 故障，风扇正常；show env 显示 PS1 faulty，需更换电源模块。');

    await engineer.locator('#request-rma-serial').fill('NOPE-123');
    await engineer.locator('#request-rma-ok').click();
    await expectText(engineer.locator('.ant-modal .ant-form-item-explain-error'), '此项有误');
    await engineer.locator('#request-rma-serial').fill(FAULTY);
    await engineer.locator('#request-rma-ok').click();
    await engineer.locator('.ant-modal').waitFor({ state: 'detached', timeout: TIMEOUT_MS });

    const item = engineer.locator('#case-rmas .rma-card__item');
    rmaNumber = await expectText(item.locator('a'), /^RMA-\d{4}-\d{6}$/);
    await expectText(item.locator('.rma-state-tag'), '待客户确认');
    await expectText(item, PART);
    await expectText(engineer.locator('.case-header .case-state-tag'), 'RMA 待处理');
    rmaId = Number((await item.locator('a').getAttribute('href'))?.split('/').at(-1));
    assert.ok(rmaId > 0);
  });

  it('the customer confirms the replacement on the portal', async () => {
    await contact.goto(`${server.url}/portal/cases/${caseId}`);
    await logIn(contact, CONTACT);
    await contact.waitForURL(new RegExp(`/portal/cases/${caseId}$`), { timeout: TIMEOUT_MS });
    const notice = contact.locator(`#portal-rma-pending-${rmaId}`);
    await expectText(notice, '您的设备需要更换备件');
    await expectText(notice, FAULTY);
    await expectText(notice, PART);
    await screenshot(contact, 'portal-rma-confirm');
    await contact.locator('#portal-rma-confirm').click();
    await contact.locator('#portal-rma-note').fill('同意更换，请工作日上门。');
    await contact.locator('#portal-rma-confirm-ok').click();
    await expectText(contact.locator(`#portal-rma-${rmaId}`), '您已确认，我们正在准备备件');
    await expectText(contact.locator(`#portal-rma-${rmaId}`), '周伟');
    assert.equal(await contact.locator('#portal-rma-confirm').count(), 0);
  });

  it('the clerk issues the spare from the branch store and records the vendor RMA', async () => {
    await clerk.goto(`${server.url}/rmas/${rmaId}`);
    await logIn(clerk, CLERK);
    await clerk.waitForURL(new RegExp(`/rmas/${rmaId}$`), { timeout: TIMEOUT_MS });
    await expectText(clerk.locator('#rma-number'), rmaNumber);
    await expectText(clerk.locator('.rma-header .rma-state-tag'), '待查库存');
    // The clerk does the store's steps, not the engineer's.
    assert.equal(await clerk.locator('#rma-step-replace').count(), 0);
    await step(clerk, 'fulfil');
    await expectText(clerk.locator('.rma-header .rma-state-tag'), '备件待更换');
    await expectText(clerk.locator('#rma-facts'), SPARE);
    await expectText(clerk.locator('#rma-facts'), '分支备件库');
    await step(clerk, 'open_vendor_rma', () => clerk.locator('#rma-vendor-number').fill(VENDOR_RMA));
    await expectText(clerk.locator('#rma-vendor-side'), VENDOR_RMA);
    await expectText(clerk.locator('#rma-vendor-side'), '厂商直发分公司');
  });

  it('the engineer replaces the part', async () => {
    await engineer.goto(`${server.url}/rmas/${rmaId}`);
    await expectText(engineer.locator('.rma-header .rma-state-tag'), '备件待更换');
    assert.equal(await engineer.locator('#rma-step-fulfil').count(), 0);
    await step(engineer, 'replace', () =>
      engineer.locator('#rma-replace-note').fill('已更换电源，告警消除。'),
    );
    await expectText(engineer.locator('.rma-header .rma-state-tag'), '已更换，坏件待交回');
    await expectText(engineer.locator('#rma-no-actions'), '备件专员');
  });

  it('the clerk receives the faulty part (serial checked), the vendor part, and returns the faulty one', async () => {
    await clerk.reload();
    await expectText(clerk.locator('.rma-header .rma-state-tag'), '已更换，坏件待交回');
    await clerk.locator('#rma-step-receive_faulty').click();
    await clerk.locator('#rma-faulty-serial').fill('FOC0000XXXX');
    await clerk.locator('#rma-step-ok').click();
    await expectText(clerk.locator('.ant-modal .ant-form-item-explain-error'), '此项有误');
    await clerk.locator('#rma-faulty-serial').fill(FAULTY);
    await clerk.locator('#rma-step-ok').click();
    await clerk.locator('.ant-modal').waitFor({ state: 'detached', timeout: TIMEOUT_MS });
    await expectText(clerk.locator('.rma-header .rma-state-tag'), '坏件待寄还厂商');

    await step(clerk, 'receive_part', async () => {
      await clerk.locator('#rma-good-serial').fill(VENDOR_PART);
      await clerk.locator('#rma-receive-vendor-number').fill(VENDOR_RMA);
    });
    await expectText(clerk.locator('#rma-vendor-side'), VENDOR_PART);
    await expectText(clerk.locator('#rma-return-due'), /\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);

    await step(clerk, 'return_to_vendor', () => clerk.locator('#rma-waybill').fill(WAYBILL));
    await expectText(clerk.locator('.rma-header .rma-state-tag'), '已完成');
    await expectText(clerk.locator('#rma-vendor-side'), WAYBILL);
    await expectText(clerk.locator('#rma-no-actions'), '此 RMA 已结束');
    assert.equal(await clerk.locator('#rma-flow .ant-steps-item-finish').count(), 6);
    await clerk.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: TIMEOUT_MS });
    await screenshot(clerk, 'rma-detail');
  });

  it('the board files it under 已完成, with the count', async () => {
    await clerk.locator('.rma-detail__back').click();
    await clerk.waitForURL(/\/rmas$/, { timeout: TIMEOUT_MS });
    await expectText(clerk.locator('#rma-board-table'), '没有符合条件的 RMA');
    await clerk.locator('#rma-board-tabs [data-tab="closed"]').click();
    await clerk.waitForURL(/tab=closed/, { timeout: TIMEOUT_MS });
    const row = clerk.locator('#rma-board-table tbody tr').filter({ hasText: rmaNumber });
    await expectText(row, CUSTOMER);
    await expectText(row, FAULTY);
    await expectText(row.locator('.rma-state-tag'), '已完成');
    await expectText(clerk.locator('#rma-board-tabs [data-tab="closed"] .rma-board__count'), '1');
    await clerk.locator('#rma-search').fill(VENDOR_RMA);
    await clerk.locator('#rma-search').press('Enter');
    await clerk.waitForURL(/q=88512345/, { timeout: TIMEOUT_MS });
    await expectText(clerk.locator('#rma-board-table tbody'), rmaNumber);
    await clerk.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: TIMEOUT_MS });
    await screenshot(clerk, 'rma-board');
  });

  it('the monthly report counts it, from branch stock', async () => {
    await clerk.locator('#rma-report-link').click();
    await clerk.waitForURL(/\/rmas\/report$/, { timeout: TIMEOUT_MS });
    const row = clerk.locator('#rma-report-table tbody tr').filter({ hasText: '杭州分公司' });
    await expectText(row, '杭州分公司');
    const cells = await row.locator('td').allTextContents();
    assert.deepEqual(cells.slice(0, 5), ['杭州分公司', '1', '1', '0', '1']);
    const href = await clerk.locator('#rma-report-xlsx').getAttribute('href');
    assert.match(href ?? '', /^\/api\/rmas\/report\.xlsx\?month=\d{4}-\d{2}$/);
    await screenshot(clerk, 'rma-report');
  });

  it('reads in English', async () => {
    await clerk.goto(`${server.url}/rmas?tab=closed`);
    await clerk.locator('#language-switch').getByText('English', { exact: true }).click();
    await expectText(clerk.locator('.rma-board .page__title'), 'Spare-part replacement (RMA)');
    await expectText(clerk.locator('#rma-board-tabs [data-tab="closed"]'), 'Completed');
    await expectText(clerk.locator('#rma-board-table .rma-state-tag'), 'Completed');
    await clerk.locator('#language-switch').getByText('中文', { exact: true }).click();
    await expectText(clerk.locator('.rma-board .page__title'), '备件更换（RMA）');
  });

  it('the case page lists the finished RMA', async () => {
    await engineer.goto(`${server.url}/cases/${caseId}`);
    const item = engineer.locator('#case-rmas .rma-card__item');
    await expectText(item, rmaNumber);
    await expectText(item.locator('.rma-state-tag'), '已完成');
    await screenshot(engineer, 'rma-case-card');
  });

  it('raised no browser errors', () => {
    assert.deepEqual(errors, []);
  });
});
