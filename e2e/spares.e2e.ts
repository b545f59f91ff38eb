/**
 * Browser journey of the spare-parts clerk (备件专员): HQ's store, a power supply held by serial
 * and a fan held by quantity are seeded over the API; the clerk records a purchase order (due a
 * week after signing, seed 001), marks it ordered, receives it with the serials, sees the levels
 * go up on /stock with the units by serial, reserves a power supply for a case and sees it
 * reserved (below the reorder level now), tries to reserve more fans than there are and reads
 * "only 5 available", then finds every row in the ledger. English check, console errors fail it.
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

const CLERK = { username: 'chen.spares', password: 'Spares-Pass-2026' };
const PSU = 'PWR-C1-715WAC-P';
const FAN = 'FAN-T2-R';
const SERIALS = ['LIT2301A0AA', 'LIT2301A0AB'];
const SUPPLIER = '杭州联科网络设备有限公司';

/** Picks an option of an antd Select: opens it, types to search when asked, clicks the option. */
async function pick(page: Page, selectId: string, option: string, typed?: string) {
  const input = page.locator(`#${selectId}`);
  await input.click();
  if (typed) await input.fill(typed);
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .filter({ hasText: option })
    .first()
    .click();
}

/** The stock row of a part (part number cell), on /stock. */
const levelRow = (page: Page, partNumber: string) =>
  page.locator('#stock-levels-table tr.ant-table-row').filter({ hasText: partNumber });

/** The number in a column of a stock row: good, reserved, available, faulty are columns 4–7 (after expand). */
async function cell(page: Page, partNumber: string, column: number): Promise<string> {
  return ((await levelRow(page, partNumber).locator('td').nth(column).textContent()) ?? '').trim();
}

describe('spare-parts clerk: purchase order, stock-in, reservation, ledger', { timeout: 180_000 }, () => {
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  let browser: Browser;
  let page: Page;
  let caseNumber = '';
  const errors: string[] = [];

  before(async () => {
    server = await startServerProcess({ args: ['--build-web'] });
    const admin = await apiSession(server.url, 'admin', ADMIN_TEST_PASSWORD);
    const branch = await admin<{ id: number }>('POST', '/api/branches', {
      code: 'HQ',
      name: '杭州总部',
      isHeadquarters: true,
      vendorDirectDelivery: true,
    });
    await admin('POST', '/api/warehouses', {
      code: 'WH-HQ',
      name: '总部备件库',
      nameEn: 'HQ central store',
      branchId: branch.id,
    });
    await admin('POST', '/api/spare-parts', {
      partNumber: PSU,
      name: '715W 交流电源模块',
      nameEn: '715W AC power supply',
      vendor: 'Cisco',
      serialised: true,
      minStock: 2,
    });
    await admin('POST', '/api/spare-parts', {
      partNumber: FAN,
      name: '交换机风扇模块',
      nameEn: 'Switch fan module',
      vendor: 'H3C',
      serialised: false,
      unit: 'piece',
    });
    const org = await admin<{ id: number }>('POST', '/api/organisations', { name: '钱塘电力调度中心' });
    const kase = await admin<{ number: string }>('POST', '/api/cases', {
      organisationId: org.id,
      title: '核心交换机电源模块故障',
      description: '2 号电源模块告警，需更换备件。',
      priority: 2,
    });
    caseNumber = kase.number;
    await staffAccount(admin, server.url, {
      ...CLERK,
      displayName: '陈静（备件）',
      roles: ['spare_parts_clerk'],
      branchId: branch.id,
    });

    browser = await launchChromium();
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
    page = await context.newPage();
    watch(page, errors, [], /status of (401|409)/);
  });

  after(async () => {
    await browser?.close();
    if (server) {
      await server.stop();
      await rm(server.dataDir, { recursive: true, force: true });
    }
  });

  it('logs in as the clerk and records a purchase order due a week after signing', async () => {
    await page.goto(`${server.url}/stock/purchase-orders`);
    await logIn(page, CLERK);
    await page.waitForURL(/\/stock\/purchase-orders$/, { timeout: TIMEOUT_MS });
    await expectText(page.locator('.stock-nav__link--current'), '采购单');
    await expectText(page.locator('#po-table'), '没有未完成的采购单');
    await page.locator('#new-po-button').click();
    await page.locator('#po-supplier').fill(SUPPLIER);
    await pick(page, 'po-store', '总部备件库');
    await page.locator('#po-project').fill('钱塘电力数据网扩容');
    // Seed 001: the due date is a week after the signing date.
    const signed = await page.locator('#po-signed-on').inputValue();
    const due = await page.locator('#po-due-on').inputValue();
    assert.equal((Date.parse(due) - Date.parse(signed)) / 86_400_000, 7);
    await pick(page, 'po-line-part-0', PSU, 'PWR');
    await page.locator('#po-line-quantity-0').fill('2');
    await page.locator('#po-add-line').click();
    await pick(page, 'po-line-part-1', FAN, 'FAN');
    await page.locator('#po-line-quantity-1').fill('5');
    await page.locator('#po-submit').click();
    await page.waitForURL(/\/stock\/purchase-orders\/\d+$/, { timeout: TIMEOUT_MS });
    await expectText(page.locator('.po-state-tag'), '草稿');
    await expectText(page.locator('#po-due-on'), due);
  });

  it('marks it ordered and receives it with the serials', async () => {
    await page.locator('#po-order').click();
    await page.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
    await expectText(page.locator('.po-state-tag'), '已下单');
    await page.locator('#po-receive').click();
    await page.locator('#receive-serials-0').fill(SERIALS.join('\n'));
    await expectText(page.locator('.receive-line').first(), '已填 2 个');
    await page.locator('#receive-reference').fill('DN-20261102-88');
    await page.locator('#receive-submit').click();
    await expectText(page.locator('.po-state-tag'), '已入库');
    await expectText(page.locator('#po-movements-table'), SERIALS[1]!);
    await expectText(page.locator('#po-movements-table'), 'DN-20261102-88');
    assert.equal(await page.locator('#po-receive').count(), 0, 'a received order offers no receive');
    await screenshot(page, 'purchase-order');
  });

  it('sees the levels go up on /stock, with the units by serial', async () => {
    await page.locator('.stock-nav').getByText('库存', { exact: true }).click();
    await page.waitForURL(/\/stock$/, { timeout: TIMEOUT_MS });
    await expectText(levelRow(page, PSU), '715W 交流电源模块');
    // Columns: expand, store, part number, name, good, reserved, available, faulty, min stock.
    assert.equal(await cell(page, PSU, 4), '2');
    assert.equal(await cell(page, PSU, 6), '2');
    assert.equal(await cell(page, FAN, 6), '5');
    await levelRow(page, PSU).locator('.ant-table-row-expand-icon').click();
    const available = page.locator('.stock-units__group[data-state="available"]');
    await expectText(available, SERIALS[0]!);
    await expectText(available, SERIALS[1]!);
  });

  it('reserves a power supply for the case and sees it reserved', async () => {
    await page.locator('#record-movement-button').click();
    await expectText(page.locator('#movement-form'), '预留');
    await pick(page, 'movement-store', '总部备件库');
    await pick(page, 'movement-part', PSU, 'PWR');
    await expectText(page.locator('#movement-level'), '可用 2');
    await pick(page, 'movement-case', caseNumber, caseNumber);
    await page.locator('#movement-submit').click();
    await expectText(page.locator('.ant-message'), '已登记“预留”');
    await expectText(levelRow(page, PSU).locator('td').nth(5), '1');
    assert.equal(await cell(page, PSU, 6), '1');
    // Below the reorder level of 2 now: highlighted.
    await expectText(levelRow(page, PSU), '低于 2');
    assert.match((await levelRow(page, PSU).getAttribute('class')) ?? '', /stock-row--below/);
    await expectText(page.locator('.stock-units__group[data-state="reserved"]'), SERIALS[0]!);
    await screenshot(page, 'stock-levels');
  });

  it('refuses to reserve more fans than are available, saying how many there are', async () => {
    await page.locator('#record-movement-button').click();
    await pick(page, 'movement-store', '总部备件库');
    await pick(page, 'movement-part', FAN, 'FAN');
    await page.locator('#movement-quantity').fill('10');
    await pick(page, 'movement-case', caseNumber, caseNumber);
    await page.locator('#movement-submit').click();
    await expectText(page.locator('#movement-error'), '库存不足：仅 5 件可用，需要 10 件');
    await expectText(page.locator('#movement-form .ant-form-item-explain-error'), '仅 5 件可用');
    await screenshot(page, 'stock-movement-shortage');
    await page.locator('.ant-modal-close').click();
    assert.equal(await cell(page, FAN, 6), '5');
  });

  it('finds every movement in the ledger, newest first', async () => {
    await page.locator('.stock-nav').getByText('出入库记录', { exact: true }).click();
    await page.waitForURL(/\/stock\/movements$/, { timeout: TIMEOUT_MS });
    const rows = page.locator('#stock-ledger-table tr.ant-table-row');
    await expectText(rows.first(), '预留');
    await expectText(rows.first(), caseNumber);
    await expectText(rows.first(), '陈静（备件）');
    assert.equal(await rows.count(), 4);
    await expectText(rows.nth(1), '采购入库');
    await expectText(page.locator('#stock-ledger-table'), SERIALS[1]!);
    await screenshot(page, 'stock-movements');
    await pick(page, 'ledger-filter-kind', '预留');
    await page.waitForURL(/kind=reserve/, { timeout: TIMEOUT_MS });
    await expectText(page.locator('#stock-ledger-table tr.ant-table-row').first(), SERIALS[0]!);
    // Polled from here: a page-side waitForFunction would evaluate a string, which the CSP forbids.
    const reserveRows = page.locator('#stock-ledger-table tr.ant-table-row');
    const deadline = Date.now() + TIMEOUT_MS;
    while ((await reserveRows.count()) !== 1) {
      assert.ok(Date.now() < deadline, `expected one reserve row, got ${await reserveRows.count()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });

  it('shows the catalogue, the stores and the stock report', async () => {
    await page.locator('.stock-nav').getByText('备件目录', { exact: true }).click();
    await expectText(page.locator('#parts-table'), FAN);
    await expectText(page.locator('#parts-table'), '按序列号');
    await page.locator('#new-part-button').click();
    await expectText(page.locator('#part-form'), '管理方式');
    await page.locator('.ant-modal-close').click();
    await page.locator('.stock-nav').getByText('备件库', { exact: true }).click();
    await expectText(page.locator('#stores-table'), '总部中心库');
    await page.locator('.stock-nav').getByText('库存报表', { exact: true }).click();
    const store = page.locator('.stock-report__store[data-store="WH-HQ"]');
    await expectText(store, '1 种低于安全库存');
    await expectText(store, FAN);
    await page.locator('.stock-nav').getByText('出入库记录', { exact: true }).click();
    await page.waitForURL(/\/stock\/movements$/, { timeout: TIMEOUT_MS });
  });

  it('reads in English', async () => {
    await page.locator('#language-switch').getByText('English', { exact: true }).click();
    await expectText(page.locator('.stock-page-header'), 'Stock movements');
    await expectText(page.locator('#stock-ledger-table'), 'Reserve');
    await page.locator('.stock-nav').getByText('Stock', { exact: true }).click();
    await page.waitForURL(/\/stock$/, { timeout: TIMEOUT_MS });
    await expectText(levelRow(page, PSU), '715W AC power supply');
    await expectText(levelRow(page, PSU), 'below 2');
    await expectText(page.locator('#record-movement-button'), 'Record movement');
    await page.setViewportSize({ width: 390, height: 844 });
    await expectText(levelRow(page, FAN), 'Switch fan module');
    await screenshot(page, 'stock-levels-phone-en');
    assert.deepEqual(errors, []);
  });
});
