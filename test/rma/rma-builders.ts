/**
 * The world of the RMA tests: HQ and two branches (Hangzhou receives vendor parts directly,
 * Nanjing through HQ) with their spare stores, a serialised power supply in the Hangzhou store
 * only, and a customer per branch with its installed base.
 */
import { sql } from 'kysely';
import { SYSTEM_CONTEXT } from '../../src/platform/authz/actor.ts';
import { inTransaction } from '../../src/platform/events/domain-events.ts';
import { moveStock, stockOnHand } from '../../src/modules/spares/server/index.ts';
import { makeContactUser, makeOrganisation, type TestApp } from '../harness/test-app.ts';

const one = async <T>(t: TestApp, query: ReturnType<typeof sql<T>>) => (await query.execute(t.db)).rows[0]!;

async function branch(t: TestApp, code: string, name: string, flags: { hq?: boolean; direct?: boolean }) {
  const b = await one<{ id: number }>(
    t,
    sql`insert into branch (code, name, is_headquarters, vendor_direct_delivery)
        values (${code}, ${name}, ${flags.hq ?? false}, ${flags.direct ?? false}) returning id`,
  );
  const wh = await one<{ id: number }>(
    t,
    sql`insert into warehouse (code, name, name_en, branch_id, is_hq)
        values (${`WH-${code}`}, ${`${name}备件库`}, ${`${code} store`}, ${b.id}, ${flags.hq ?? false}) returning id`,
  );
  return { branchId: b.id, warehouseId: wh.id };
}

async function customer(t: TestApp, branchId: number, name: string, serials: string[], modelId: number) {
  const org = await makeOrganisation(t, name);
  await sql`update organisation set branch_id = ${branchId} where id = ${org.id}`.execute(t.db);
  for (const serial of serials)
    await sql`insert into asset (product_model_id, vendor, serial, organisation_id, installed_on, warranty_ends_on)
              values (${modelId}, 'Cisco', ${serial}, ${org.id}, '2025-06-01', '2026-06-01')`.execute(t.db);
  const contact = await makeContactUser(t, org.id);
  return { org, contact };
}

export async function makeRmaWorld(t: TestApp) {
  const hq = await branch(t, 'HQ', '杭州总部', { hq: true, direct: true });
  const hz = await branch(t, 'HZ', '杭州分公司', { direct: true });
  const nj = await branch(t, 'NJ', '南京分公司', {});
  const model = await one<{ id: number }>(
    t,
    sql`insert into product_model (vendor, model, part_number, category, warranty_months)
        values ('Cisco', 'C9300-48P', 'C9300-48P-E', 'network', 12) returning id`,
  );
  const part = await one<{ id: number }>(
    t,
    sql`insert into spare_part (part_number, name, name_en, serialised)
        values ('PWR-C1-715WAC-P', '715W 交流电源模块', '715W AC power supply', true) returning id`,
  );
  const stockIn = (warehouseId: number, serial: string) =>
    inTransaction(t.db, SYSTEM_CONTEXT, (uow) =>
      moveStock(
        uow,
        { kind: 'purchase_in', warehouseId, partId: part.id, quantity: 1, serial },
        { actorUserId: null, now: new Date('2026-09-01T02:00:00Z') },
      ),
    );
  await stockIn(hz.warehouseId, 'LIT2301A0AA');
  const hangzhou = {
    ...hz,
    ...(await customer(
      t,
      hz.branchId,
      '浙江某银行',
      ['FOC2231X0AB', 'FDO2245Y1ZZ', 'FOC2301R001', 'FOC2301R002'],
      model.id,
    )),
  };
  const nanjing = {
    ...nj,
    ...(await customer(
      t,
      nj.branchId,
      '江苏某电力公司',
      ['2102351931P0K8000123', '2102351931P0K8000999'],
      model.id,
    )),
  };
  return {
    hqWarehouseId: hq.warehouseId,
    partId: part.id,
    stockIn,
    hangzhou,
    nanjing,
    level: (warehouseId: number) => stockOnHand(t.db, { warehouseId, partId: part.id }),
  };
}

export type RmaWorld = Awaited<ReturnType<typeof makeRmaWorld>>;
