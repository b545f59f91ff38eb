/**
 * Test data for backup.test.ts, continued: the full service contract model — owner, promises,
 * renewal bookkeeping, a follow-on contract, covered assets and a downtime extension.
 */
import { sql, type RawBuilder } from 'kysely';
import type { AnyDb } from './backup-catalog.ts';

export async function fillContractSampleData(db: AnyDb): Promise<void> {
  const one = async (query: RawBuilder<{ id: number }>) => (await query.execute(db)).rows[0]!.id;
  const contract = await one(sql`select id from service_contract order by id limit 1`);
  const org = await one(sql`select organisation_id as id from service_contract where id = ${contract}`);
  const site = await one(sql`select id from site where organisation_id = ${org} order by id limit 1`);
  const staff = await one(sql`select id from app_user where kind = 'staff' order by id limit 1`);
  const level = await one(sql`select service_level_id as id from service_contract where id = ${contract}`);
  const supportCase = await one(
    sql`select id from support_case where organisation_id = ${org} order by id limit 1`,
  );

  // Shares the model with the installed base's own sample rows when they exist.
  await sql`
    insert into product_model (vendor, model, part_number, category, warranty_months)
    values ('Cisco', 'C9500-24Y4C', 'C9500-24Y4C-A', 'network', 12)
    on conflict do nothing`.execute(db);
  const model = await one(
    sql`select id from product_model where upper(vendor) = 'CISCO' and upper(model) = 'C9500-24Y4C'`,
  );
  const asset = await one(sql`
    insert into asset (product_model_id, vendor, serial, organisation_id, site_id, installed_on, warranty_ends_on, notes)
    values (${model}, 'Cisco', 'FDO2150BKP7', ${org}, ${site}, '2025-03-15', '2026-03-15', '合同样例设备')
    returning id`);

  await sql`
    update service_contract
       set owner_id = ${staff}, onsite_hours = 4, parts_hours = 8, inspections_per_year = 4,
           renewal_notice_days = 45, renewal_notified_at = '2026-11-16 09:00:00+08'
     where id = ${contract}`.execute(db);
  await sql`insert into contract_asset (contract_id, asset_id) values (${contract}, ${asset})`.execute(db);
  await sql`
    insert into contract_extension (contract_id, case_id, cause, down_from, down_to, days, ends_on_before,
      ends_on_after, reason, recorded_by, recorded_at)
    values (${contract}, ${supportCase}, 'vendor', '2026-03-09 10:00:00+08', '2026-03-10 16:00:00+08', 2,
            '2026-12-31', '2027-01-02', '厂商固件缺陷导致核心交换机停机 30 小时', ${staff}, '2026-03-11 09:00:00+08')`.execute(
    db,
  );
  await sql`update service_contract set ends_on = '2027-01-02', extension_days = 2 where id = ${contract}`.execute(
    db,
  );
  await sql`
    insert into service_contract (number, organisation_id, service_level_id, starts_on, ends_on, state, owner_id,
      onsite_hours, parts_hours, inspections_per_year, renews_contract_id)
    values ('HT-2027-001', ${org}, ${level}, '2027-01-03', '2027-12-31', 'draft', ${staff}, 4, 8, 4, ${contract})
`.execute(db);
  await sql`update service_contract set state = 'renewed' where id = ${contract}`.execute(db);
}
