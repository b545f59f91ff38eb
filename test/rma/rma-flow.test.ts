/**
 * The seed 004 RMA flow through the HTTP API, both stock branches: a spare from the Hangzhou
 * branch's store while the vendor replenishes it (direct delivery), and a Nanjing customer whose
 * part comes from the vendor through HQ and whose faulty part goes back late — reminded, then
 * escalated on the working-day calendar across the National Day holiday. Also the installed-base
 * swap, the case's state and timeline, the customer's confirmation in the portal, the monthly
 * report, and bad input changing nothing.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { ensureDefaultCalendars } from '../../src/modules/calendars/server/index.ts';
import { watchRmaReturns } from '../../src/modules/rma/server/index.ts';
import { createTestApp, makeContactUser, makeStaff, type TestApp } from '../harness/test-app.ts';
import { makeRmaWorld, type RmaWorld } from './rma-builders.ts';

/** Monday 28 Sep 2026, 10:00 in Beijing: the National Day week (1–7 Oct) lies ahead. */
let now = new Date('2026-09-28T02:00:00Z');
const beijing = (iso: string) => new Date(iso.replace(' ', 'T') + ':00+08:00');
let t: TestApp;
let w: RmaWorld;
let engineer: Awaited<ReturnType<typeof makeStaff>>;
let clerk: Awaited<ReturnType<typeof makeStaff>>;

before(async () => {
  t = await createTestApp({ TACDESK_LOGIN_RATE_PER_MINUTE: '10000' }, {}, () => now);
  await ensureDefaultCalendars({ db: t.db });
  w = await makeRmaWorld(t);
  engineer = await makeStaff(t, ['tac_engineer']);
  clerk = await makeStaff(t, ['spare_parts_clerk']);
});
after(() => t.close());

async function openCase(organisationId: number, serial: string) {
  const res = await engineer.client.post('/api/cases', {
    organisationId,
    title: '电源模块故障告警',
    description: `设备 ${serial} 电源 PS1 故障灯亮`,
    priority: 2,
    assetSerial: serial,
    assigneeId: engineer.user.id,
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as { id: number; number: string };
}

const caseState = async (id: number) => (await engineer.client.get(`/api/cases/${id}`)).json().state;
const rmaCount = async () =>
  Number((await sql<{ n: number }>`select count(*)::int as n from rma`.execute(t.db)).rows[0]!.n);

describe('spare from the branch store, vendor replenishes it (Hangzhou, direct delivery)', () => {
  let caseId: number;
  let rmaId: number;

  test('the engineer marks the hardware fault: spare request, case RMA pending', async () => {
    caseId = (await openCase(w.hangzhou.org.id, 'FOC2231X0AB')).id;
    const res = await engineer.client.post(`/api/cases/${caseId}/rmas`, {
      faultySerial: 'foc2231x0ab',
      partNumber: 'PWR-C1-715WAC-P',
      reason: 'PS1 故障，风扇正常；show env 显示 PS1 faulty',
    });
    assert.equal(res.statusCode, 201, res.body);
    const rma = res.json();
    rmaId = rma.id;
    assert.match(rma.number, /^RMA-2026-\d{6}$/);
    assert.equal(rma.state, 'requested');
    assert.equal(rma.faultySerial, 'FOC2231X0AB');
    assert.equal(rma.warehouse.id, w.hangzhou.warehouseId);
    assert.equal(await caseState(caseId), 'rma_pending');
  });

  test("another organisation's contact cannot see or confirm it; the customer's contact can", async () => {
    const stranger = await makeContactUser(t, w.nanjing.org.id);
    assert.equal((await stranger.client.get(`/api/rmas/${rmaId}`)).statusCode, 404);
    assert.equal((await stranger.client.post(`/api/rmas/${rmaId}/confirm`, {})).statusCode, 404);
    const list = (await stranger.client.get('/api/rmas')).json();
    assert.ok(!list.items.some((r: { id: number }) => r.id === rmaId));

    const mine = await w.hangzhou.contact.client.get(`/api/rmas/${rmaId}`);
    assert.deepEqual(mine.json().abilities.steps, ['confirm']);
    assert.equal((await w.hangzhou.contact.client.post(`/api/rmas/${rmaId}/fulfil`, {})).statusCode, 403);
    const confirmed = await w.hangzhou.contact.client.post(`/api/rmas/${rmaId}/confirm`, {
      note: '同意更换',
    });
    assert.equal(confirmed.statusCode, 200, confirmed.body);
    assert.equal(confirmed.json().state, 'confirmed');
    assert.ok(confirmed.json().confirmedBy);
  });

  test('the clerk finds the part in the branch store: reserved and issued at once', async () => {
    assert.equal((await engineer.client.post(`/api/rmas/${rmaId}/fulfil`, {})).statusCode, 403);
    const res = await clerk.client.post(`/api/rmas/${rmaId}/fulfil`, {});
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().state, 'part_ready');
    assert.equal(res.json().source, 'branch_stock');
    assert.equal(res.json().issuedSerial, 'LIT2301A0AA');
    assert.deepEqual(await w.level(w.hangzhou.warehouseId), {
      good: 0,
      reserved: 0,
      available: 0,
      faulty: 0,
    });
  });

  test('HQ files the vendor RMA: the direct-delivery branch gets the route "direct"', async () => {
    const res = await clerk.client.post(`/api/rmas/${rmaId}/vendor-rma`, { vendorRmaNumber: '88512345' });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().route, 'direct');
  });

  test('the engineer replaces the part: the installed base swaps serials, the case is back at work', async () => {
    const res = await engineer.client.post(`/api/rmas/${rmaId}/replace`, { note: '已更换电源，告警消除' });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().state, 'replaced');
    const assets = await sql<{ serial: string; state: string; replaces_asset_id: number | null }>`
      select serial, state, replaces_asset_id from asset where upper(serial) in ('FOC2231X0AB', 'LIT2301A0AA') order by id`.execute(
      t.db,
    );
    assert.deepEqual(
      assets.rows.map((a) => [a.serial, a.state, a.replaces_asset_id !== null]),
      [
        ['FOC2231X0AB', 'retired', false],
        ['LIT2301A0AA', 'in_service', true],
      ],
    );
    assert.equal(await caseState(caseId), 'in_progress');
  });

  test('the faulty part comes back to the clerk (the serial is checked)', async () => {
    const wrong = await clerk.client.post(`/api/rmas/${rmaId}/receive-faulty`, { serial: 'FOC0000XXXX' });
    assert.equal(wrong.statusCode, 400);
    assert.equal(wrong.json().errors[0].field, 'body.serial');
    assert.equal(wrong.json().errors[0].text, '此 RMA 的坏件序列号是 FOC2231X0AB');
    // Not before the vendor's part is here.
    const early = await clerk.client.post(`/api/rmas/${rmaId}/return-to-vendor`, { waybill: 'SF1' });
    assert.equal(early.statusCode, 409);
    const res = await clerk.client.post(`/api/rmas/${rmaId}/receive-faulty`, { serial: 'FOC2231X0AB' });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().state, 'faulty_received');
    assert.equal((await w.level(w.hangzhou.warehouseId)).faulty, 1);
  });

  test("the vendor's part replenishes the store; the return is due 10 working days later", async () => {
    const wrongNumber = await clerk.client.post(`/api/rmas/${rmaId}/receive-part`, {
      serial: 'LIT2302B0BB',
      vendorRmaNumber: '99999999',
    });
    assert.equal(wrongNumber.statusCode, 400);
    assert.equal(wrongNumber.json().errors[0].field, 'body.vendorRmaNumber');
    assert.equal(wrongNumber.json().errors[0].text, '此 RMA 登记的厂商 RMA 号是 88512345');
    const res = await clerk.client.post(`/api/rmas/${rmaId}/receive-part`, {
      serial: 'LIT2302B0BB',
      vendorRmaNumber: '88512345',
    });
    assert.equal(res.statusCode, 200, res.body);
    // 29, 30 Sep, (National Day 1–7 Oct), 8, 9, Sat 10 (make-up day), 12, 13, 14, 15, 16 Oct.
    assert.equal(res.json().returnDueAt, beijing('2026-10-16 18:00').toISOString());
    assert.equal(res.json().state, 'faulty_received');
    assert.deepEqual(await w.level(w.hangzhou.warehouseId), {
      good: 1,
      reserved: 0,
      available: 1,
      faulty: 1,
    });
  });

  test('the faulty part goes back to the vendor: the RMA is complete, on time', async () => {
    const res = await clerk.client.post(`/api/rmas/${rmaId}/return-to-vendor`, { waybill: 'SF1234567890' });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().state, 'closed');
    assert.equal(res.json().returnLate, false);
    assert.equal((await w.level(w.hangzhou.warehouseId)).faulty, 0);
  });

  test('every step is on the case timeline; the customer sees the public ones only', async () => {
    const staffView = (await engineer.client.get(`/api/cases/${caseId}/entries`)).json().items;
    const steps = staffView
      .filter((e: { kind: string }) => e.kind === 'rma')
      .map((e: { data: { step: string } }) => e.data.step);
    assert.deepEqual(steps, [
      'request',
      'confirm',
      'fulfil',
      'open_vendor_rma',
      'replace',
      'receive_faulty',
      'receive_part',
      'return_to_vendor',
    ]);
    const customerView = (await w.hangzhou.contact.client.get(`/api/cases/${caseId}/entries`)).json().items;
    const seen = customerView
      .filter((e: { kind: string }) => e.kind === 'rma')
      .map((e: { data: { step: string } }) => e.data.step);
    assert.ok(seen.includes('replace'));
    assert.deepEqual(seen, ['request', 'confirm', 'fulfil', 'replace']);
    // Nor does the RMA itself show the vendor's side to the customer.
    const asCustomer = (await w.hangzhou.contact.client.get(`/api/rmas/${rmaId}`)).json();
    assert.equal(asCustomer.state, 'closed');
    assert.deepEqual(
      [asCustomer.vendorRmaNumber, asCustomer.returnWaybill, asCustomer.returnDueAt],
      [null, null, null],
    );
    assert.equal((await clerk.client.get(`/api/rmas/${rmaId}`)).json().vendorRmaNumber, '88512345');
  });

  test('the board lists it under "closed", with the count of every group', async () => {
    const board = (await clerk.client.get('/api/rmas?group=closed&withCounts=true')).json();
    assert.ok(board.items.some((r: { id: number }) => r.id === rmaId));
    assert.ok(board.items.every((r: { state: string }) => r.state === 'closed'));
    assert.equal(board.counts.closed, board.items.length);
    assert.equal(board.counts.waiting_customer, 0);
    const bad = await clerk.client.get('/api/rmas?group=lost');
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().errors[0].field, 'querystring.group');
  });

  test("both units' histories show the RMA; the customer does not see the vendor's numbers", async () => {
    const ids = await sql<{ id: number; serial: string }>`
      select id, serial from asset where serial in ('FOC2231X0AB', 'LIT2301A0AA') order by id`.execute(t.db);
    const [faulty, fitted] = ids.rows;
    type Entry = { kind: string; reference: { label: string } | null; data: Record<string, unknown> | null };
    const history = async (client: typeof engineer.client, id: number) =>
      ((await client.get(`/api/assets/${id}/history`)).json().items as Entry[]).filter((e) =>
        e.reference?.label.startsWith('RMA-'),
      );
    const faultyHistory = await history(engineer.client, faulty!.id);
    assert.deepEqual(faultyHistory.map((e) => e.kind).sort(), [
      'rma_replaced',
      'rma_requested',
      'rma_returned',
    ]);
    const returned = faultyHistory.find((e) => e.kind === 'rma_returned')!;
    assert.equal(returned.data?.waybill, 'SF1234567890');
    assert.ok((await history(engineer.client, fitted!.id)).some((e) => e.kind === 'rma_replaced'));

    const customer = await history(w.hangzhou.contact.client, faulty!.id);
    assert.equal(customer.length, 3);
    assert.equal(customer.find((e) => e.kind === 'rma_returned')!.data?.waybill, undefined);
    const stranger = await makeContactUser(t, w.nanjing.org.id);
    assert.equal((await stranger.client.get(`/api/assets/${faulty!.id}/history`)).statusCode, 404);
  });
});

describe('no spare in the branch: the vendor ships through HQ, the return is late (Nanjing)', () => {
  let caseId: number;
  let rmaId: number;

  test('request, confirmation recorded by staff, stock check finds nothing', async () => {
    now = beijing('2026-09-28 11:00');
    caseId = (await openCase(w.nanjing.org.id, '2102351931P0K8000123')).id;
    const created = await engineer.client.post(`/api/cases/${caseId}/rmas`, {
      faultySerial: '2102351931P0K8000123',
      partNumber: 'PWR-C1-715WAC-P',
      reason: '电源故障',
    });
    assert.equal(created.statusCode, 201, created.body);
    rmaId = created.json().id;
    const confirmed = await engineer.client.post(`/api/rmas/${rmaId}/confirm`, { note: '客户王工电话确认' });
    assert.equal(confirmed.json().confirmationNote, '客户王工电话确认');
    const res = await clerk.client.post(`/api/rmas/${rmaId}/fulfil`, {});
    assert.equal(res.json().state, 'awaiting_part');
    assert.equal(res.json().source, 'vendor');
    const routed = await clerk.client.post(`/api/rmas/${rmaId}/vendor-rma`, { vendorRmaNumber: '88519999' });
    assert.equal(routed.json().route, 'via_hq');
  });

  test("the vendor's part arrives at HQ, held for this RMA; the engineer replaces", async () => {
    const res = await clerk.client.post(`/api/rmas/${rmaId}/receive-part`, {
      serial: 'LIT2303C0CC',
      vendorRmaNumber: '88519999',
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().state, 'part_ready');
    assert.deepEqual(await w.level(w.hqWarehouseId), { good: 1, reserved: 1, available: 0, faulty: 0 });
    const replaced = await engineer.client.post(`/api/rmas/${rmaId}/replace`, {});
    assert.equal(replaced.statusCode, 200, replaced.body);
    assert.deepEqual(await w.level(w.hqWarehouseId), { good: 0, reserved: 0, available: 0, faulty: 0 });
    const got = await clerk.client.post(`/api/rmas/${rmaId}/receive-faulty`, {
      serial: '2102351931P0K8000123',
    });
    assert.equal(got.statusCode, 200, got.body);
  });

  test('a reminder two working days before the due time, once', async () => {
    now = beijing('2026-10-13 09:00'); // due Fri 16 Oct 18:00: not yet
    assert.deepEqual(await watchRmaReturns(t.db, now), { reminded: 0, escalated: 0 });
    now = beijing('2026-10-14 18:30');
    assert.deepEqual(await watchRmaReturns(t.db, now), { reminded: 1, escalated: 0 });
    assert.deepEqual(await watchRmaReturns(t.db, now), { reminded: 0, escalated: 0 });
  });

  test('past the due time the late return escalates, once, and shows in the list', async () => {
    now = beijing('2026-10-16 18:01');
    assert.deepEqual(await watchRmaReturns(t.db, now), { reminded: 0, escalated: 1 });
    assert.deepEqual(await watchRmaReturns(t.db, now), { reminded: 0, escalated: 0 });
    const events = await sql<{ type: string }>`
      select type from domain_event where subject_type = 'rma' and subject_id = ${String(rmaId)} and type like 'rma.return_%'
      order by id`.execute(t.db);
    assert.deepEqual(
      events.rows.map((e) => e.type),
      ['rma.return_due_soon', 'rma.return_overdue'],
    );
    const late = (await clerk.client.get('/api/rmas?lateReturn=true')).json().items;
    assert.deepEqual(
      late.map((r: { id: number }) => r.id),
      [rmaId],
    );
    const returned = await clerk.client.post(`/api/rmas/${rmaId}/return-to-vendor`, { waybill: 'SF99' });
    assert.equal(returned.json().returnLate, true);
  });

  test('the monthly report counts both, per branch, on screen and as xlsx in both languages', async () => {
    const report = (await clerk.client.get('/api/rmas/report?month=2026-09')).json();
    assert.equal(report.total.requested, 2);
    assert.equal(report.total.fromBranchStock, 1);
    assert.equal(report.total.fromVendor, 1);
    assert.equal(report.total.returnedLate, 1);
    const nanjing = report.rows.find((r: { branch: { id: number } }) => r.branch?.id === w.nanjing.branchId);
    assert.equal(nanjing.returnedLate, 1);
    const english = await makeStaff(t, ['spare_parts_clerk']);
    assert.equal((await english.client.patch('/api/me', { locale: 'en' })).statusCode, 200);
    for (const [reader, header] of [
      [clerk, '分支机构'],
      [english, 'Branch'],
    ] as const) {
      const res = await reader.client.get('/api/rmas/report.xlsx?month=2026-09');
      assert.equal(res.statusCode, 200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = book.worksheets[0]!;
      assert.equal(sheet.getRow(1).getCell(1).value, header);
      assert.equal(sheet.rowCount, 1 + report.rows.length + 1);
    }
    const contact = await w.hangzhou.contact.client.get('/api/rmas/report?month=2026-09');
    assert.equal(contact.statusCode, 403);
  });
});

describe('two RMAs race for the last spare in the store', () => {
  test('one gets the spare, the other waits for the vendor; the store never goes negative', async () => {
    now = beijing('2026-11-02 09:00');
    // The store holds one unit: the vendor's part that replenished it in the first flow.
    assert.equal((await w.level(w.hangzhou.warehouseId)).available, 1);
    const ids: number[] = [];
    for (const serial of ['FOC2301R001', 'FOC2301R002']) {
      const c = await openCase(w.hangzhou.org.id, serial);
      const res = await engineer.client.post(`/api/cases/${c.id}/rmas`, {
        faultySerial: serial,
        partNumber: 'PWR-C1-715WAC-P',
        reason: '电源故障',
      });
      assert.equal(res.statusCode, 201, res.body);
      ids.push(res.json().id);
      await engineer.client.post(`/api/rmas/${res.json().id}/confirm`, { note: '电话确认' });
    }
    const results = await Promise.all(ids.map((id) => clerk.client.post(`/api/rmas/${id}/fulfil`, {})));
    assert.deepEqual(
      results.map((r) => r.statusCode),
      [200, 200],
    );
    assert.deepEqual(results.map((r) => r.json().source).sort(), ['branch_stock', 'vendor']);
    assert.deepEqual(await w.level(w.hangzhou.warehouseId), {
      good: 0,
      reserved: 0,
      available: 0,
      faulty: 0,
    });
    for (const id of ids)
      if ((await clerk.client.get(`/api/rmas/${id}`)).json().state === 'awaiting_part')
        await engineer.client.post(`/api/rmas/${id}/cancel`, { reason: '测试结束' });
  });
});

describe('bad input changes nothing', () => {
  test('unknown serial, a serial of another customer, bad quantity, no part', async () => {
    now = beijing('2026-11-02 10:00');
    const c = await openCase(w.hangzhou.org.id, 'FDO2245Y1ZZ');
    const before = await rmaCount();
    const cases: Array<[unknown, string, string]> = [
      [
        { faultySerial: 'NOPE-123', partNumber: 'PWR-C1-715WAC-P', reason: 'x' },
        'body.faultySerial',
        '序列号 NOPE-123 不在该客户的设备档案中',
      ],
      [
        { faultySerial: '2102351931P0K8000999', partNumber: 'PWR-C1-715WAC-P', reason: 'x' },
        'body.faultySerial',
        '序列号 2102351931P0K8000999 不在该客户的设备档案中',
      ],
      [
        { faultySerial: 'FDO2245Y1ZZ', partNumber: 'PWR-C1-715WAC-P', quantity: -1, reason: 'x' },
        'body.quantity',
        '不能小于 1',
      ],
      [
        { faultySerial: 'FDO2245Y1ZZ', partNumber: 'NO-SUCH-PART', reason: 'x' },
        'body.partNumber',
        '该备件不存在',
      ],
      [{ faultySerial: 'FDO2245Y1ZZ', reason: 'x' }, 'body.partId', '请选择备件'],
    ];
    for (const [body, field, text] of cases) {
      const res = await engineer.client.post(`/api/cases/${c.id}/rmas`, body);
      assert.equal(res.statusCode, 400, `${JSON.stringify(body)} → ${res.body}`);
      assert.equal(res.json().errors[0].field, field, res.body);
      assert.equal(res.json().errors[0].text, text, res.body);
    }
    assert.equal(await rmaCount(), before);
    assert.equal(await caseState(c.id), 'assigned');
  });

  test('a customer contact cannot request a spare; an RMA cannot be cancelled once the part moved', async () => {
    const c = await openCase(w.hangzhou.org.id, 'FDO2245Y1ZZ');
    const asContact = await w.hangzhou.contact.client.post(`/api/cases/${c.id}/rmas`, {
      faultySerial: 'FDO2245Y1ZZ',
      partNumber: 'PWR-C1-715WAC-P',
      reason: 'x',
    });
    assert.equal(asContact.statusCode, 403);
    const created = await engineer.client.post(`/api/cases/${c.id}/rmas`, {
      faultySerial: 'FDO2245Y1ZZ',
      partNumber: 'PWR-C1-715WAC-P',
      reason: '电源故障',
    });
    const id = created.json().id;
    const noReason = await engineer.client.post(`/api/rmas/${id}/cancel`, {});
    assert.equal(noReason.statusCode, 400);
    const cancelled = await engineer.client.post(`/api/rmas/${id}/cancel`, {
      reason: '重启后恢复，非硬件故障',
    });
    assert.equal(cancelled.json().state, 'cancelled');
    assert.equal(await caseState(c.id), 'in_progress');
    const again = await engineer.client.post(`/api/rmas/${id}/confirm`, {});
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().text, `RMA ${created.json().number} 当前状态为“已取消”，不能进行此步骤`);
  });
});
