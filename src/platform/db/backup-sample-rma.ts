/**
 * Test data for backup.test.ts, continued: an RMA half-way through the seed 004 flow (spare
 * issued from the branch store, vendor part received, faulty part not yet back) and its
 * timeline entry, and a history entry of the asset. Runs after the installed base and spare parts samples.
 */
import { sql, type RawBuilder } from 'kysely';
import type { AnyDb } from './backup-catalog.ts';

export async function fillRmaSampleData(db: AnyDb): Promise<void> {
  const one = async (query: RawBuilder<{ id: number }>) => (await query.execute(db)).rows[0]!.id;
  const supportCase = await one(sql`select id from support_case order by id limit 1`);
  const org = await one(sql`select organisation_id as id from support_case where id = ${supportCase}`);
  const warehouse = await one(sql`select id from warehouse order by id limit 1`);
  const part = await one(sql`select id from spare_part order by id limit 1`);
  const asset = await one(sql`select id from asset order by id limit 1`);
  const staff = await one(sql`select id from app_user where kind = 'staff' order by id limit 1`);
  await sql`
    insert into rma (number, case_id, organisation_id, branch_id, warehouse_id, asset_id, faulty_serial, part_id,
      quantity, reason, state, source, requested_by, confirmed_at, confirmed_by_user_id, confirmation_note,
      issued_serial, issued_at, vendor_rma_number, vendor_rma_opened_at, route, good_serial, good_warehouse_id,
      good_received_at, replaced_at, return_due_at, return_reminded_at, created_at)
    values ('RMA-2026-000001', ${supportCase}, ${org}, null, ${warehouse}, ${asset}, 'FOC2231X0AB', ${part},
      1, '电源 PS1 故障', 'replaced', 'branch_stock', ${staff}, '2026-03-09 11:00:00+08', ${staff}, '客户电话确认',
      'LIT2301A0AA', '2026-03-09 11:30:00+08', '88512345', '2026-03-09 12:00:00+08', 'direct', 'LIT2302B0BB',
      ${warehouse}, '2026-03-11 10:00:00+08', '2026-03-09 16:00:00+08', '2026-03-25 18:00:00+08',
      '2026-03-23 18:00:00+08', '2026-03-09 10:50:00+08')`.execute(db);
  await sql`
    insert into asset_event (asset_id, kind, case_id, actor_user_id, data, created_at)
    values (${asset}, 'registered', ${supportCase}, ${staff},
      '{"serial": "FOC2231X0AB", "note": "开通验收时登记"}', '2025-06-01 09:00:00+08')`.execute(db);
  await sql`
    insert into case_entry (case_id, kind, visibility, author_kind, author_id, author_label, body, data)
    values (${supportCase}, 'rma', 'public', 'staff', ${staff}, '张伟', '电源 PS1 故障',
      '{"rmaId": 1, "rma": "RMA-2026-000001", "step": "request", "faultySerial": "FOC2231X0AB"}')`.execute(
    db,
  );
}
