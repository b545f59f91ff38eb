/**
 * Purchase orders for spares (seed 001: bought and stocked within a week of signing): the due
 * date a week after signing, ordering, stock-in of delivered lines with serials (each a
 * purchase_in in the ledger), partial and full receipt, cancellation, and the reminders a day
 * before the due date and once overdue — each once per order.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { remindPurchaseOrders } from '../../src/modules/spares/server/index.ts';
import { createTestApp, type TestApp } from '../harness/test-app.ts';
import { expectStatus, makeSparesWorld, type SparesWorld } from './spares-builders.ts';

/** Monday 2 Nov 2026, 10:00 in Beijing. */
let now = new Date('2026-11-02T02:00:00Z');
let t: TestApp;
let w: SparesWorld;

before(async () => {
  t = await createTestApp({ TACDESK_LOGIN_RATE_PER_MINUTE: '10000' }, {}, () => now);
  w = await makeSparesWorld(t);
});
after(() => t.close());

const eventsOf = async (type: string, id: number) =>
  (
    await sql<{ data: { number: string; outstanding: unknown[] } }>`
      select data from domain_event where type = ${type} and subject_type = 'purchase_order' and subject_id = ${String(id)}`.execute(
      t.db,
    )
  ).rows;

describe('a project signed on 2 Nov: spares ordered and stocked in', () => {
  let po: {
    id: number;
    number: string;
    lines: Array<{ id: number; part: { id: number }; outstanding: number }>;
    abilities: { order: boolean; receive: boolean; cancel: boolean };
  };

  test('the order is due a week after signing; its number is made when none is given', async () => {
    po = expectStatus(
      await w.clerk.post('/api/purchase-orders', {
        supplier: '杭州某某网络设备有限公司',
        warehouseId: w.stores.hq.id,
        project: '浙江某银行数据中心网络维保项目',
        lines: [
          { partId: w.psu.id, quantity: 3 },
          { partId: w.fan.id, quantity: 10 },
        ],
      }),
      201,
    );
    assert.match(po.number, /^PO-2026-\d{6}$/);
    const got = expectStatus(await w.engineer.get(`/api/purchase-orders/${po.id}`), 200);
    assert.equal(got.signedOn, '2026-11-02');
    assert.equal(got.dueOn, '2026-11-09');
    assert.equal(got.state, 'draft');
    assert.equal(got.overdue, false);
    // What each may do, for the screens: only a stock keeper, only what the state allows.
    assert.deepEqual(got.abilities, { order: false, receive: false, cancel: false });
    assert.deepEqual(po.abilities, { order: true, receive: false, cancel: true });
    assert.deepEqual(
      got.lines.map((l: { quantityOrdered: number; outstanding: number }) => [
        l.quantityOrdered,
        l.outstanding,
      ]),
      [
        [3, 3],
        [10, 10],
      ],
    );
  });

  test('receiving waits for the order to be placed', async () => {
    const early = await w.clerk.post(`/api/purchase-orders/${po.id}/receive`, {
      lines: [{ lineId: po.lines[1]!.id, quantity: 1 }],
    });
    assert.equal(early.statusCode, 409, early.body);
    assert.match(early.json().detail, /draft/);
    assert.equal(early.json().text, `采购单 ${po.number} 状态为“草稿”，不能到货入库`);
    const ordered = expectStatus(await w.clerk.post(`/api/purchase-orders/${po.id}/order`, {}), 200);
    assert.equal(ordered.state, 'ordered');
    assert.ok(ordered.orderedAt);
    assert.deepEqual(ordered.abilities, { order: false, receive: true, cancel: true });
    assert.equal((await w.clerk.post(`/api/purchase-orders/${po.id}/order`, {})).statusCode, 409);
  });

  test('bad receipts name the field and change nothing', async () => {
    const [psuLine, fanLine] = po.lines;
    const bad: Array<[unknown, string]> = [
      [{ lines: [{ lineId: psuLine!.id, quantity: 2, serials: ['A1'] }] }, 'body.lines.0.serials'],
      [{ lines: [{ lineId: psuLine!.id, quantity: 2, serials: ['A1', 'a1'] }] }, 'body.lines.0.serials.1'],
      [
        { lines: [{ lineId: psuLine!.id, quantity: 4, serials: ['A1', 'A2', 'A3', 'A4'] }] },
        'body.lines.0.quantity',
      ],
      [{ lines: [{ lineId: fanLine!.id, quantity: 1, serials: ['F1'] }] }, 'body.lines.0.serials'],
      [{ lines: [{ lineId: 999999, quantity: 1 }] }, 'body.lines.0.lineId'],
      [{ lines: [{ lineId: fanLine!.id, quantity: 0 }] }, 'body.lines.0.quantity'],
      [
        {
          lines: [
            { lineId: fanLine!.id, quantity: 1 },
            { lineId: fanLine!.id, quantity: 1 },
          ],
        },
        'body.lines.1.lineId',
      ],
    ];
    for (const [body, field] of bad) {
      const res = await w.clerk.post(`/api/purchase-orders/${po.id}/receive`, body);
      assert.equal(res.statusCode, 400, `${JSON.stringify(body)}: ${res.body}`);
      assert.ok(
        res.json().errors.some((e: { field: string }) => e.field === field),
        `${JSON.stringify(body)} → ${field}: ${res.body}`,
      );
    }
    const got = expectStatus(await w.clerk.get(`/api/purchase-orders/${po.id}`), 200);
    assert.equal(got.state, 'ordered');
    assert.deepEqual(await w.level(w.stores.hq.id, w.psu.id), {
      good: 0,
      reserved: 0,
      available: 0,
      faulty: 0,
    });
  });

  test('a serial already in stock fails the whole receipt, naming that serial', async () => {
    expectStatus(
      await w.move({ kind: 'purchase_in', warehouseId: w.stores.hz.id, partId: w.psu.id, serial: 'DUP0001' }),
      201,
    );
    const res = await w.clerk.post(`/api/purchase-orders/${po.id}/receive`, {
      lines: [
        { lineId: po.lines[1]!.id, quantity: 4 },
        { lineId: po.lines[0]!.id, quantity: 2, serials: ['NEW0001', 'dup0001'] },
      ],
    });
    assert.equal(res.statusCode, 409, res.body);
    assert.equal(res.json().errors[0].field, 'body.lines.1.serials.1');
    assert.deepEqual(await w.level(w.stores.hq.id, w.fan.id), {
      good: 0,
      reserved: 0,
      available: 0,
      faulty: 0,
    });
    assert.equal(
      expectStatus(await w.clerk.get(`/api/stock/movements?purchaseOrderId=${po.id}`), 200).items.length,
      0,
    );
  });

  test('part of the delivery: stock-in with serials, the order partially received', async () => {
    now = new Date('2026-11-05T06:00:00Z');
    const got = expectStatus(
      await w.clerk.post(`/api/purchase-orders/${po.id}/receive`, {
        lines: [
          { lineId: po.lines[0]!.id, quantity: 2, serials: ['FOC2601A001', 'FOC2601A002'] },
          { lineId: po.lines[1]!.id, quantity: 6 },
        ],
        reference: '送货单 DN-88123',
      }),
      200,
    );
    assert.equal(got.state, 'partially_received');
    assert.deepEqual(
      got.lines.map((l: { quantityReceived: number; outstanding: number }) => [
        l.quantityReceived,
        l.outstanding,
      ]),
      [
        [2, 1],
        [6, 4],
      ],
    );
    assert.deepEqual(await w.level(w.stores.hq.id, w.psu.id), {
      good: 2,
      reserved: 0,
      available: 2,
      faulty: 0,
    });
    assert.deepEqual(await w.level(w.stores.hq.id, w.fan.id), {
      good: 6,
      reserved: 0,
      available: 6,
      faulty: 0,
    });
    assert.equal((await w.unit(w.psu.id, 'FOC2601A002'))?.state, 'available');
    const ledger = expectStatus(
      await w.clerk.get(`/api/stock/movements?purchaseOrderId=${po.id}`),
      200,
    ).items;
    assert.equal(ledger.length, 3, 'one row per serial, one for the fans');
    assert.ok(ledger.every((m: { kind: string; reference: string }) => m.kind === 'purchase_in'));
    assert.ok(ledger.every((m: { reference: string }) => m.reference === '送货单 DN-88123'));
  });

  test('more than outstanding is refused; the rest completes the order', async () => {
    const tooMany = await w.clerk.post(`/api/purchase-orders/${po.id}/receive`, {
      lines: [{ lineId: po.lines[1]!.id, quantity: 5 }],
    });
    assert.equal(tooMany.statusCode, 400, tooMany.body);
    assert.match(tooMany.json().detail, /only 4/);
    const done = expectStatus(
      await w.clerk.post(`/api/purchase-orders/${po.id}/receive`, {
        lines: [
          { lineId: po.lines[0]!.id, quantity: 1, serials: ['FOC2601A003'] },
          { lineId: po.lines[1]!.id, quantity: 4 },
        ],
        warehouseId: w.stores.hz.id,
      }),
      200,
    );
    assert.equal(done.state, 'received');
    assert.ok(done.receivedAt);
    assert.deepEqual(await w.level(w.stores.hz.id, w.fan.id), {
      good: 4,
      reserved: 0,
      available: 4,
      faulty: 0,
    });
    assert.equal(
      (await w.clerk.post(`/api/purchase-orders/${po.id}/cancel`, { reason: '重复' })).statusCode,
      409,
    );
  });
});

describe('creating orders: bad input names the field', () => {
  test('lines, store, dates, number', async () => {
    const base = {
      supplier: '供应商',
      warehouseId: w.stores.hq.id,
      lines: [{ partId: w.fan.id, quantity: 1 }],
    };
    const bad: Array<[unknown, string, number]> = [
      [{ ...base, lines: [] }, 'body.lines', 400],
      [{ ...base, lines: [{ partId: 999999, quantity: 1 }] }, 'body.lines.0.partId', 400],
      [
        {
          ...base,
          lines: [
            { partId: w.fan.id, quantity: 1 },
            { partId: w.fan.id, quantity: 2 },
          ],
        },
        'body.lines.1.partId',
        400,
      ],
      [{ ...base, lines: [{ partId: w.fan.id, quantity: -1 }] }, 'body.lines.0.quantity', 400],
      [{ ...base, warehouseId: 999999 }, 'body.warehouseId', 400],
      [{ ...base, serviceContractId: 999999 }, 'body.serviceContractId', 400],
      [{ ...base, signedOn: '2026-11-10', dueOn: '2026-11-01' }, 'body.dueOn', 400],
      [{ ...base, signedOn: '2026-13-01' }, 'body.signedOn', 400],
      [{ ...base, supplier: '' }, 'body.supplier', 400],
    ];
    for (const [body, field, status] of bad) {
      const res = await w.clerk.post('/api/purchase-orders', body);
      assert.equal(res.statusCode, status, `${JSON.stringify(body)}: ${res.body}`);
      assert.ok(
        res.json().errors?.some((e: { field: string }) => e.field === field),
        `${field}: ${res.body}`,
      );
    }
    expectStatus(await w.clerk.post('/api/purchase-orders', { ...base, number: 'CG-2026-0001' }), 201);
    const dup = await w.clerk.post('/api/purchase-orders', { ...base, number: 'cg-2026-0001' });
    assert.equal(dup.statusCode, 409, dup.body);
    assert.equal(dup.json().errors[0].field, 'body.number');
    assert.equal((await w.engineer.post('/api/purchase-orders', base)).statusCode, 403);
  });
});

describe('due reminders', () => {
  test('due_soon a day before, overdue after the date, each once; received or cancelled orders are left alone', async () => {
    now = new Date('2026-11-10T02:00:00Z');
    const make = async (signedOn: string) =>
      expectStatus(
        await w.clerk.post('/api/purchase-orders', {
          supplier: '北京某某科技有限公司',
          warehouseId: w.stores.hz.id,
          signedOn,
          lines: [{ partId: w.fan.id, quantity: 2 }],
        }),
        201,
      ) as { id: number; dueOn: string; lines: Array<{ id: number }> };
    const late = await make('2026-11-10'); // due 17 Nov
    const cancelled = await make('2026-11-10');
    const delivered = await make('2026-11-10');
    expectStatus(
      await w.clerk.post(`/api/purchase-orders/${cancelled.id}/cancel`, { reason: '项目取消' }),
      200,
    );
    expectStatus(await w.clerk.post(`/api/purchase-orders/${delivered.id}/order`, {}), 200);
    expectStatus(
      await w.clerk.post(`/api/purchase-orders/${delivered.id}/receive`, {
        lines: [{ lineId: delivered.lines[0]!.id, quantity: 2 }],
      }),
      200,
    );
    // The earlier order of this file (received) and one made above (CG-2026-0001, due 9 Nov) exist too.
    const before = await remindPurchaseOrders({ db: t.db, now: new Date('2026-11-15T10:00:00+08:00') });
    assert.equal(before.dueSoon, 0);
    assert.equal((await eventsOf('purchase_order.due_soon', late.id)).length, 0);

    // 16 Nov, the day before: due soon (also near midnight in Beijing, when UTC is still the 15th).
    let r = await remindPurchaseOrders({ db: t.db, now: new Date('2026-11-16T00:30:00+08:00') });
    assert.ok(r.dueSoon >= 1);
    r = await remindPurchaseOrders({ db: t.db, now: new Date('2026-11-16T15:00:00+08:00') });
    assert.equal(r.dueSoon, 0);
    const dueSoon = await eventsOf('purchase_order.due_soon', late.id);
    assert.equal(dueSoon.length, 1);
    assert.deepEqual(dueSoon[0]!.data.outstanding, [
      { partNumber: w.fan.partNumber, name: '风扇模块', quantity: 2 },
    ]);

    // The due day itself: nothing new. The day after: overdue, once.
    await remindPurchaseOrders({ db: t.db, now: new Date('2026-11-17T18:00:00+08:00') });
    assert.equal((await eventsOf('purchase_order.overdue', late.id)).length, 0);
    await remindPurchaseOrders({ db: t.db, now: new Date('2026-11-18T08:00:00+08:00') });
    await remindPurchaseOrders({ db: t.db, now: new Date('2026-11-19T08:00:00+08:00') });
    assert.equal((await eventsOf('purchase_order.overdue', late.id)).length, 1);
    for (const other of [cancelled, delivered]) {
      assert.equal((await eventsOf('purchase_order.due_soon', other.id)).length, 0);
      assert.equal((await eventsOf('purchase_order.overdue', other.id)).length, 0);
    }
    now = new Date('2026-11-18T02:00:00Z');
    const shown = expectStatus(await w.clerk.get(`/api/purchase-orders/${late.id}`), 200);
    assert.equal(shown.overdue, true);
    const open = expectStatus(await w.clerk.get('/api/purchase-orders?open=true'), 200).items;
    assert.ok(open.some((p: { id: number }) => p.id === late.id));
    assert.ok(!open.some((p: { id: number }) => p.id === cancelled.id || p.id === delivered.id));
  });

  test('the periodic schedule enqueues the reminder job', async () => {
    const { enqueuePeriodicJobs } = await import('../../src/app/periodic-jobs.ts');
    await enqueuePeriodicJobs(t.db, now);
    const jobs = await sql<{
      kind: string;
    }>`select kind from job where kind = 'spares.purchase_order_reminders'`.execute(t.db);
    assert.equal(jobs.rows.length, 1);
  });
});
