/**
 * Every stock movement through POST /api/stock/movements, as the spare-parts clerk sees it: the
 * levels of the store, the serialised unit's state and place, and the ledger. Nothing goes
 * negative (409, nothing changed, no ledger row); bad input is a 4xx naming the field; the ledger
 * cannot be changed afterwards.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestApp, makeContactUser, makeOrganisation, type TestApp } from '../harness/test-app.ts';
import { expectStatus, makeSparesWorld, type SparesWorld } from './spares-builders.ts';

let now = new Date('2026-11-02T02:00:00Z');
let t: TestApp;
let w: SparesWorld;

before(async () => {
  t = await createTestApp({ TACDESK_LOGIN_RATE_PER_MINUTE: '10000' }, {}, () => now);
  w = await makeSparesWorld(t);
});
after(() => t.close());

const zero = { good: 0, reserved: 0, available: 0, faulty: 0 };

describe('a serialised power supply through its life', () => {
  let caseId: number;

  test('stock-in from purchase: a new unit, available in the store', async () => {
    const res = expectStatus(
      await w.move({
        kind: 'purchase_in',
        warehouseId: w.stores.hz.id,
        partId: w.psu.id,
        serial: ' LIT2301A0AA ',
        reference: 'PO-2026-0099',
      }),
      201,
    );
    assert.deepEqual(res.serials, ['LIT2301A0AA']);
    assert.equal(res.movement.kind, 'purchase_in');
    assert.equal(res.movement.toStock, 'available');
    assert.deepEqual(res.levels, [
      { warehouseId: w.stores.hz.id, good: 1, reserved: 0, available: 1, faulty: 0 },
    ]);
    const unit = await w.unit(w.psu.id, 'lit2301a0aa');
    assert.equal(unit?.state, 'available');
    assert.equal(unit?.warehouse?.id, w.stores.hz.id);
    expectStatus(
      await w.move({
        kind: 'purchase_in',
        warehouseId: w.stores.hz.id,
        partId: w.psu.id,
        serial: 'LIT2302B0BB',
      }),
      201,
    );
    assert.deepEqual(await w.level(w.stores.hz.id, w.psu.id), {
      good: 2,
      reserved: 0,
      available: 2,
      faulty: 0,
    });
  });

  test('the same serial cannot be stocked in twice (any case)', async () => {
    const before = await w.ledgerCount();
    const res = await w.move({
      kind: 'purchase_in',
      warehouseId: w.stores.wh.id,
      partId: w.psu.id,
      serial: 'lit2301a0aa',
    });
    assert.equal(res.statusCode, 409, res.body);
    assert.match(res.json().detail, /LIT2301A0AA.*available/);
    assert.equal(res.json().errors[0].field, 'body.serial');
    assert.match(res.json().errors[0].text, /^备件 \S+ 的单件 LIT2301A0AA 状态为“可用”，不能“采购入库”$/);
    assert.equal(await w.ledgerCount(), before);
    assert.deepEqual(await w.level(w.stores.wh.id, w.psu.id), zero);
  });

  test('reserve without a serial takes the oldest available unit for the case', async () => {
    caseId = (await w.openCase()).id;
    const res = expectStatus(
      await w.move({ kind: 'reserve', warehouseId: w.stores.hz.id, partId: w.psu.id, caseId }),
      201,
    );
    assert.deepEqual(res.serials, ['LIT2301A0AA']);
    assert.deepEqual(await w.level(w.stores.hz.id, w.psu.id), {
      good: 2,
      reserved: 1,
      available: 1,
      faulty: 0,
    });
    const unit = await w.unit(w.psu.id, 'LIT2301A0AA');
    assert.equal(unit?.state, 'reserved');
    assert.equal(unit?.caseId, caseId);
  });

  test('a reserved unit is not transferred, scrapped or issued to another case', async () => {
    const other = (await w.openCase('另一个案例')).id;
    const before = await w.ledgerCount();
    const transfer = await w.move({
      kind: 'transfer',
      warehouseId: w.stores.hz.id,
      toWarehouseId: w.stores.hq.id,
      partId: w.psu.id,
      serial: 'LIT2301A0AA',
    });
    assert.equal(transfer.statusCode, 409, transfer.body);
    assert.match(transfer.json().detail, /reserved/);
    const scrap = await w.move({
      kind: 'scrap',
      warehouseId: w.stores.hz.id,
      partId: w.psu.id,
      serial: 'LIT2301A0AA',
    });
    assert.equal(scrap.statusCode, 409, scrap.body);
    const issue = await w.move({
      kind: 'issue',
      warehouseId: w.stores.hz.id,
      partId: w.psu.id,
      serial: 'LIT2301A0AA',
      caseId: other,
    });
    assert.equal(issue.statusCode, 409, issue.body);
    assert.match(issue.json().detail, new RegExp(`reserved for case ${caseId}`));
    assert.equal(await w.ledgerCount(), before);
  });

  test('release puts the unit back; reserving it by serial holds it again', async () => {
    expectStatus(
      await w.move({
        kind: 'release',
        warehouseId: w.stores.hz.id,
        partId: w.psu.id,
        serial: 'LIT2301A0AA',
        caseId,
      }),
      201,
    );
    assert.deepEqual(await w.level(w.stores.hz.id, w.psu.id), {
      good: 2,
      reserved: 0,
      available: 2,
      faulty: 0,
    });
    assert.equal((await w.unit(w.psu.id, 'LIT2301A0AA'))?.caseId, null);
    expectStatus(
      await w.move({
        kind: 'reserve',
        warehouseId: w.stores.hz.id,
        partId: w.psu.id,
        serial: 'LIT2301A0AA',
        caseId,
      }),
      201,
    );
  });

  test('issue takes the reserved unit out of the store to the case', async () => {
    const res = expectStatus(
      await w.move({
        kind: 'issue',
        warehouseId: w.stores.hz.id,
        partId: w.psu.id,
        serial: 'LIT2301A0AA',
        caseId,
      }),
      201,
    );
    assert.equal(res.movement.fromStock, 'reserved');
    assert.equal(res.movement.caseId, caseId);
    assert.deepEqual(await w.level(w.stores.hz.id, w.psu.id), {
      good: 1,
      reserved: 0,
      available: 1,
      faulty: 0,
    });
    const unit = await w.unit(w.psu.id, 'LIT2301A0AA');
    assert.equal(unit?.state, 'issued');
    assert.equal(unit?.warehouse, null);
  });

  test("return_faulty: the customer's faulty part, unknown to the stores, comes in faulty", async () => {
    const res = expectStatus(
      await w.move({
        kind: 'return_faulty',
        warehouseId: w.stores.hz.id,
        partId: w.psu.id,
        serial: 'FOC2231X0AB',
        caseId,
      }),
      201,
    );
    assert.equal(res.movement.toStock, 'faulty');
    assert.deepEqual(await w.level(w.stores.hz.id, w.psu.id), {
      good: 1,
      reserved: 0,
      available: 1,
      faulty: 1,
    });
    const unit = await w.unit(w.psu.id, 'FOC2231X0AB');
    assert.deepEqual(
      [unit?.state, unit?.condition, unit?.warehouse?.id],
      ['faulty', 'faulty', w.stores.hz.id],
    );
  });

  test('a faulty unit is never issued or reserved', async () => {
    const res = await w.move({
      kind: 'issue',
      warehouseId: w.stores.hz.id,
      partId: w.psu.id,
      serial: 'FOC2231X0AB',
      caseId,
    });
    assert.equal(res.statusCode, 409, res.body);
    assert.match(res.json().detail, /faulty in store/);
  });

  test('send_to_vendor: the faulty unit leaves for the vendor with the waybill', async () => {
    const res = expectStatus(
      await w.move({
        kind: 'send_to_vendor',
        warehouseId: w.stores.hz.id,
        partId: w.psu.id,
        serial: 'FOC2231X0AB',
        reference: '88512345 / SF1234567890',
      }),
      201,
    );
    assert.equal(res.movement.reference, '88512345 / SF1234567890');
    assert.deepEqual(await w.level(w.stores.hz.id, w.psu.id), {
      good: 1,
      reserved: 0,
      available: 1,
      faulty: 0,
    });
    assert.equal((await w.unit(w.psu.id, 'FOC2231X0AB'))?.state, 'at_vendor');
  });

  test('receive_from_vendor: the good part with the vendor RMA number; a repaired unit re-enters on its own row', async () => {
    expectStatus(
      await w.move({
        kind: 'receive_from_vendor',
        warehouseId: w.stores.hz.id,
        partId: w.psu.id,
        serial: 'LIT2399Z0ZZ',
        reference: '88512345',
      }),
      201,
    );
    expectStatus(
      await w.move({
        kind: 'receive_from_vendor',
        warehouseId: w.stores.hz.id,
        partId: w.psu.id,
        serial: 'foc2231x0ab',
      }),
      201,
    );
    assert.deepEqual(await w.level(w.stores.hz.id, w.psu.id), {
      good: 3,
      reserved: 0,
      available: 3,
      faulty: 0,
    });
    const repaired = await w.unit(w.psu.id, 'FOC2231X0AB');
    assert.deepEqual([repaired?.state, repaired?.condition], ['available', 'good']);
    const units = expectStatus(await w.clerk.get(`/api/stock/units?serial=FOC2231X0AB`), 200).items;
    assert.equal(units.length, 1, 'one row per physical unit');
  });

  test('transfer: good stock from one store to another', async () => {
    const res = expectStatus(
      await w.move({
        kind: 'transfer',
        warehouseId: w.stores.hz.id,
        toWarehouseId: w.stores.wh.id,
        partId: w.psu.id,
        serial: 'LIT2302B0BB',
      }),
      201,
    );
    assert.equal(res.levels.length, 2);
    assert.deepEqual(await w.level(w.stores.hz.id, w.psu.id), {
      good: 2,
      reserved: 0,
      available: 2,
      faulty: 0,
    });
    assert.deepEqual(await w.level(w.stores.wh.id, w.psu.id), {
      good: 1,
      reserved: 0,
      available: 1,
      faulty: 0,
    });
    assert.equal((await w.unit(w.psu.id, 'LIT2302B0BB'))?.warehouse?.id, w.stores.wh.id);
    const wrongStore = await w.move({
      kind: 'transfer',
      warehouseId: w.stores.hz.id,
      toWarehouseId: w.stores.hq.id,
      partId: w.psu.id,
      serial: 'LIT2302B0BB',
    });
    assert.equal(wrongStore.statusCode, 409, wrongStore.body);
    assert.match(wrongStore.json().detail, /is in store WH-WH/);
  });

  test('scrap: a good unit by its condition; a scrapped unit never comes back', async () => {
    expectStatus(
      await w.move({
        kind: 'scrap',
        warehouseId: w.stores.hz.id,
        partId: w.psu.id,
        serial: 'LIT2399Z0ZZ',
        note: '跌落损坏',
      }),
      201,
    );
    assert.deepEqual(await w.level(w.stores.hz.id, w.psu.id), {
      good: 1,
      reserved: 0,
      available: 1,
      faulty: 0,
    });
    assert.equal((await w.unit(w.psu.id, 'LIT2399Z0ZZ'))?.state, 'scrapped');
    const back = await w.move({
      kind: 'receive_from_vendor',
      warehouseId: w.stores.hz.id,
      partId: w.psu.id,
      serial: 'LIT2399Z0ZZ',
    });
    assert.equal(back.statusCode, 409, back.body);
  });
});

describe('a fan module held by quantity', () => {
  test('stock-in, reserve for a case, issue takes that reservation', async () => {
    const caseId = (await w.openCase()).id;
    expectStatus(
      await w.move({ kind: 'purchase_in', warehouseId: w.stores.hq.id, partId: w.fan.id, quantity: 10 }),
      201,
    );
    expectStatus(
      await w.move({ kind: 'reserve', warehouseId: w.stores.hq.id, partId: w.fan.id, quantity: 3, caseId }),
      201,
    );
    assert.deepEqual(await w.level(w.stores.hq.id, w.fan.id), {
      good: 10,
      reserved: 3,
      available: 7,
      faulty: 0,
    });
    const issued = expectStatus(
      await w.move({ kind: 'issue', warehouseId: w.stores.hq.id, partId: w.fan.id, quantity: 2, caseId }),
      201,
    );
    assert.equal(issued.movement.fromStock, 'reserved');
    assert.deepEqual(await w.level(w.stores.hq.id, w.fan.id), {
      good: 8,
      reserved: 1,
      available: 7,
      faulty: 0,
    });
    // Without a reservation of its own, a case is issued from available stock.
    const other = (await w.openCase('另一个案例')).id;
    const plain = expectStatus(
      await w.move({
        kind: 'issue',
        warehouseId: w.stores.hq.id,
        partId: w.fan.id,
        quantity: 2,
        caseId: other,
      }),
      201,
    );
    assert.equal(plain.movement.fromStock, 'available');
    assert.deepEqual(await w.level(w.stores.hq.id, w.fan.id), {
      good: 6,
      reserved: 1,
      available: 5,
      faulty: 0,
    });
    // Releasing more than the case holds is refused; its own remainder is released.
    const tooMuch = await w.move({
      kind: 'release',
      warehouseId: w.stores.hq.id,
      partId: w.fan.id,
      quantity: 2,
      caseId,
    });
    assert.equal(tooMuch.statusCode, 409, tooMuch.body);
    expectStatus(
      await w.move({ kind: 'release', warehouseId: w.stores.hq.id, partId: w.fan.id, quantity: 1, caseId }),
      201,
    );
    assert.deepEqual(await w.level(w.stores.hq.id, w.fan.id), {
      good: 6,
      reserved: 0,
      available: 6,
      faulty: 0,
    });
  });

  test('faulty fans come back, go to the vendor, and scrap says which stock', async () => {
    expectStatus(
      await w.move({ kind: 'return_faulty', warehouseId: w.stores.hq.id, partId: w.fan.id, quantity: 3 }),
      201,
    );
    expectStatus(
      await w.move({ kind: 'send_to_vendor', warehouseId: w.stores.hq.id, partId: w.fan.id, quantity: 2 }),
      201,
    );
    const noCondition = await w.move({
      kind: 'scrap',
      warehouseId: w.stores.hq.id,
      partId: w.fan.id,
      quantity: 1,
    });
    assert.equal(noCondition.statusCode, 400, noCondition.body);
    assert.equal(noCondition.json().errors[0].field, 'body.condition');
    const scrapped = expectStatus(
      await w.move({
        kind: 'scrap',
        warehouseId: w.stores.hq.id,
        partId: w.fan.id,
        quantity: 1,
        condition: 'faulty',
      }),
      201,
    );
    assert.equal(scrapped.movement.fromStock, 'faulty');
    expectStatus(
      await w.move({
        kind: 'scrap',
        warehouseId: w.stores.hq.id,
        partId: w.fan.id,
        quantity: 1,
        condition: 'good',
      }),
      201,
    );
    expectStatus(
      await w.move({
        kind: 'receive_from_vendor',
        warehouseId: w.stores.hq.id,
        partId: w.fan.id,
        quantity: 2,
        reference: 'RMA 770001',
      }),
      201,
    );
    expectStatus(
      await w.move({
        kind: 'transfer',
        warehouseId: w.stores.hq.id,
        toWarehouseId: w.stores.hz.id,
        partId: w.fan.id,
        quantity: 4,
      }),
      201,
    );
    assert.deepEqual(await w.level(w.stores.hq.id, w.fan.id), {
      good: 3,
      reserved: 0,
      available: 3,
      faulty: 0,
    });
    assert.deepEqual(await w.level(w.stores.hz.id, w.fan.id), {
      good: 4,
      reserved: 0,
      available: 4,
      faulty: 0,
    });
  });

  test('nothing goes negative: more than held is a 409 naming part and store, nothing changed, no ledger row', async () => {
    const caseId = (await w.openCase()).id;
    const before = await w.ledgerCount();
    const levelBefore = await w.level(w.stores.hz.id, w.fan.id);
    const attempts = [
      { kind: 'issue', quantity: 5, caseId },
      { kind: 'reserve', quantity: 5, caseId },
      { kind: 'transfer', quantity: 5, toWarehouseId: w.stores.wh.id },
      { kind: 'send_to_vendor', quantity: 1 },
      { kind: 'scrap', quantity: 5, condition: 'good' },
      { kind: 'release', quantity: 1 },
    ];
    for (const a of attempts) {
      const res = await w.move({ warehouseId: w.stores.hz.id, partId: w.fan.id, ...a });
      assert.equal(res.statusCode, 409, `${a.kind}: ${res.body}`);
      assert.equal(res.json().code, 'conflict');
    }
    const res = await w.move({
      kind: 'issue',
      warehouseId: w.stores.hz.id,
      partId: w.fan.id,
      quantity: 5,
      caseId,
    });
    assert.match(
      res.json().detail,
      new RegExp(`not enough stock: ${w.fan.partNumber} \\(风扇模块\\) in store ${w.stores.hz.code}`),
    );
    assert.match(res.json().detail, /has 4 available, 5 needed/);
    assert.equal(await w.ledgerCount(), before);
    assert.deepEqual(await w.level(w.stores.hz.id, w.fan.id), levelBefore);
  });
});

describe('bad input is a 4xx naming the field, nothing changed', () => {
  test('quantity, serial, stores, part, case', async () => {
    const before = await w.ledgerCount();
    const base = { kind: 'purchase_in', warehouseId: w.stores.hz.id, partId: w.fan.id, quantity: 1 };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...base, quantity: 0 }, 'body.quantity'],
      [{ ...base, quantity: -2 }, 'body.quantity'],
      [{ ...base, quantity: 1.5 }, 'body.quantity'],
      [{ ...base, serial: 'SN-1' }, 'body.serial'],
      [{ ...base, partId: w.psu.id }, 'body.serial'],
      [{ ...base, partId: w.psu.id, serial: 'X1', quantity: 2 }, 'body.quantity'],
      [{ ...base, warehouseId: 999999 }, 'body.warehouseId'],
      [{ ...base, partId: 999999 }, 'body.partId'],
      [{ ...base, kind: 'lend' }, 'body.kind'],
      [{ ...base, kind: 'transfer' }, 'body.toWarehouseId'],
      [{ ...base, kind: 'transfer', toWarehouseId: w.stores.hz.id }, 'body.toWarehouseId'],
      [{ ...base, toWarehouseId: w.stores.wh.id }, 'body.toWarehouseId'],
      [{ ...base, kind: 'reserve' }, 'body.caseId'],
      [{ ...base, kind: 'issue', caseId: 999999 }, 'body.caseId'],
      [{ ...base, condition: 'good' }, 'body.condition'],
    ];
    for (const [body, field] of cases) {
      const res = await w.move(body);
      assert.equal(res.statusCode, 400, `${JSON.stringify(body)}: ${res.body}`);
      assert.ok(
        res.json().errors.some((e: { field: string }) => e.field === field),
        `${JSON.stringify(body)} should name ${field}: ${res.body}`,
      );
    }
    assert.equal(await w.ledgerCount(), before);
  });

  test('a closed store takes no stock in', async () => {
    const s = `${Date.now().toString(36)}`;
    const closed = expectStatus(
      await w.clerk.post('/api/warehouses', {
        code: `OLD${s}`,
        name: '旧库',
        branchId: w.branches.wh,
        active: false,
      }),
      201,
    );
    const res = await w.move({ kind: 'purchase_in', warehouseId: closed.id, partId: w.fan.id, quantity: 1 });
    assert.equal(res.statusCode, 400, res.body);
    assert.match(res.json().detail, /closed/);
  });

  test('only stock keepers move stock; customers have no access at all', async () => {
    const body = { kind: 'purchase_in', warehouseId: w.stores.hz.id, partId: w.fan.id, quantity: 1 };
    assert.equal((await w.move(body, w.engineer)).statusCode, 403);
    assert.equal((await w.engineer.get('/api/stock/levels')).statusCode, 200);
    const contact = await makeContactUser(t, (await makeOrganisation(t)).id);
    for (const url of [
      '/api/stock/levels',
      '/api/stock/movements',
      '/api/warehouses',
      '/api/spare-parts',
      '/api/stock/report',
    ])
      assert.equal((await contact.client.get(url)).statusCode, 403, url);
    assert.equal((await w.move(body, contact.client)).statusCode, 403);
  });
});

describe('the ledger', () => {
  test('filters by part, store, kind, serial, case and date; keyset pages newest first', async () => {
    const all = expectStatus(await w.clerk.get('/api/stock/movements?limit=500'), 200).items;
    const ids = all.map((m: { id: number }) => m.id);
    assert.deepEqual(
      ids,
      [...ids].sort((a: number, b: number) => b - a),
    );

    const bySerial = expectStatus(await w.clerk.get('/api/stock/movements?serial=foc2231x0ab'), 200).items;
    assert.deepEqual(bySerial.map((m: { kind: string }) => m.kind).reverse(), [
      'return_faulty',
      'send_to_vendor',
      'receive_from_vendor',
    ]);
    const transfersIntoWuhan = expectStatus(
      await w.clerk.get(`/api/stock/movements?warehouseId=${w.stores.wh.id}&kind=transfer`),
      200,
    ).items;
    assert.equal(transfersIntoWuhan.length, 1);
    assert.equal(transfersIntoWuhan[0].toWarehouse.id, w.stores.wh.id);
    const fans = expectStatus(
      await w.clerk.get(`/api/stock/movements?partId=${w.fan.id}&kind=scrap`),
      200,
    ).items;
    assert.deepEqual(fans.map((m: { fromStock: string }) => m.fromStock).sort(), ['available', 'faulty']);
    const caseId = all.find((m: { kind: string }) => m.kind === 'issue').caseId;
    const forCase = expectStatus(await w.clerk.get(`/api/stock/movements?caseId=${caseId}`), 200).items;
    assert.ok(forCase.length >= 1 && forCase.every((m: { caseId: number }) => m.caseId === caseId));
    assert.equal(all[0].actor.name.startsWith('测试'), true);

    const future = encodeURIComponent('2026-11-03T00:00:00+08:00');
    assert.equal(expectStatus(await w.clerk.get(`/api/stock/movements?from=${future}`), 200).items.length, 0);
    assert.equal(
      expectStatus(await w.clerk.get(`/api/stock/movements?to=${future}&limit=500`), 200).items.length,
      all.length,
    );

    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Array<{ id: number }>; nextCursor: string | null } = expectStatus(
        await w.clerk.get(`/api/stock/movements?limit=4${cursor ? `&cursor=${cursor}` : ''}`),
        200,
      );
      seen.push(...page.items.map((m) => m.id));
      cursor = page.nextCursor;
    } while (cursor);
    assert.deepEqual(seen, ids);
    assert.equal((await w.clerk.get('/api/stock/movements?cursor=abc')).statusCode, 400);
  });

  test('every movement recorded its domain event with the levels before and after', async () => {
    const events = await sql<{ type: string; before: { levels: unknown[] }; after: { levels: unknown[] } }>`
      select type, before, after from domain_event where type = 'stock.moved' order by id`.execute(t.db);
    assert.equal(events.rows.length, await w.ledgerCount());
    const transfer = events.rows.find((e) => e.after.levels.length === 2);
    assert.ok(transfer, 'a transfer shows both stores');
  });

  test('ledger rows cannot be updated or deleted (append-only)', async () => {
    const [row] = (await sql<{ id: number }>`select id from stock_movement order by id limit 1`.execute(t.db))
      .rows;
    await assert.rejects(
      sql`update stock_movement set quantity = 99 where id = ${row!.id}`.execute(t.db),
      /append-only/,
    );
    await assert.rejects(sql`delete from stock_movement where id = ${row!.id}`.execute(t.db), /append-only/);
    await assert.rejects(sql`truncate stock_movement`.execute(t.db), /append-only/);
  });

  test('the database itself refuses negative stock', async () => {
    await assert.rejects(
      sql`update stock_level set reserved = good_on_hand + 1 where warehouse_id = ${w.stores.hz.id}`.execute(
        t.db,
      ),
      /stock_level_reserved_within_good/,
    );
    await assert.rejects(
      sql`update stock_level set faulty_on_hand = -1 where warehouse_id = ${w.stores.hz.id}`.execute(t.db),
      /stock_level_faulty_not_negative/,
    );
  });
});

test('movements are stamped with the domain clock', async () => {
  now = new Date('2026-11-05T02:00:00Z');
  const res = expectStatus(
    await w.move({ kind: 'purchase_in', warehouseId: w.stores.hq.id, partId: w.fan.id, quantity: 1 }),
    201,
  );
  assert.equal(res.movement.createdAt, '2026-11-05T02:00:00.000Z');
});
