/**
 * Rules of the installed base the database keeps besides the code: names and serials are never
 * blank, a maker's warranty does not end before the installation (except on a replacement, which
 * keeps the warranty end of the unit it replaced), an asset does not replace itself, a swap entry
 * names the other asset. And the index of the "warranty ending before …" list.
 * Frozen: later changes go into new migrations.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    sql`
    alter table product_model add constraint product_model_names_not_blank
      check (btrim(vendor) <> '' and btrim(model) <> '')`,
    sql`
    alter table asset add constraint asset_serial_not_blank check (btrim(serial) <> '')`,
    sql`
    -- A replacement keeps the warranty end of the unit it replaced, which may have passed already.
    alter table asset add constraint asset_warranty_after_install
      check (warranty_ends_on is null or installed_on is null or warranty_ends_on >= installed_on
             or replaces_asset_id is not null)`,
    sql`
    alter table asset add constraint asset_not_own_replacement check (replaces_asset_id <> id)`,
    sql`
    alter table asset_event add constraint asset_event_swap_names_other
      check (kind not in ('swapped_out', 'swapped_in') or other_asset_id is not null)`,
    sql`
    -- Serves the asset list "warranty ending before a day", soonest first (keyset on id).
    create index asset_warranty_idx on asset (warranty_ends_on, id) where warranty_ends_on is not null`,
  ];
  for (const statement of statements) await statement.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const statements = [
    sql`drop index asset_warranty_idx`,
    sql`alter table asset_event drop constraint asset_event_swap_names_other`,
    sql`alter table asset drop constraint asset_not_own_replacement`,
    sql`alter table asset drop constraint asset_warranty_after_install`,
    sql`alter table asset drop constraint asset_serial_not_blank`,
    sql`alter table product_model drop constraint product_model_names_not_blank`,
  ];
  for (const statement of statements) await statement.execute(db);
}
