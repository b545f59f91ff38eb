/**
 * `tacdesk restore`: loads a backup (backup-format.ts) into an empty database on either
 * engine. The schema comes from the migrations, never from the file: the target is brought to
 * the backup's migration, the rows go in within one transaction that commits only if the
 * row counts and the checksum match, then the newer migrations run on the restored data.
 */
import crypto from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { CompiledQuery, sql } from 'kysely';
import {
  type Migrator,
  NO_MIGRATIONS,
  type MigrationProvider,
  type NoMigrations,
  type MigrationResultSet,
} from 'kysely/migration';
import {
  listTables,
  quoteIdent,
  readCatalog,
  setStableTextForms,
  type AnyDb,
  type CatalogTable,
} from './backup-catalog.ts';
import {
  BackupFormatError,
  parseHeader,
  parseLine,
  readBackupLines,
  RestoreRefusedError,
  type BackupCommandSummary,
  type BackupHeader,
  type BackupSummary,
  type BackupTrailer,
  type TableSection,
} from './backup-format.ts';
import { TableLoader } from './restore-loader.ts';
import { createMigrator } from './migrate.ts';

export { BackupFormatError, RestoreRefusedError } from './backup-format.ts';

export interface RestoreBackupOptions {
  /** Rows per INSERT (batches are also capped at 8 MiB). */
  batchRows?: number;
  /** The migrations this TACdesk ships; tests substitute their own. */
  migrations?: MigrationProvider;
}

/** Restores a backup file (path or stream) into `db`, which must hold no rows. */
export async function restoreBackup(
  db: AnyDb,
  input: Readable | string,
  options: RestoreBackupOptions = {},
): Promise<BackupSummary> {
  const reader = readBackupLines(typeof input === 'string' ? createReadStream(input) : input);
  const migrator = createMigrator(db, options.migrations);
  try {
    const first = await reader.lines.next();
    if (first.done) throw new BackupFormatError('Backup file is empty');
    const header = parseHeader(parseLine(first.value, 1));
    const hash = crypto.createHash('sha256').update(first.value).update('\n');

    const previous = await prepareSchema(db, migrator, header.migration);
    let summary: Omit<BackupSummary, 'bytes'>;
    try {
      summary = await db.transaction().execute(async (trx) => {
        await setStableTextForms(trx);
        return loadRows(trx, header, reader.lines, hash, options.batchRows ?? 1000);
      });
    } catch (error) {
      // The data rolled back; put the (empty) schema back where it was, too.
      if (previous !== header.migration) await migrateOrThrow(migrator.migrateTo(previous));
      throw error;
    }
    await migrateOrThrow(migrator.migrateToLatest());
    return { ...summary, bytes: reader.bytesRead() };
  } finally {
    reader.close();
  }
}

/** `tacdesk restore --file F`: restores into the database the CLI opened (and migrated); it must be empty. */
export async function runRestoreCommand(options: { db: AnyDb; file: string }): Promise<BackupCommandSummary> {
  const { migration, tables, rows, bytes } = await restoreBackup(options.db, options.file);
  return { migration, tables, rows, bytes };
}

/**
 * Refuses unknown migrations and targets with rows, then migrates the target up (or, when
 * it is empty and ahead, down) to the backup's migration. Returns where the target was.
 */
async function prepareSchema(
  db: AnyDb,
  migrator: Migrator,
  migration: string,
): Promise<string | NoMigrations> {
  const all = await migrator.getMigrations();
  const index = all.findIndex((m) => m.name === migration);
  if (index === -1) {
    const newest = all.at(-1)?.name ?? '(none)';
    throw new RestoreRefusedError(
      migration > newest
        ? `The backup was taken at migration ${migration}, newer than this TACdesk's newest (${newest}): upgrade TACdesk first, then restore`
        : `The backup was taken at migration ${migration}, which this TACdesk does not know`,
    );
  }
  await assertEmpty(db, await listTables(db));
  const applied = all.filter((m) => m.executedAt);
  const previous: string | NoMigrations = applied.at(-1)?.name ?? NO_MIGRATIONS;
  const reverted = all.slice(index + 1).filter((m) => m.executedAt);
  const irreversible = reverted.find((m) => !m.migration.down);
  if (irreversible) {
    throw new RestoreRefusedError(
      `The database is migrated past the backup (to ${previous}) and migration ${irreversible.name} cannot be undone; restore into a new, unmigrated database`,
    );
  }
  if (previous !== migration) await migrateOrThrow(migrator.migrateTo(migration));
  return previous;
}

async function assertEmpty(db: AnyDb, tables: string[]): Promise<void> {
  for (const table of tables) {
    const { rows } = await db.executeQuery<{ found: boolean }>(
      CompiledQuery.raw(`select exists (select from ${quoteIdent(table)}) as found`),
    );
    if (rows[0]?.found) {
      throw new RestoreRefusedError(
        `Refusing to restore: table ${table} is not empty; restore needs a freshly migrated, empty database`,
      );
    }
  }
}

async function migrateOrThrow(run: Promise<MigrationResultSet>): Promise<void> {
  const { error, results } = await run;
  if (!error) return;
  const failed = results?.find((r) => r.status === 'Error')?.migrationName;
  throw new Error(`Migration failed${failed ? ` (${failed})` : ''}: ${String(error)}`, { cause: error });
}

async function loadRows(
  db: AnyDb,
  header: BackupHeader,
  lines: AsyncGenerator<Buffer>,
  hash: crypto.Hash,
  batchRows: number,
): Promise<Omit<BackupSummary, 'bytes'>> {
  const catalog = new Map((await readCatalog(db)).map((t) => [t.name, t]));
  const missing = header.tables.find((name) => !catalog.has(name));
  if (missing) {
    throw new RestoreRefusedError(
      `The backup has table ${missing}, which migration ${header.migration} does not create`,
    );
  }
  // Nobody else writes while we load (a server left running on PostgreSQL, say).
  const names = [...catalog.keys()].map(quoteIdent).join(', ');
  await db.executeQuery(CompiledQuery.raw(`lock table ${names} in exclusive mode`));
  await assertEmpty(db, [...catalog.keys()]);

  const restored: Record<string, number> = {};
  let loader: TableLoader | null = null;
  let trailer: BackupTrailer | null = null;
  let lineNumber = 1;
  for await (const line of lines) {
    lineNumber += 1;
    if (trailer) {
      throw new BackupFormatError(`Backup file is corrupt (data after the trailer, line ${lineNumber})`);
    }
    const value = parseLine(line, lineNumber);
    if (Array.isArray(value)) {
      if (!loader) {
        throw new BackupFormatError(`Backup file is corrupt (row before any table, line ${lineNumber})`);
      }
      await loader.add(value, line.length, lineNumber);
    } else if ((value as { kind?: unknown })?.kind === 'table') {
      if (loader) restored[loader.table.name] = await loader.finish();
      loader = startTable(value as TableSection, header, catalog, restored, db, batchRows);
    } else if ((value as { kind?: unknown })?.kind === 'end') {
      if (loader) restored[loader.table.name] = await loader.finish();
      loader = null;
      trailer = value as BackupTrailer;
      continue;
    } else {
      throw new BackupFormatError(`Backup file is corrupt (unexpected line ${lineNumber})`);
    }
    hash.update(line).update('\n');
  }
  if (!trailer) throw new BackupFormatError('Backup file is truncated (no trailer)');
  if (hash.digest('hex') !== trailer.sha256) {
    throw new BackupFormatError('Backup file is corrupt (checksum mismatch)');
  }
  await verifyCounts(db, header, trailer, restored);
  for (const name of header.tables) await resetSequences(db, catalog.get(name)!);

  const rows = Object.values(restored).reduce((a, b) => a + b, 0);
  return { migration: header.migration, tables: header.tables.length, rows, rowsByTable: restored };
}

function startTable(
  section: TableSection,
  header: BackupHeader,
  catalog: Map<string, CatalogTable>,
  restored: Record<string, number>,
  db: AnyDb,
  batchRows: number,
): TableLoader {
  const table = catalog.get(section.table);
  if (!table || !header.tables.includes(section.table) || section.table in restored) {
    throw new BackupFormatError(`Backup file is corrupt (unexpected section for table ${section.table})`);
  }
  // Sections come parents first; a parent restored later would fail the foreign keys anyway,
  // but this says why.
  const early = table.parents.find((p) => header.tables.includes(p) && !(p in restored));
  if (early) throw new BackupFormatError(`Backup file lists table ${table.name} before its parent ${early}`);
  return new TableLoader(db, table, section.columns, batchRows);
}

async function verifyCounts(
  db: AnyDb,
  header: BackupHeader,
  trailer: BackupTrailer,
  restored: Record<string, number>,
): Promise<void> {
  for (const name of header.tables) {
    const expected = trailer.rows?.[name];
    const { rows } = await db.executeQuery<{ n: number }>(
      CompiledQuery.raw(`select count(*)::int as n from ${quoteIdent(name)}`),
    );
    if (expected !== restored[name] || rows[0]?.n !== expected) {
      throw new BackupFormatError(
        `Backup file is corrupt (table ${name}: trailer says ${String(expected)} rows, file has ${String(restored[name] ?? 0)}, database has ${String(rows[0]?.n)})`,
      );
    }
  }
}

/** Identity and serial sequences continue after the highest restored value. */
async function resetSequences(db: AnyDb, table: CatalogTable): Promise<void> {
  for (const column of table.columns) {
    if (!column.sequence) continue;
    await sql`
      select setval(${column.sequence}::text::regclass, m)
      from (select max(${sql.ref(column.name)}) as m from ${sql.table(table.name)}) s
      where m is not null
    `.execute(db);
  }
}
