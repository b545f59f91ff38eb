/**
 * The server functions the RMA flow calls inside its own transaction: moveStock leaves nothing
 * behind when that transaction rolls back, records who moved stock when given a bare
 * transaction, refuses to run outside one; the store a branch draws from (its own, else HQ's);
 * a part by number regardless of case.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { SYSTEM_CONTEXT } from '../../src/platform/authz/actor.ts';
import { inTransaction } from '../../src/platform/events/domain-events.ts';
import {
  findPartByNumber,
  hqWarehouse,
  moveStock,
  stockOnHand,
  warehouseForBranch,
} from '../../src/modules/spares/server/index.ts';
import { createTestApp, makeStaff, type TestApp } from '../harness/test-app.ts';
import { expectStatus, makeSparesWorld, type SparesWorld } from './spares-builders.ts';

let t: TestApp;
let w: SparesWorld;
const now = new Date('2026-11-02T02:00:00Z');

before(async () => {
  t = await createTestApp({ TACDESK_LOGIN_RATE_PER_MINUTE: '10000' });
  w = await makeSparesWorld(t);
});
after(() => t.close());

const count = async (table: 'stock_movement' | 'stock_unit' | 'domain_event') =>
  Number(
    (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(t.db)).rows[0]!.n,
  );

test('a movement inside a transaction that rolls back leaves nothing behind', async () => {
  const before = await Promise.all([count('stock_movement'), count('stock_unit'), count('domain_event')]);
  await assert.rejects(
    t.db.transaction().execute(async (trx) => {
      const result = await moveStock(
        trx,
        {
          kind: 'purchase_in',
          warehouseId: w.stores.wh.id,
          partId: w.psu.id,
          quantity: 1,
          serial: 'ROLLBACK01',
        },
        { actorUserId: null, now },
      );
      assert.deepEqual(result.serials, ['ROLLBACK01']);
      assert.equal((await stockOnHand(trx, { warehouseId: w.stores.wh.id, partId: w.psu.id })).available, 1);
      throw new Error('the RMA step failed after moving stock');
    }),
    /the RMA step failed/,
  );
  assert.deepEqual(
    await Promise.all([count('stock_movement'), count('stock_unit'), count('domain_event')]),
    before,
  );
  assert.deepEqual(await stockOnHand(t.db, { warehouseId: w.stores.wh.id, partId: w.psu.id }), {
    good: 0,
    reserved: 0,
    available: 0,
    faulty: 0,
  });
  assert.equal(await w.unit(w.psu.id, 'ROLLBACK01'), undefined);
});

test('given a bare transaction, the ledger and the audit trail name the user; outside one it refuses', async () => {
  const clerk = await makeStaff(t, ['spare_parts_clerk']);
  const { movementId } = await t.db.transaction().execute((trx) =>
    moveStock(
      trx,
      {
        kind: 'purchase_in',
        warehouseId: w.stores.wh.id,
        partId: w.fan.id,
        quantity: 4,
        reference: 'RMA-TEST',
      },
      { actorUserId: clerk.user.id, now },
    ),
  );
  const movement = expectStatus(
    await w.clerk.get(`/api/stock/movements?kind=purchase_in&partId=${w.fan.id}`),
    200,
  ).items[0];
  assert.equal(movement.id, movementId);
  assert.equal(movement.actor.id, clerk.user.id);
  const event = (
    await sql<{ actor_label: string; actor_id: number; before: unknown; after: unknown }>`
      select actor_label, actor_id, before, after from domain_event
       where type = 'stock.moved' and subject_id = ${String(movementId)}`.execute(t.db)
  ).rows[0]!;
  assert.equal(event.actor_id, clerk.user.id);
  assert.match(event.actor_label, /测试/);
  assert.deepEqual(event.before, {
    levels: [{ warehouseId: w.stores.wh.id, good: 0, reserved: 0, available: 0, faulty: 0 }],
  });
  assert.deepEqual(event.after, {
    levels: [{ warehouseId: w.stores.wh.id, good: 4, reserved: 0, available: 4, faulty: 0 }],
  });

  await assert.rejects(
    moveStock(
      t.db as never,
      { kind: 'purchase_in', warehouseId: w.stores.wh.id, partId: w.fan.id, quantity: 1 },
      { actorUserId: null, now },
    ),
    /inside the caller’s transaction/,
  );
});

test('inside a unit of work, its request context is the actor; reserve then issue the same unit', async () => {
  expectStatus(
    await w.move({ kind: 'purchase_in', warehouseId: w.stores.hq.id, partId: w.psu.id, serial: 'UOW0001' }),
    201,
  );
  const c = await w.openCase();
  const serial = await inTransaction(t.db, SYSTEM_CONTEXT, async (uow) => {
    const reserved = await moveStock(
      uow,
      {
        kind: 'reserve',
        warehouseId: w.stores.hq.id,
        partId: w.psu.id,
        quantity: 1,
        caseId: c.id,
        rmaId: 4242,
      },
      { actorUserId: null, now },
    );
    await moveStock(
      uow,
      {
        kind: 'issue',
        warehouseId: w.stores.hq.id,
        partId: w.psu.id,
        quantity: 1,
        serial: reserved.serials[0],
        rmaId: 4242,
      },
      { actorUserId: null, now },
    );
    return reserved.serials[0];
  });
  assert.equal(serial, 'UOW0001');
  const unit = await w.unit(w.psu.id, 'UOW0001');
  assert.deepEqual([unit?.state, unit?.caseId], ['issued', c.id]);
  const ledger = expectStatus(await w.clerk.get('/api/stock/movements?rmaId=4242'), 200).items;
  assert.deepEqual(
    ledger.map((m: { kind: string; fromStock: string }) => [m.kind, m.fromStock]),
    [
      ['issue', 'reserved'],
      ['reserve', 'available'],
    ],
  );
  assert.ok(ledger.every((m: { actor: unknown }) => m.actor === null));
});

test('the store a branch draws spares from: its own, else HQ’s', async () => {
  const hq = await hqWarehouse(t.db);
  assert.equal(hq?.id, w.stores.hq.id);
  assert.equal(hq?.vendorDirect, true);
  const hz = await warehouseForBranch(t.db, w.branches.hz);
  assert.deepEqual(
    [hz?.id, hz?.branchId, hz?.isHq, hz?.vendorDirect],
    [w.stores.hz.id, w.branches.hz, false, true],
  );
  const wuhan = await warehouseForBranch(t.db, w.branches.wh);
  assert.deepEqual([wuhan?.id, wuhan?.vendorDirect], [w.stores.wh.id, false]);
  const noStore = expectStatus(
    await w.admin.post('/api/branches', { code: `NS${Date.now()}`, name: '南宁办事处' }),
    201,
  );
  assert.equal((await warehouseForBranch(t.db, noStore.id))?.id, w.stores.hq.id);
  assert.equal((await warehouseForBranch(t.db, null))?.id, w.stores.hq.id);
});

test('a part by number regardless of case and blanks', async () => {
  const part = await findPartByNumber(t.db, `  ${w.psu.partNumber.toLowerCase()} `);
  assert.deepEqual([part?.id, part?.serialised, part?.active], [w.psu.id, true, true]);
  assert.equal(await findPartByNumber(t.db, 'NO-SUCH-PART'), undefined);
});
