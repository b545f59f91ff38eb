/**
 * Applies the frozen migrations in db/migrations (ordered by their timestamped names).
 * Runs at every start; concurrent starts on PostgreSQL are serialised by Kysely's lock table.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import {
  FileMigrationProvider,
  Migrator,
  type MigrationProvider,
  type MigrationResultSet,
} from 'kysely/migration';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../db/migrations', import.meta.url));

/** A migrator over the shipped migrations (tests may substitute their own provider). */
export function createMigrator(db: Kysely<unknown>, provider?: MigrationProvider): Migrator {
  return new Migrator({
    db,
    provider: provider ?? new FileMigrationProvider({ fs, path, migrationFolder: MIGRATIONS_DIR }),
  });
}

/** Brings the schema to the newest migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  const result: MigrationResultSet = await createMigrator(db).migrateToLatest();
  const failed = result.results?.find((r) => r.status === 'Error');
  if (result.error) {
    const name = failed ? ` (${failed.migrationName})` : '';
    throw new Error(`Migration failed${name}: ${String(result.error)}`, { cause: result.error });
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Name of the newest applied migration, recorded in backups. */
export async function currentMigration(db: Kysely<unknown>): Promise<string | null> {
  const all = await createMigrator(db).getMigrations();
  const applied = all.filter((m) => m.executedAt);
  return applied.at(-1)?.name ?? null;
}
