/**
 * The 2026-11-22T0810 migration keeps every serial the minimal model's contracts listed: each
 * becomes a covered asset (an existing asset of the customer, or one under the placeholder
 * model "未登记型号"), a serial two customers listed stays with one and is named in the other's
 * notes; a `renewed` contract without a follow-on becomes `expired`.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createMigrator, migrateToLatest } from '../../src/platform/db/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../harness/test-database.ts';

let database: TestDatabase;

before(async () => {
  database = await createTestDatabase({ migrate: false });
});
after(() => database.dispose());

test('contract serials become covered assets; nothing is lost', async () => {
  const db = database.db;
  const result = await createMigrator(db as never).migrateTo('2026-11-22T0800-installed-base');
  assert.equal(result.error, undefined);
  const id = async (q: ReturnType<typeof sql<{ id: number }>>) => Number((await q.execute(db)).rows[0]!.id);
  const cal = await id(
    sql`insert into business_calendar (code, name, name_en, always_open) values ('7x24', '7×24', '7x24', true) returning id`,
  );
  const level = await id(sql`insert into service_level (code, name) values ('GOLD', '金牌') returning id`);
  await sql`insert into service_level_target values (${level}, 1, ${cal}, 30, 240, 480, false)`.execute(db);
  const orgA = await id(sql`insert into organisation (name) values ('甲') returning id`);
  const orgB = await id(sql`insert into organisation (name) values ('乙') returning id`);
  const pm = await id(
    sql`insert into product_model (vendor, model, category) values ('Cisco', 'C9300', 'network') returning id`,
  );
  const known = await id(sql`
    insert into asset (product_model_id, vendor, serial, organisation_id) values (${pm}, 'Cisco', 'FOC-KNOWN', ${orgA})
    returning id`);
  const contract = (number: string, org: number, endsOn: string, state = 'active') =>
    id(sql`
      insert into service_contract (number, organisation_id, service_level_id, starts_on, ends_on, state)
      values (${number}, ${org}, ${level}, '2026-01-01', ${endsOn}, ${state}) returning id`);
  const a1 = await contract('HT-A-1', orgA, '2026-12-31');
  const a2 = await contract('HT-A-2', orgA, '2026-03-31', 'renewed');
  const b1 = await contract('HT-B-1', orgB, '2026-06-30');
  await sql`
    insert into contract_serial (contract_id, serial)
    values (${a1}, 'foc-known'), (${a1}, 'SN-NEW-1'), (${a2}, 'SN-NEW-1'), (${a1}, 'SN-SHARED'), (${b1}, 'SN-SHARED')`.execute(
    db,
  );

  await migrateToLatest(db as never);

  const covered = await sql<{ contract_id: number; serial: string; organisation_id: number; model: string }>`
    select ca.contract_id, a.serial, a.organisation_id, pm.model
      from contract_asset ca join asset a on a.id = ca.asset_id join product_model pm on pm.id = a.product_model_id
     order by ca.contract_id, a.serial`.execute(db);
  assert.deepEqual(
    covered.rows.map((r) => [Number(r.contract_id), r.serial, Number(r.organisation_id), r.model]),
    [
      [a1, 'FOC-KNOWN', orgA, 'C9300'],
      [a1, 'SN-NEW-1', orgA, '未登记型号 / unregistered'],
      [a1, 'SN-SHARED', orgA, '未登记型号 / unregistered'],
      [a2, 'SN-NEW-1', orgA, '未登记型号 / unregistered'],
    ],
  );
  const knownLinks = await sql<{ n: number }>`
    select count(*)::int as n from contract_asset where asset_id = ${known}`.execute(db);
  assert.equal(knownLinks.rows[0]!.n, 1, 'the registered asset is reused, not duplicated');
  const contracts = await sql<{ id: number; state: string; notes: string | null; original_ends_on: string }>`
    select id, state, notes, original_ends_on::text from service_contract order by id`.execute(db);
  const byId = new Map(contracts.rows.map((r) => [Number(r.id), r]));
  assert.match(byId.get(b1)!.notes!, /SN-SHARED/, 'the serial it could not keep is named');
  assert.equal(byId.get(a2)!.state, 'expired');
  assert.match(byId.get(a2)!.notes!, /renewed/);
  assert.equal(byId.get(a1)!.original_ends_on, '2026-12-31');
  const tables = await sql<{ n: number }>`
    select count(*)::int as n from information_schema.tables where table_name = 'contract_serial'`.execute(
    db,
  );
  assert.equal(tables.rows[0]!.n, 0);
});
