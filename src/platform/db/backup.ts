/**
 * `tacdesk backup`: writes every application table to one engine-neutral file (see
 * backup-format.ts), read from one consistent snapshot, a page at a time, so a backup taken
 * on PGlite restores onto PostgreSQL and back.
 */
import { once } from 'node:events';
import crypto from 'node:crypto';
import { createWriteStream, promises as fs } from 'node:fs';
import { Readable, Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { CompiledQuery, sql } from 'kysely';
import {
  quoteIdent,
  readCatalog,
  readExpression,
  setStableTextForms,
  toFileValue,
  toParameter,
  writeExpression,
  type AnyDb,
  type CatalogTable,
} from './backup-catalog.ts';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  type BackupCommandSummary,
  type BackupHeader,
  type BackupSummary,
  type BackupTrailer,
  type TableSection,
} from './backup-format.ts';

export interface WriteBackupOptions {
  /** Rows fetched per query; small values exercise paging in tests. */
  pageSize?: number;
  /** Clock for the header's `createdAt`. */
  now?: () => Date;
}

/** Writes a gzip'd backup of `db` to a stream (which is ended) or, atomically, to a file path. */
export async function writeBackup(
  db: AnyDb,
  out: Writable | string,
  options: WriteBackupOptions = {},
): Promise<BackupSummary> {
  if (typeof out !== 'string') return writeToStream(db, out, options);
  // Written under a temporary name and renamed once complete and flushed to disk, so a failed
  // run never leaves a plausible-looking backup behind.
  const partial = `${out}.partial-${process.pid}`;
  const stream = createWriteStream(partial, { flush: true });
  try {
    const summary = await writeToStream(db, stream, options);
    await fs.rename(partial, out);
    return summary;
  } catch (error) {
    // The stream opens its file asynchronously: let it finish opening (and close) before the
    // partial file is removed, or the removal can run first and leave the file behind.
    if (!stream.closed) {
      stream.destroy();
      await once(stream, 'close').catch(() => {});
    }
    await fs.rm(partial, { force: true });
    throw error;
  }
}

/**
 * `tacdesk backup --file F`, once the CLI has opened the database (with PGlite the server
 * must be stopped: it holds the data directory lock).
 */
export async function runBackupCommand(options: { db: AnyDb; file: string }): Promise<BackupCommandSummary> {
  const { migration, tables, rows, bytes } = await writeBackup(options.db, options.file);
  return { migration, tables, rows, bytes };
}

async function writeToStream(db: AnyDb, out: Writable, options: WriteBackupOptions): Promise<BackupSummary> {
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  // The transaction stays open while the file is written: one snapshot for every table.
  // On PGlite this holds the only connection, which is why the server must be stopped anyway.
  const result = await db.transaction().execute(async (trx) => {
    await sql`set transaction isolation level repeatable read, read only`.execute(trx);
    await setStableTextForms(trx);
    const migration = await appliedMigration(trx);
    const tables = await readCatalog(trx);
    for (const table of tables) {
      if (table.primaryKey.length === 0) {
        throw new Error(`Table ${table.name} has no primary key; backup pages by primary key and needs one`);
      }
    }
    const { rows: versions } = await sql<{ version: string; server: string }>`
      select version() as version, current_setting('server_version') as server
    `.execute(trx);
    const header: BackupHeader = {
      kind: 'header',
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      migration,
      engine: /PGlite/i.test(versions[0]!.version) ? 'pglite' : 'postgres',
      serverVersion: versions[0]!.server,
      createdAt: (options.now?.() ?? new Date()).toISOString(),
      tables: tables.map((t) => t.name),
    };
    const rowsByTable: Record<string, number> = {};
    const lines = backupLines(trx, header, tables, options.pageSize ?? 1000, rowsByTable);
    await pipeline(Readable.from(lines), createGzip(), counter, out);
    return { migration, rowsByTable };
  });
  const rows = Object.values(result.rowsByTable).reduce((a, b) => a + b, 0);
  const tables = Object.keys(result.rowsByTable).length;
  return { migration: result.migration, tables, rows, rowsByTable: result.rowsByTable, bytes };
}

async function appliedMigration(db: AnyDb): Promise<string> {
  // The database's own record, not the code's list: a backup says what the data looks like.
  const { rows: exists } = await sql<{ found: boolean }>`
    select to_regclass('public.kysely_migration') is not null as found
  `.execute(db);
  const { rows } = exists[0]?.found
    ? await sql<{ name: string }>`select name from kysely_migration order by name desc limit 1`.execute(db)
    : { rows: [] };
  if (!rows[0]) throw new Error('The database has no migrations applied; there is nothing to back up');
  return rows[0].name;
}

async function* backupLines(
  db: AnyDb,
  header: BackupHeader,
  tables: CatalogTable[],
  pageSize: number,
  rowsByTable: Record<string, number>,
): AsyncGenerator<Buffer> {
  const hash = crypto.createHash('sha256');
  const encode = (text: string): Buffer => {
    const buf = Buffer.from(text, 'utf8');
    hash.update(buf);
    return buf;
  };
  yield encode(JSON.stringify(header) + '\n');
  for (const table of tables) {
    const section: TableSection = {
      kind: 'table',
      table: table.name,
      columns: table.columns.map(({ name, type, codec }) => ({ name, type, codec })),
    };
    yield encode(JSON.stringify(section) + '\n');
    rowsByTable[table.name] = 0;
    for await (const page of pages(db, table, pageSize)) {
      rowsByTable[table.name]! += page.length;
      yield encode(page.map((row) => JSON.stringify(row) + '\n').join(''));
    }
  }
  const trailer: BackupTrailer = { kind: 'end', rows: rowsByTable, sha256: hash.digest('hex') };
  yield Buffer.from(JSON.stringify(trailer) + '\n');
}

/** Keyset pagination by primary key: each page starts after the last key of the previous one. */
async function* pages(db: AnyDb, table: CatalogTable, pageSize: number): AsyncGenerator<unknown[][]> {
  const select = table.columns.map((c, i) => readExpression(c, `c${i}`)).join(', ');
  const keyColumns = table.primaryKey.map((name) => table.columns.findIndex((c) => c.name === name));
  const keyList = table.primaryKey.map(quoteIdent).join(', ');
  const from = `select ${select} from ${quoteIdent(table.name)}`;
  const after = `where (${keyList}) > (${keyColumns.map((i, k) => writeExpression(table.columns[i]!, `$${k + 1}::text`)).join(', ')})`;
  const tail = `order by ${keyList} limit ${pageSize}`;

  let lastKey: Array<string | null> | null = null;
  for (;;) {
    const query: CompiledQuery<Record<string, unknown>> = lastKey
      ? CompiledQuery.raw(`${from} ${after} ${tail}`, lastKey)
      : CompiledQuery.raw(`${from} ${tail}`);
    const { rows } = await db.executeQuery(query);
    if (rows.length === 0) return;
    const page = rows.map((row) => table.columns.map((c, i) => toFileValue(c.codec, row[`c${i}`])));
    yield page;
    if (rows.length < pageSize) return;
    const last = page.at(-1)!;
    lastKey = keyColumns.map((i) => toParameter(last[i]));
  }
}
