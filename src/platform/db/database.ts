/**
 * Opens the system of record: PostgreSQL through `DATABASE_URL`, or PGlite (PostgreSQL in
 * WASM) embedded under the data directory. Same dialect, same migrations, same queries.
 */
import path from 'node:path';
import { Kysely, PostgresDialect, type Dialect } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { SerializedPGliteDialect } from './serialized-pglite-dialect.ts';
import { lockDataDir } from './data-dir-lock.ts';

// Bigint ids (int8) fit JavaScript numbers for any realistic row count; timestamps stay Date;
// calendar dates (`date`) stay 'YYYY-MM-DD' text, since a Date would shift them by time zone.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
pg.types.setTypeParser(1082, (v) => v);

export type DbEngine = 'postgres' | 'pglite';

export interface DatabaseHandle<DB> {
  db: Kysely<DB>;
  engine: DbEngine;
  /** PostgreSQL URL when on PostgreSQL (for LISTEN/NOTIFY, backup tools). */
  url: string | undefined;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** postgres:// URL; when absent PGlite is used. */
  url?: string | undefined;
  /** PGlite data directory, or `memory://` for a throwaway database. */
  pgliteDir?: string;
  poolMax?: number;
}

const PGLITE_PARSERS = { 20: (v: string) => Number.parseInt(v, 10), 1082: (v: string) => v };

/** Opens the database; with PGlite, takes the data directory lock first. */
export async function openDatabase<DB>(options: OpenDatabaseOptions): Promise<DatabaseHandle<DB>> {
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolMax ?? 10 });
    // An idle connection dropped by the server (restart, failover, admin) must not crash the
    // process: the pool replaces it on the next checkout.
    pool.on('error', (error) => process.emitWarning(`PostgreSQL connection lost: ${error.message}`));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: 'postgres', url: options.url, close: () => db.destroy() };
  }
  const dir = options.pgliteDir ?? 'memory://';
  let release = () => {};
  let dataDir = dir;
  if (!dir.startsWith('memory://')) {
    release = lockDataDir(dir);
    dataDir = path.join(dir, 'pgdata');
  }
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({ dataDir, parsers: PGLITE_PARSERS });
  } catch (error) {
    release();
    throw error;
  }
  const dialect: Dialect = new SerializedPGliteDialect({ pglite });
  const db = new Kysely<DB>({ dialect });
  return {
    db,
    engine: 'pglite',
    url: undefined,
    async close() {
      await db.destroy();
      release();
    },
  };
}
