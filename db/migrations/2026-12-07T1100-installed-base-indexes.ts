/**
 * Two indexes the installed-base benchmark called for (docs/PERFORMANCE.md, 2026-12-07): the unit
 * that replaced an asset (the asset list and card look it up per row; without the index every row
 * scanned the whole table — about 1 s per page of 50 at 100 000 assets — and so did every delete,
 * through the self-referencing foreign key), and the contracts covering a site (entitlement by site).
 * Frozen: later changes go into new migrations.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index asset_replaces_idx on asset (replaces_asset_id, id) where replaces_asset_id is not null`.execute(
    db,
  );
  await sql`create index contract_site_site_idx on contract_site (site_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index contract_site_site_idx`.execute(db);
  await sql`drop index asset_replaces_idx`.execute(db);
}
