/**
 * One isolated database per test file: an in-memory PGlite by default, or a fresh database
 * on the PostgreSQL server named by TACDESK_TEST_DATABASE_URL (dropped afterwards), so runs
 * and files never collide.
 */
import crypto from 'node:crypto';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../src/platform/db/database.ts';
import { migrateToLatest } from '../../src/platform/db/migrate.ts';
import type { Database } from '../../src/app/database-schema.ts';

export const TEST_PG_URL = process.env.TACDESK_TEST_DATABASE_URL || undefined;
export const TEST_ENGINE = TEST_PG_URL ? 'postgres' : 'pglite';

export interface TestDatabase extends DatabaseHandle<Database> {
  /** Closes the handle and drops the PostgreSQL database. */
  dispose(): Promise<void>;
}

/** Creates an empty PostgreSQL database and returns its URL (PostgreSQL runs only). */
export async function createScratchPgDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!TEST_PG_URL) throw new Error('TACDESK_TEST_DATABASE_URL is not set');
  const name = `tacdesk_t_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: TEST_PG_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** Opens a migrated, empty database on the engine under test. */
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const scratch = TEST_PG_URL ? await createScratchPgDatabase() : null;
  const handle = await openDatabase<Database>({ url: scratch?.url, pgliteDir: 'memory://', poolMax: 5 });
  if (options.migrate !== false) await migrateToLatest(handle.db as never);
  return {
    ...handle,
    async dispose() {
      await handle.close();
      await scratch?.drop();
    },
  };
}
