/**
 * The stock report per store (on screen and as xlsx, in Chinese or English by the caller's
 * language), stock level filters, and the catalogue: stores (one HQ store, none closed while it
 * holds stock) and parts (unique part numbers regardless of case, search, paging, serial-or-quantity
 * fixed once stock exists).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { createTestApp, makeStaff, type TestApp } from '../harness/test-app.ts';
import { expectStatus, makeSparesWorld, type SparesWorld } from './spares-builders.ts';

let t: TestApp;
let w: SparesWorld;

before(async () => {
  t = await createTestApp({ TACDESK_LOGIN_RATE_PER_MINUTE: '10000' });
  w = await makeSparesWorld(t);
  const c = await w.openCase();
  for (const serial of ['LIT0001', 'LIT0002'])
    expectStatus(
      await w.move({ kind: 'purchase_in', warehouseId: w.stores.hz.id, partId: w.psu.id, serial }),
      201,
    );
  expectStatus(
    await w.move({ kind: 'reserve', warehouseId: w.stores.hz.id, partId: w.psu.id, caseId: c.id }),
    201,
  );
  expectStatus(
    await w.move({
      kind: 'return_faulty',
      warehouseId: w.stores.hz.id,
      partId: w.psu.id,
      serial: 'BAD0001',
      caseId: c.id,
    }),
    201,
  );
  expectStatus(
    await w.move({ kind: 'purchase_in', warehouseId: w.stores.hq.id, partId: w.fan.id, quantity: 12 }),
    201,
  );
  expectStatus(
    await w.move({
      kind: 'return_faulty',
      warehouseId: w.stores.hq.id,
      partId: w.fan.id,
      quantity: 2,
      caseId: c.id,
    }),
    201,
  );
  expectStatus(
    await w.clerk.post('/api/spare-parts', { partNumber: '=CMD|calc', name: '-恶意名称', serialised: false }),
    201,
  );
});
after(() => t.close());

type ReportRow = {
  partNumber: string;
  name: string;
  unit: string;
  good: number;
  reserved: number;
  available: number;
  faulty: number;
  minStock: number | null;
  belowReorder: boolean;
};
type Report = {
  warehouses: Array<{ warehouse: { id: number; code: string; name: string }; rows: ReportRow[] }>;
};

describe('stock report', () => {
  test('per store, HQ first: good, reserved, available, faulty awaiting return, below reorder level', async () => {
    const report: Report = expectStatus(await w.engineer.get('/api/stock/report'), 200);
    assert.deepEqual(
      report.warehouses.map((x) => x.warehouse.code),
      [w.stores.hq.code, w.stores.hz.code, w.stores.wh.code],
    );
    const hz = report.warehouses[1]!;
    assert.equal(hz.warehouse.name, '杭州备件库');
    assert.deepEqual(hz.rows, [
      {
        partId: w.psu.id,
        partNumber: w.psu.partNumber,
        name: '715W 交流电源模块',
        unit: '个',
        good: 2,
        reserved: 1,
        available: 1,
        faulty: 1,
        minStock: 2,
        belowReorder: true,
      },
    ]);
    const hq = report.warehouses[0]!;
    assert.deepEqual(
      hq.rows.map((r) => [r.partNumber, r.available, r.faulty, r.belowReorder]),
      [[w.fan.partNumber, 12, 2, false]],
    );
    assert.deepEqual(report.warehouses[2]!.rows, []);
    const one: Report = expectStatus(
      await w.clerk.get(`/api/stock/report?warehouseId=${w.stores.hz.id}`),
      200,
    );
    assert.deepEqual(
      one.warehouses.map((x) => x.warehouse.id),
      [w.stores.hz.id],
    );
  });

  test('in English for an English-speaking caller', async () => {
    const res = await t.app.inject({
      url: '/api/stock/report',
      headers: { cookie: w.engineer.cookie!, 'accept-language': 'en-GB,en;q=0.9' },
    });
    // The engineer's own setting (zh-CN) wins over the browser's language.
    assert.equal(res.json().warehouses[1].rows[0].name, '715W 交流电源模块');
    const english = await makeStaff(t, ['tac_engineer']);
    expectStatus(await english.client.patch('/api/me', { locale: 'en' }), 200);
    const report: Report = expectStatus(await english.client.get('/api/stock/report'), 200);
    assert.equal(report.warehouses[1]!.warehouse.name, 'Hangzhou store');
    assert.deepEqual(
      [report.warehouses[1]!.rows[0]!.name, report.warehouses[1]!.rows[0]!.unit],
      ['715W AC power supply', 'pcs'],
    );
  });

  async function readXlsx(headers: Record<string, string>) {
    const res = await t.app.inject({
      url: '/api/stock/report.xlsx',
      headers: { cookie: w.clerk.cookie!, ...headers },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['content-type']), /spreadsheetml/);
    assert.match(
      String(res.headers['content-disposition']),
      /attachment; filename="stock-\d{4}-\d{2}-\d{2}\.xlsx"/,
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    return book;
  }

  test('xlsx: one sheet per store, Chinese headers for a Chinese caller', async () => {
    const book = await readXlsx({});
    assert.deepEqual(
      book.worksheets.map((s) => s.name),
      [w.stores.hq.code, w.stores.hz.code, w.stores.wh.code],
    );
    const sheet = book.getWorksheet(w.stores.hz.code)!;
    assert.deepEqual((sheet.getRow(1).values as unknown[]).slice(1), [
      '备件号',
      '名称',
      '单位',
      '完好在库',
      '已预留',
      '可用',
      '待返厂坏件',
      '最低库存',
      '低于最低库存',
    ]);
    assert.deepEqual((sheet.getRow(2).values as unknown[]).slice(1), [
      w.psu.partNumber,
      '715W 交流电源模块',
      '个',
      2,
      1,
      1,
      1,
      2,
      '是',
    ]);
  });

  test('xlsx: English headers for an English caller; formula-like text neutralised', async () => {
    expectStatus(
      await w.move({
        kind: 'purchase_in',
        warehouseId: w.stores.wh.id,
        partId: (expectStatus(await w.clerk.get('/api/spare-parts?q=CMD'), 200).items[0] as { id: number })
          .id,
        quantity: 1,
      }),
      201,
    );
    const english = await makeStaff(t, ['spare_parts_clerk']);
    expectStatus(await english.client.patch('/api/me', { locale: 'en' }), 200);
    const res = await english.client.get('/api/stock/report.xlsx');
    assert.equal(res.statusCode, 200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const hz = book.getWorksheet(w.stores.hz.code)!;
    assert.deepEqual((hz.getRow(1).values as unknown[]).slice(1), [
      'Part number',
      'Name',
      'Unit',
      'Good on hand',
      'Reserved',
      'Available',
      'Faulty awaiting return',
      'Reorder level',
      'Below reorder level',
    ]);
    assert.deepEqual((hz.getRow(2).values as unknown[]).slice(2, 4), ['715W AC power supply', 'pcs']);
    assert.equal(hz.getRow(2).getCell(9).value, 'yes');
    const wuhan = book.getWorksheet(w.stores.wh.code)!;
    assert.deepEqual((wuhan.getRow(2).values as unknown[]).slice(1, 3), ["'=CMD|calc", "'-恶意名称"]);
  });
});

describe('stock levels', () => {
  test('filters: store, part, search, in stock, below reorder level', async () => {
    const below = expectStatus(await w.clerk.get('/api/stock/levels?belowReorder=true'), 200).items;
    assert.deepEqual(
      below.map((l: { warehouse: { id: number }; part: { id: number } }) => [l.warehouse.id, l.part.id]),
      [[w.stores.hz.id, w.psu.id]],
    );
    const search = expectStatus(await w.clerk.get('/api/stock/levels?q=%E9%A3%8E%E6%89%87'), 200).items; // 风扇
    assert.deepEqual(
      search.map((l: { part: { id: number } }) => l.part.id),
      [w.fan.id],
    );
    const inHq = expectStatus(
      await w.clerk.get(`/api/stock/levels?warehouseId=${w.stores.hq.id}&inStock=true`),
      200,
    ).items;
    assert.equal(inHq.length, 1);
    assert.equal(inHq[0].faulty, 2);
  });

  test('units: of a part by state, or found by part of a serial', async () => {
    const reserved = expectStatus(
      await w.clerk.get(`/api/stock/units?partId=${w.psu.id}&state=reserved`),
      200,
    ).items;
    assert.deepEqual(
      reserved.map((u: { serial: string }) => u.serial),
      ['LIT0001'],
    );
    const found = expectStatus(await w.engineer.get('/api/stock/units?serial=bad00'), 200).items;
    assert.deepEqual(
      found.map((u: { serial: string; condition: string; warehouse: { code: string } }) => [
        u.serial,
        u.condition,
        u.warehouse.code,
      ]),
      [['BAD0001', 'faulty', w.stores.hz.code]],
    );
  });
});

describe('stores and parts', () => {
  test('stores: list, get, one active HQ store, closing needs it empty', async () => {
    const list = expectStatus(await w.engineer.get('/api/warehouses'), 200).items;
    assert.equal(list[0].id, w.stores.hq.id);
    assert.equal(list[0].isHq, true, 'a store of the HQ branch is HQ by default');
    const hz = expectStatus(await w.engineer.get(`/api/warehouses/${w.stores.hz.id}`), 200);
    assert.deepEqual([hz.isHq, hz.vendorDirect, hz.branch.vendorDirectDelivery], [false, true, true]);
    const wuhan = expectStatus(await w.engineer.get(`/api/warehouses/${w.stores.wh.id}`), 200);
    assert.equal(wuhan.vendorDirect, false);
    assert.equal((await w.engineer.get('/api/warehouses/999999')).statusCode, 404);

    const secondHq = await w.clerk.post('/api/warehouses', {
      code: `HQ2-${Date.now()}`,
      name: '总部二库',
      branchId: w.branches.hq,
    });
    assert.equal(secondHq.statusCode, 409, secondHq.body);
    assert.equal(secondHq.json().errors[0].field, 'body.isHq');
    const dupCode = await w.clerk.post('/api/warehouses', {
      code: w.stores.hz.code,
      name: 'x',
      branchId: w.branches.hz,
    });
    assert.equal(dupCode.statusCode, 409);
    const noBranch = await w.clerk.post('/api/warehouses', {
      code: `X${Date.now()}`,
      name: 'x',
      branchId: 999999,
    });
    assert.equal(noBranch.statusCode, 400);
    assert.equal(noBranch.json().errors[0].field, 'body.branchId');

    const close = await w.clerk.patch(`/api/warehouses/${w.stores.hz.id}`, { active: false });
    assert.equal(close.statusCode, 409, close.body);
    assert.match(close.json().detail, /still holds 2 good and 1 faulty/);
    const renamed = expectStatus(
      await w.clerk.patch(`/api/warehouses/${w.stores.hz.id}`, {
        name: '杭州分公司备件库',
        address: '杭州市西湖区',
      }),
      200,
    );
    assert.equal(renamed.name, '杭州分公司备件库');
    assert.equal(
      (await w.engineer.patch(`/api/warehouses/${w.stores.hz.id}`, { name: 'x' })).statusCode,
      403,
    );
  });

  test('parts: unique part number regardless of case, search, keyset paging', async () => {
    const dup = await w.clerk.post('/api/spare-parts', {
      partNumber: w.psu.partNumber.toLowerCase(),
      name: '重复',
    });
    assert.equal(dup.statusCode, 409, dup.body);
    assert.equal(dup.json().errors[0].field, 'body.partNumber');
    assert.equal(dup.json().errors[0].text, '备件编码已被使用');
    const blank = await w.clerk.post('/api/spare-parts', { partNumber: 'SFP 10G', name: '光模块' });
    assert.equal(blank.statusCode, 400);
    assert.equal(blank.json().errors[0].field, 'body.partNumber');
    assert.equal(blank.json().errors[0].text, '不能含空格');
    const english = await makeStaff(t, ['spare_parts_clerk']);
    expectStatus(await english.client.patch('/api/me', { locale: 'en' }), 200);
    const blankEn = await english.client.post('/api/spare-parts', { partNumber: 'SFP 10G', name: '光模块' });
    assert.deepEqual(blankEn.json().errors[0], {
      field: 'body.partNumber',
      message: 'no blanks',
      text: 'no blanks',
    });
    const noModel = await w.clerk.post('/api/spare-parts', {
      partNumber: 'C9300-NM-8X',
      name: '网络模块',
      productModelId: 999999,
    });
    assert.equal(noModel.statusCode, 400);
    assert.equal(noModel.json().errors[0].field, 'body.productModelId');
    assert.equal(noModel.json().errors[0].text, '没有 ID 为 999999 的产品型号');
    for (const pn of ['SFP-10G-SR', 'SFP-10G-LR', 'SFP-10G_SR-S'])
      expectStatus(await w.clerk.post('/api/spare-parts', { partNumber: pn, name: `光模块 ${pn}` }), 201);
    const found = expectStatus(await w.engineer.get('/api/spare-parts?q=10g_sr'), 200).items;
    assert.deepEqual(
      found.map((p: { partNumber: string }) => p.partNumber),
      ['SFP-10G_SR-S'],
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Array<{ partNumber: string }>; nextCursor: string | null } = expectStatus(
        await w.engineer.get(`/api/spare-parts?limit=2${cursor ? `&cursor=${cursor}` : ''}`),
        200,
      );
      seen.push(...page.items.map((p) => p.partNumber));
      cursor = page.nextCursor;
    } while (cursor);
    assert.equal(seen.length, 6);
    assert.deepEqual(
      seen,
      [...seen].sort((a, b) => (a.toUpperCase() < b.toUpperCase() ? -1 : 1)),
    );
    assert.equal((await w.engineer.get('/api/spare-parts?cursor=nonsense')).statusCode, 400);
  });

  test('parts: serial-or-quantity is fixed once stock was recorded', async () => {
    const locked = await w.clerk.patch(`/api/spare-parts/${w.psu.id}`, { serialised: false });
    assert.equal(locked.statusCode, 409, locked.body);
    assert.equal(locked.json().errors[0].field, 'body.serialised');
    const fresh = expectStatus(
      await w.clerk.post('/api/spare-parts', {
        partNumber: '02312BQD',
        name: '华为电源模块',
        vendor: 'Huawei',
      }),
      201,
    );
    assert.equal(fresh.serialised, true);
    const changed = expectStatus(
      await w.clerk.patch(`/api/spare-parts/${fresh.id}`, { serialised: false, unit: 'set', minStock: 3 }),
      200,
    );
    assert.deepEqual([changed.serialised, changed.unit, changed.minStock], [false, 'set', 3]);
    assert.equal((await w.engineer.patch(`/api/spare-parts/${fresh.id}`, { minStock: 1 })).statusCode, 403);
  });
});

describe('store codes that make awkward sheet names', () => {
  test('codes differing only in case, and "History", still give one sheet each', async () => {
    for (const code of ['nb01', 'NB01', 'History'])
      expectStatus(
        await w.clerk.post('/api/warehouses', { code, name: `宁波备件库 ${code}`, branchId: w.branches.wh }),
        201,
      );
    const res = await w.clerk.get('/api/stock/report.xlsx');
    assert.equal(res.statusCode, 200, res.body);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const names = book.worksheets.map((s) => s.name);
    assert.equal(new Set(names.map((n) => n.toLowerCase())).size, names.length);
    assert.ok(names.includes('History (2)'), names.join());
    assert.deepEqual(
      names
        .filter((n) => /^nb01/i.test(n))
        .map((n) => n.toLowerCase())
        .sort(),
      ['nb01', 'nb01 (2)'],
    );
  });
});
