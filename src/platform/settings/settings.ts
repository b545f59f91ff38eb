/**
 * Installation-wide settings (hotline number, company name, reopen window …) stored as JSON in
 * `app_setting`, with defaults in code so an empty table is a working installation.
 */
import type { Kysely, Transaction } from 'kysely';
import type { PlatformTables } from '../db/platform-tables.ts';

type Db = Kysely<PlatformTables> | Transaction<PlatformTables>;

export async function readSetting<T>(db: Db, key: string, fallback: T): Promise<T> {
  const row = await db.selectFrom('app_setting').select('value').where('key', '=', key).executeTakeFirst();
  return row ? (row.value as T) : fallback;
}

export async function writeSetting(db: Db, key: string, value: unknown): Promise<void> {
  const json = JSON.stringify(value);
  await db
    .insertInto('app_setting')
    .values({ key, value: json })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: new Date() }))
    .execute();
}
