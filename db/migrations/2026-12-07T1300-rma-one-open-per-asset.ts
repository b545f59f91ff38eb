/**
 * One open RMA per faulty unit, kept by the database as well as by the request command (which
 * locks the asset row): two cases about the same device cannot both reserve a spare for it.
 * Frozen: later changes go into new migrations.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create unique index rma_one_open_per_asset on rma (asset_id)
      where state not in ('closed', 'cancelled')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index rma_one_open_per_asset`.execute(db);
}
