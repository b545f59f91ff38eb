/**
 * Concurrent requests for the same stock: parallel reservations of the last unit cannot both
 * succeed, parallel reservations of a few units take exactly what there is, and transfers in
 * opposite directions between two stores never deadlock. On PostgreSQL these are real races
 * between connections; on PGlite the requests queue on its one connection, and the rules hold too.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../harness/test-app.ts';
import { expectStatus, makeSparesWorld, type SparesWorld } from './spares-builders.ts';

let t: TestApp;
let w: SparesWorld;

before(async () => {
  t = await createTestApp({ TACDESK_LOGIN_RATE_PER_MINUTE: '10000' });
  w = await makeSparesWorld(t);
});
after(() => t.close());

const countRows = async (kind: string, partId: number) =>
  Number(
    (
      await sql<{
        n: number;
      }>`select count(*)::int as n from stock_movement where kind = ${kind} and part_id = ${partId}`.execute(
        t.db,
      )
    ).rows[0]!.n,
  );

test('8 parallel reservations of the last serialised unit: exactly one succeeds', async () => {
  expectStatus(
    await w.move({ kind: 'purchase_in', warehouseId: w.stores.hz.id, partId: w.psu.id, serial: 'LAST0001' }),
    201,
  );
  const cases = await Promise.all(Array.from({ length: 8 }, (_, i) => w.openCase(`并发预留 ${i}`)));
  const responses = await Promise.all(
    cases.map((c) =>
      w.move({ kind: 'reserve', warehouseId: w.stores.hz.id, partId: w.psu.id, caseId: c.id }),
    ),
  );
  const statuses = responses.map((r) => r.statusCode).sort();
  assert.deepEqual(
    statuses,
    [201, 409, 409, 409, 409, 409, 409, 409],
    responses.map((r) => r.body).join('\n'),
  );
  for (const loser of responses.filter((r) => r.statusCode === 409)) {
    assert.equal(loser.json().code, 'conflict');
    assert.match(
      loser.json().detail,
      new RegExp(`not enough stock: ${w.psu.partNumber}.*store ${w.stores.hz.code}`),
    );
  }
  const winner = cases[responses.findIndex((r) => r.statusCode === 201)]!;
  assert.deepEqual(await w.level(w.stores.hz.id, w.psu.id), {
    good: 1,
    reserved: 1,
    available: 0,
    faulty: 0,
  });
  const unit = await w.unit(w.psu.id, 'LAST0001');
  assert.deepEqual([unit?.state, unit?.caseId], ['reserved', winner.id]);
  assert.equal(await countRows('reserve', w.psu.id), 1);
});

test('8 parallel reservations of a part held by quantity with 3 available: exactly 3 succeed', async () => {
  expectStatus(
    await w.move({ kind: 'purchase_in', warehouseId: w.stores.wh.id, partId: w.fan.id, quantity: 3 }),
    201,
  );
  const c = await w.openCase('风扇并发预留');
  const responses = await Promise.all(
    Array.from({ length: 8 }, () =>
      w.move({ kind: 'reserve', warehouseId: w.stores.wh.id, partId: w.fan.id, quantity: 1, caseId: c.id }),
    ),
  );
  assert.equal(
    responses.filter((r) => r.statusCode === 201).length,
    3,
    responses.map((r) => r.body).join('\n'),
  );
  assert.equal(responses.filter((r) => r.statusCode === 409).length, 5);
  assert.deepEqual(await w.level(w.stores.wh.id, w.fan.id), {
    good: 3,
    reserved: 3,
    available: 0,
    faulty: 0,
  });
  assert.equal(await countRows('reserve', w.fan.id), 3);
});

test('parallel issues of the last fan: one wins, nothing negative', async () => {
  expectStatus(
    await w.move({ kind: 'purchase_in', warehouseId: w.stores.hq.id, partId: w.fan.id, quantity: 1 }),
    201,
  );
  const c = await w.openCase('风扇并发领用');
  const responses = await Promise.all(
    Array.from({ length: 6 }, () =>
      w.move({ kind: 'issue', warehouseId: w.stores.hq.id, partId: w.fan.id, quantity: 1, caseId: c.id }),
    ),
  );
  assert.deepEqual(
    responses.map((r) => r.statusCode).sort(),
    [201, 409, 409, 409, 409, 409],
    responses.map((r) => r.body).join('\n'),
  );
  assert.deepEqual(await w.level(w.stores.hq.id, w.fan.id), {
    good: 0,
    reserved: 0,
    available: 0,
    faulty: 0,
  });
});

test('transfers in opposite directions at once all go through (no deadlock), totals kept', async () => {
  expectStatus(
    await w.move({ kind: 'purchase_in', warehouseId: w.stores.hq.id, partId: w.fan.id, quantity: 10 }),
    201,
  );
  expectStatus(
    await w.move({ kind: 'purchase_in', warehouseId: w.stores.hz.id, partId: w.fan.id, quantity: 10 }),
    201,
  );
  const transfer = (from: number, to: number) =>
    w.move({ kind: 'transfer', warehouseId: from, toWarehouseId: to, partId: w.fan.id, quantity: 1 });
  const responses = await Promise.all(
    Array.from({ length: 12 }, (_, i) =>
      i % 2 ? transfer(w.stores.hq.id, w.stores.hz.id) : transfer(w.stores.hz.id, w.stores.hq.id),
    ),
  );
  assert.deepEqual(
    responses.filter((r) => r.statusCode !== 201).map((r) => r.body),
    [],
  );
  const hq = await w.level(w.stores.hq.id, w.fan.id);
  const hz = await w.level(w.stores.hz.id, w.fan.id);
  assert.equal(hq.good + hz.good, 20);
  assert.deepEqual([hq.good, hz.good], [10, 10]);
});
