/**
 * Test data for backup.test.ts, continued: spare stores of HQ and a branch, serialised and
 * quantity-held parts, units in every state, levels, a purchase order part received, and the
 * ledger rows that led there. Runs after the service samples (cases, contracts).
 */
import { sql, type RawBuilder } from 'kysely';
import type { AnyDb } from './backup-catalog.ts';

export async function fillSparesSampleData(db: AnyDb): Promise<void> {
  const ids = async (query: RawBuilder<{ id: number }>) => (await query.execute(db)).rows.map((r) => r.id);
  const one = async (query: RawBuilder<{ id: number }>) => (await ids(query))[0];
  const [hqBranch, branch] = await ids(sql`select id from branch order by is_headquarters desc, id limit 2`);
  const supportCase = await one(sql`select id from support_case order by id limit 1`);
  const contract = await one(sql`select id from service_contract order by id limit 1`);
  const staff = await one(sql`select id from app_user where kind = 'staff' order by id limit 1`);
  const model = (await one(sql`select id from product_model order by id limit 1`)) ?? null;

  const [hq, store] = await ids(sql`
    insert into warehouse (code, name, name_en, branch_id, is_hq, address, created_at)
    values ('WH-HQ', '总部备件库', 'HQ central store', ${hqBranch!}, true, '北京市海淀区中关村大街1号 B1', '2026-01-05 09:00:00+08'),
           ('WH-SH', '上海备件库', null, ${branch ?? hqBranch!}, false, null, '2026-01-06 09:00:00.25+08')
    returning id`);
  const [psu, fan] = await ids(sql`
    insert into spare_part (part_number, name, name_en, vendor, product_model_id, serialised, unit, min_stock, description)
    values ('PWR-C1-715WAC-P', '715W 交流电源模块', '715W AC power supply', 'Cisco', ${model}, true, 'piece', 2,
            'Catalyst 9300 系列通用'),
           ('FAN-T2=', '风扇模块 "T2"', null, null, null, false, 'piece', null, ${'备注\n第二行'})
    returning id`);
  await sql`
    insert into stock_unit (part_id, serial, warehouse_id, condition, state, case_id, rma_id, created_at, updated_at)
    values (${psu}, 'LIT2301A0AA', null, 'good', 'issued', ${supportCase!}, 1, '2026-03-01 10:00:00+08', '2026-03-09 11:30:00+08'),
           (${psu}, 'LIT2302B0BB', ${store}, 'good', 'available', null, null, '2026-03-11 10:00:00+08', '2026-03-11 10:00:00+08'),
           (${psu}, 'LIT2303C0CC', ${hq}, 'good', 'reserved', ${supportCase!}, null, '2026-03-02 10:00:00+08', '2026-03-12 08:00:00+08'),
           (${psu}, 'FOC2231X0AB', ${store}, 'faulty', 'faulty', ${supportCase!}, 1, '2026-03-12 09:00:00+08', '2026-03-12 09:00:00+08'),
           (${psu}, 'lit2209z9zz', null, 'faulty', 'at_vendor', null, null, '2025-11-01 09:00:00+08', '2025-11-20 09:00:00+08'),
           (${psu}, 'LIT2101X0XX', null, 'faulty', 'scrapped', null, null, '2025-01-01 09:00:00+08', '2025-06-30 17:00:00+08')`.execute(
    db,
  );
  await sql`
    insert into stock_level (warehouse_id, part_id, good_on_hand, reserved, faulty_on_hand, updated_at)
    values (${store}, ${psu}, 1, 0, 1, '2026-03-12 09:00:00+08'), (${hq}, ${psu}, 1, 1, 0, '2026-03-12 08:00:00+08'),
           (${hq}, ${fan}, 7, 2, 3, '2026-03-15 14:00:00+08')`.execute(db);
  const order = await one(sql`
    insert into purchase_order (number, supplier, warehouse_id, service_contract_id, project, signed_on, due_on, state,
      ordered_at, due_soon_notified_at, note, created_by, created_at)
    values ('PO-2026-000001', '北京某某科技有限公司', ${hq}, ${contract ?? null}, '工行数据中心网络维保项目',
            '2026-03-01', '2026-03-08', 'partially_received', '2026-03-02 10:00:00+08', '2026-03-07 00:00:00+08',
            null, ${staff ?? null}, '2026-03-01 15:00:00+08')
    returning id`);
  await sql`
    insert into purchase_order_line (purchase_order_id, part_id, quantity_ordered, quantity_received)
    values (${order!}, ${psu}, 2, 2), (${order!}, ${fan}, 10, 7)`.execute(db);
  await sql`
    insert into stock_movement (kind, part_id, warehouse_id, to_warehouse_id, quantity, from_stock, to_stock, serial,
      case_id, rma_id, purchase_order_id, reference, note, actor_user_id, created_at)
    values ('purchase_in', ${psu}, ${hq}, null, 1, null, 'available', 'LIT2301A0AA', null, null, ${order!}, 'PO-2026-000001',
            null, ${staff ?? null}, '2026-03-01 10:00:00+08'),
           ('transfer', ${psu}, ${hq}, ${store}, 1, 'available', 'available', 'LIT2301A0AA', null, null, null, 'SF1234567890',
            '调拨至上海', ${staff ?? null}, '2026-03-05 10:00:00.123456+08'),
           ('purchase_in', ${fan}, ${hq}, null, 7, null, 'available', null, null, null, ${order!}, null, null, null,
            '2026-03-06 10:00:00+08'),
           ('reserve', ${fan}, ${hq}, null, 2, 'available', 'reserved', null, ${supportCase!}, 1, null, null, null,
            ${staff ?? null}, '2026-03-09 11:00:00+08'),
           ('issue', ${psu}, ${store}, null, 1, 'available', null, 'LIT2301A0AA', ${supportCase!}, 1, null, null, null,
            ${staff ?? null}, '2026-03-09 11:30:00+08'),
           ('return_faulty', ${psu}, ${store}, null, 1, null, 'faulty', 'FOC2231X0AB', ${supportCase!}, 1, null, null,
            ${'客户坏件\n已贴标签'}, ${staff ?? null}, '2026-03-12 09:00:00+08'),
           ('scrap', ${fan}, ${hq}, null, 1, 'faulty', null, null, null, null, null, null, null, null, '2026-03-15 14:00:00+08')`.execute(
    db,
  );
}
