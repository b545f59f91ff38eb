/**
 * Browser journey of the spare-parts clerk (an installed-base manager) in the installed base: the
 * list with its warranty highlights, a search by part of a serial, the asset with its history (a
 * move between sites, the case opened with its serial), registering a unit whose serial the vendor
 * already has (the error at the serial field), an xlsx import with one bad row (refused whole, the
 * problems row by row, nothing imported), the fixed workbook imported, and English. Real server
 * process, real Chromium; the workbooks are built here with exceljs.
 */
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
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
  type Call,
} from './lib/journey.ts';

const CLERK = { username: 'chen.spares', password: 'Spares-Pass-2026' };
const CUSTOMER = '华东电力调度集团';
const CUSTOMER_CODE = 'HDDL';
const MODEL = 'CE6881-48S6CQ';
const SERIAL = '2102351HLT10K5000123';
const CASE_TITLE = '调度数据网接入交换机端口频繁 down';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** 'YYYY-MM-DD' `days` from today (UTC is close enough for dates months apart). */
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** An import workbook with the template's zh-CN headings. */
async function workbook(rows: (string | null)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('设备');
  sheet.addRow(['厂商', '型号', '序列号', '客户', '站点', '安装日期', '原厂保修截止', '备注']);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('spare-parts clerk in the installed base', { timeout: 180_000 }, () => {
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  let browser: Browser;
  let page: Page;
  let admin: Call;
  let assetId = 0;
  const consoleErrors: string[] = [];

  before(async () => {
    server = await startServerProcess({ args: ['--build-web'] });
    admin = await apiSession(server.url, 'admin', ADMIN_TEST_PASSWORD);
    const org = await admin<{ id: number }>('POST', '/api/organisations', {
      name: CUSTOMER,
      code: CUSTOMER_CODE,
    });
    const control = await admin<{ id: number }>('POST', `/api/organisations/${org.id}/sites`, {
      name: '调度中心机房',
      city: '杭州',
    });
    const backup = await admin<{ id: number }>('POST', `/api/organisations/${org.id}/sites`, {
      name: '灾备机房',
      city: '绍兴',
    });
    const model = await admin<{ id: number }>('POST', '/api/product-models', {
      vendor: 'Huawei',
      model: MODEL,
      partNumber: '02352567',
      category: 'network',
      warrantyMonths: 36,
    });
    const firewall = await admin<{ id: number }>('POST', '/api/product-models', {
      vendor: 'H3C',
      model: 'SecPath F5030',
      category: 'security',
      warrantyMonths: 12,
    });
    // Three units: warranty ended, ending within 90 days, running for years.
    const asset = await admin<{ id: number }>('POST', '/api/assets', {
      productModelId: model.id,
      serial: SERIAL,
      organisationId: org.id,
      siteId: control.id,
      installedOn: '2021-06-01',
      warrantyEndsOn: day(-30),
      notes: '机柜 B07，上联核心交换机 10GE1/0/1',
    });
    assetId = asset.id;
    await admin('POST', '/api/assets', {
      productModelId: firewall.id,
      serial: '210235A2CSH219000456',
      organisationId: org.id,
      siteId: control.id,
      installedOn: day(-300),
      warrantyEndsOn: day(45),
    });
    await admin('POST', '/api/assets', {
      productModelId: model.id,
      serial: '2102351HLT10K5000999',
      organisationId: org.id,
      siteId: backup.id,
      installedOn: day(-20),
    });
    // History: the unit moved to the backup room, then a case was opened with its serial.
    await admin('PATCH', `/api/assets/${asset.id}`, { siteId: backup.id });
    await admin('POST', '/api/cases', {
      organisationId: org.id,
      priority: 3,
      channel: 'phone',
      assetSerial: SERIAL,
      title: CASE_TITLE,
      description: '10GE1/0/3 每小时 down 一次，已更换光模块无改善。',
    });
    await staffAccount(admin, server.url, {
      ...CLERK,
      displayName: '陈静（备件）',
      roles: ['spare_parts_clerk'],
    });

    browser = await launchChromium();
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
    page = await context.newPage();
    // The duplicate serial (409) and the refused workbook (422) are answers this journey provokes.
    watch(page, consoleErrors, [], /status of (401|409|422)/);
  });

  after(async () => {
    await browser?.close();
    if (server) {
      await server.stop();
      await rm(server.dataDir, { recursive: true, force: true });
    }
  });

  it('logs in to the asset list with the warranty highlighted', async () => {
    await page.goto(`${server.url}/assets`);
    await logIn(page, CLERK);
    await page.waitForURL(/\/assets$/, { timeout: TIMEOUT_MS });
    const table = page.locator('#assets-table');
    await expectText(table, SERIAL);
    const expired = table.locator('tr').filter({ hasText: SERIAL });
    await expectText(expired.locator('[data-warranty="expired"]'), '已过保');
    await expectText(expired.locator('.asset-state-tag'), '在用');
    const expiring = table.locator('tr').filter({ hasText: '210235A2CSH219000456' });
    await expectText(expiring.locator('[data-warranty="expiring"]'), /剩 \d+ 天/);
    // A manager sees import and registration.
    await expectText(page.locator('#assets-import'), '批量导入');
    await expectText(page.locator('#assets-register'), '登记设备');
    await screenshot(page, 'assets-list');
  });

  it('finds the asset by part of its serial and opens it with its history', async () => {
    await page.locator('#assets-search').fill('K5000123');
    await page.locator('#assets-search').press('Enter');
    await page.waitForURL(/q=K5000123/, { timeout: TIMEOUT_MS });
    const rows = page.locator('#assets-table tbody tr.assets-list__row');
    await expectText(rows.first(), SERIAL);
    const deadline = Date.now() + TIMEOUT_MS;
    while ((await rows.count()) !== 1 && Date.now() < deadline) await page.waitForTimeout(100);
    assert.equal(await rows.count(), 1, 'only the asset whose serial contains the text');
    await rows.first().locator('td').nth(2).click();
    await page.waitForURL(new RegExp(`/assets/${assetId}$`), { timeout: TIMEOUT_MS });
    await expectText(page.locator('#asset-serial'), SERIAL);
    await expectText(page.locator('#asset-title'), `Huawei ${MODEL}`);
    await expectText(page.locator('#asset-facts'), '灾备机房');
    await expectText(page.locator('#asset-notes'), '机柜 B07');

    const history = page.locator('#asset-history');
    const caseEntry = history.locator('[data-kind="case_opened"]');
    await expectText(caseEntry, '报修案例');
    await expectText(caseEntry, CASE_TITLE);
    await expectText(caseEntry.locator('a.asset-history__case'), /TAC-\d{4}-\d{6}/);
    const moved = history.locator('[data-kind="moved"]');
    await expectText(moved, '迁移站点');
    await expectText(moved, '调度中心机房');
    await expectText(moved, '灾备机房');
    await expectText(history.locator('[data-kind="registered"]'), '登记入库');
    // Newest first: the case (opened last) heads the timeline.
    assert.equal(
      await history.locator('.asset-history__entry').first().getAttribute('data-kind'),
      'case_opened',
    );
    assert.equal(
      await history.locator('.asset-history__entry').last().getAttribute('data-kind'),
      'registered',
    );
  });

  it('corrects the state; the change heads the history', async () => {
    await page.locator('#asset-edit').click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '修改设备' });
    await dialog.locator('#asset-form-state').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '维修中' }).click();
    await dialog.locator('#asset-form-submit').click();
    await dialog.waitFor({ state: 'hidden', timeout: TIMEOUT_MS });
    await expectText(page.locator('.asset-detail__line .asset-state-tag'), '维修中');
    const first = page.locator('#asset-history .asset-history__entry').first();
    await expectText(first, '状态变更');
    await expectText(first, '维修中');
    assert.equal(await first.getAttribute('data-kind'), 'state_changed');
    await screenshot(page, 'asset-detail');
  });

  it('is told at the serial field that the vendor already has that serial', async () => {
    await page.locator('.asset-detail__back').click();
    await page.waitForURL(/\/assets(\?.*)?$/, { timeout: TIMEOUT_MS });
    await page.locator('#assets-register').click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '登记设备' });
    await dialog.locator('#asset-form-model').click();
    await dialog.locator('#asset-form-model').fill('CE6881');
    await page.locator('.ant-select-item-option').filter({ hasText: MODEL }).click();
    // Another case of the same serial: the server compares without regard to case.
    await dialog.locator('#asset-form-serial').fill(SERIAL.toLowerCase());
    await dialog.locator('#asset-form-organisation').click();
    await dialog.locator('#asset-form-organisation').fill('华东');
    await page.locator('.ant-select-item-option').filter({ hasText: CUSTOMER }).click();
    await dialog.locator('#asset-form-submit').click();
    const serialItem = dialog.locator('.ant-form-item').filter({ has: page.locator('#asset-form-serial') });
    await expectText(serialItem.locator('.ant-form-item-explain-error'), '该厂商已有此序列号的设备');
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: TIMEOUT_MS });
  });

  it('imports a workbook with a bad row: refused whole, problems row by row, nothing imported', async () => {
    const good = [
      'Huawei',
      MODEL,
      '2102351HLT10K5007001',
      CUSTOMER_CODE,
      '调度中心机房',
      '2025-05-20',
      null,
      null,
    ];
    const bad = [
      'H3C',
      'SecPath F5030',
      '210235A2CSH219007002',
      '华东电力调度',
      '灾备机房',
      '2025-13-40',
      null,
      null,
    ];
    await page.locator('#assets-import').click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '批量导入设备' });
    await expectText(dialog, '整个文件都不会导入');
    await dialog.locator('input[type=file]').setInputFiles({
      name: '华东电力-设备清单.xlsx',
      mimeType: XLSX,
      buffer: await workbook([good, bad]),
    });
    await dialog.locator('#asset-import-run').click();
    const problems = dialog.locator('#asset-import-problems');
    await expectText(problems, '整批未导入');
    const rows = problems.locator('.ant-table-tbody tr.ant-table-row');
    await expectText(rows.filter({ hasText: '客户' }), '找不到该客户');
    await expectText(rows.filter({ hasText: '安装日期' }), '2025-13-40');
    // Both problems are in row 3 (row 1 is the heading row).
    for (const text of await rows.locator('td:first-child').allTextContents()) assert.equal(text, '3');
    await expectText(problems.locator('#asset-import-report'), '下载错误报告');
    await screenshot(page, 'assets-import-errors');
    const [report] = await Promise.all([
      page.waitForEvent('download', { timeout: TIMEOUT_MS }),
      problems.locator('#asset-import-report').click(),
    ]);
    assert.equal(report.suggestedFilename(), 'asset-import-errors.xlsx');
    const found = await admin<{ items: unknown[] }>('GET', '/api/assets?q=K5007001');
    assert.equal(found.items.length, 0, 'the good row of a refused workbook is not imported either');

    bad[3] = CUSTOMER_CODE;
    bad[5] = '2025-06-01';
    await dialog.locator('input[type=file]').setInputFiles({
      name: '华东电力-设备清单（已修正）.xlsx',
      mimeType: XLSX,
      buffer: await workbook([good, bad]),
    });
    await dialog.locator('#asset-import-check').click();
    await expectText(dialog.locator('#asset-import-summary'), '检查通过：可导入 2 台设备');
    await dialog.locator('#asset-import-run').click();
    await expectText(dialog.locator('#asset-import-summary'), '已导入 2 台设备');
    await expectText(dialog.locator('#asset-import-summary'), CUSTOMER);
    await dialog.locator('#asset-import-done').click();
    await page.locator('#assets-search').fill('');
    await page.locator('#assets-search').press('Enter');
    await expectText(page.locator('#assets-table'), '210235A2CSH219007002');
  });

  it('lists the product models with their number of assets', async () => {
    await page.locator('#assets-models-link').click();
    await page.waitForURL(/\/assets\/models$/, { timeout: TIMEOUT_MS });
    const row = page.locator('#models-table tr').filter({ hasText: MODEL });
    await expectText(row, '36 个月');
    // Two seeded and one imported.
    await expectText(row.locator('td').nth(6), '3');
    await expectText(page.locator('#models-create'), '新建型号');
    await page.locator('.asset-detail__back').click();
    await page.waitForURL(/\/assets$/, { timeout: TIMEOUT_MS });
  });

  it('reads in English', async () => {
    await page.locator('#language-switch').getByText('English', { exact: true }).click();
    await expectText(page.locator('.assets-page__header'), 'Installed base');
    await expectText(page.locator('#assets-table thead'), 'Serial number');
    await expectText(page.locator('#assets-table'), 'In service');
    await page.setViewportSize({ width: 390, height: 844 });
    // A bookmarked /assets/<id> loads the page itself (the build's files live under /static/).
    await page.goto(`${server.url}/assets/${assetId}`);
    await expectText(page.locator('#asset-history'), 'Case opened');
    await screenshot(page, 'asset-detail-en-phone');
    assert.deepEqual(consoleErrors, []);
  });
});
