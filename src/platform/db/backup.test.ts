import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { FileMigrationProvider, Migrator, type MigrationProvider } from 'kysely/migration';
import {
  createTestDatabase,
  TEST_ENGINE,
  TEST_PG_URL,
  type TestDatabase,
} from '../../../test/harness/test-database.ts';
import { runBackupCommand, writeBackup } from './backup.ts';
import { restoreBackup, runRestoreCommand, BackupFormatError, RestoreRefusedError } from './restore.ts';
import { createProbeTables, fillProbeTables, fillSampleData, snapshotTables } from './backup-sample-data.ts';
import { openDatabase } from './database.ts';
import { currentMigration, migrateToLatest, MIGRATIONS_DIR } from './migrate.ts';
import type { AnyDb } from './backup-catalog.ts';
import type { BackupHeader, TableSection } from './backup-format.ts';

const BULK_EVENTS = 5000;
let dir: string;
before(async () => (dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tacdesk-backup-'))));
after(() => fs.rm(dir, { recursive: true, force: true }));

/** Runs `work` on a fresh, migrated, empty database of the engine under test. */
async function withTarget<T>(work: (db: AnyDb) => Promise<T>): Promise<T> {
  const target = await createTestDatabase();
  try {
    return await work(target.db);
  } finally {
    await target.dispose();
  }
}

/** The decompressed lines of a backup file, parsed (test files are small). */
async function fileLines(file: string): Promise<unknown[]> {
  const text = gunzipSync(await fs.readFile(file)).toString('utf8');
  return text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as unknown);
}

function rowsOf(lines: unknown[], table: string): unknown[][] {
  const start = lines.findIndex((l) => (l as TableSection).table === table);
  const end = lines.findIndex((l, i) => i > start && !Array.isArray(l));
  return lines.slice(start + 1, end) as unknown[][];
}

async function insertBranch(db: AnyDb): Promise<number> {
  const { rows } = await sql<{ id: number }>`
    insert into branch (code, name) values ('NEW', '新分公司') returning id
  `.execute(db);
  return rows[0]!.id;
}

describe(`backup and restore (${TEST_ENGINE})`, () => {
  let source: TestDatabase;
  let file: string;
  let expected: Record<string, string[]>;

  before(async () => {
    source = await createTestDatabase();
    await fillSampleData(source.db, { bulkEvents: BULK_EVENTS });
    expected = await snapshotTables(source.db);
    file = path.join(dir, 'full.tacdesk.gz');
  });
  after(() => source.dispose());

  test('the sample data has rows in every table of the schema', () => {
    const empty = Object.entries(expected).filter(([, rows]) => rows.length === 0);
    assert.deepEqual(empty, [], 'add rows for new tables to backup-sample-data.ts');
  });

  test('a restore gives back every table row for row', async (t) => {
    const started = performance.now();
    const written = await runBackupCommand({ db: source.db, file });
    const backupMs = performance.now() - started;
    await withTarget(async (db) => {
      const restoring = performance.now();
      const restored = await runRestoreCommand({ db, file });
      const restoreMs = performance.now() - restoring;
      assert.deepEqual(await snapshotTables(db), expected);
      assert.deepEqual(restored, written);
      assert.equal(written.rows, Object.values(expected).flat().length);
      assert.equal(written.bytes, (await fs.stat(file)).size);
      t.diagnostic(
        `${TEST_ENGINE}: ${written.rows} rows in ${written.tables} tables, ${written.bytes} bytes; ` +
          `backup ${Math.round(backupMs)} ms, restore ${Math.round(restoreMs)} ms`,
      );

      await t.test('identity sequences continue after the highest restored id', async () => {
        assert.equal(await insertBranch(db), 4);
        const { rows } = await sql<{ id: number }>`
          insert into domain_event (type, subject_type, subject_id, actor_kind, actor_label)
          values ('branch.created', 'branch', '4', 'system', 'system') returning id
        `.execute(db);
        assert.equal(rows[0]!.id, BULK_EVENTS + 4);
      });
    });
  });

  test('the file lists tables parents first and writes values in their documented forms', async () => {
    const lines = await fileLines(file);
    const header = lines[0] as BackupHeader;
    assert.equal(header.engine, TEST_ENGINE);
    assert.equal(header.migration, await currentMigration(source.db as never));
    const order = (name: string) => header.tables.indexOf(name);
    for (const [parent, child] of [
      ['branch', 'organisation'],
      ['organisation', 'site'],
      ['site', 'contact'],
      ['contact', 'app_user'],
      ['app_user', 'user_role'],
      ['app_user', 'user_session'],
      ['app_user', 'api_token'],
    ] as const) {
      assert.ok(order(parent) < order(child), `${parent} before ${child}`);
    }
    assert.ok(!header.tables.includes('kysely_migration'));

    const section = lines.find((l) => (l as TableSection).table === 'branch') as TableSection;
    const column = (name: string) => section.columns.findIndex((c) => c.name === name);
    const beijing = rowsOf(lines, 'branch')[0]!;
    assert.equal(beijing[column('id')], 1);
    assert.equal(beijing[column('name')], '北京总部');
    assert.equal(beijing[column('is_headquarters')], true);
    assert.equal(beijing[column('created_at')], '2024-01-02T01:00:00.000000Z');
    assert.equal(rowsOf(lines, 'branch')[2]![column('region')], null);
  });

  test('refuses a database that has rows, and changes nothing', async () => {
    // The source itself: restoring over a live database is the mistake this guards against.
    await assert.rejects(restoreBackup(source.db, file), (error: Error) => {
      assert.ok(error instanceof RestoreRefusedError);
      // The first non-empty table in name order is named (which one depends on the schema).
      assert.match(error.message, /table [a-z_]+ is not empty/);
      return true;
    });
    assert.deepEqual(await snapshotTables(source.db), expected);
  });

  test('refuses a truncated or corrupt file, and changes nothing', async () => {
    const gz = await fs.readFile(file);
    const lines = gunzipSync(gz).toString('utf8').split('\n');
    const variants: Record<string, [Buffer, RegExp]> = {
      'cut mid-stream': [gz.subarray(0, Math.floor(gz.length / 2)), /truncated or corrupt/],
      'cut at a line, recompressed': [gzipSync(lines.slice(0, 3000).join('\n') + '\n'), /no trailer/],
      'trailer line cut in half': [gzipSync(lines.join('\n').slice(0, -40)), /last line is incomplete/],
      'a value edited': [gzipSync(lines.join('\n').replace('北京总部', '北京分部')), /checksum mismatch/],
      'a row dropped': [gzipSync(lines.filter((_, i) => i !== 40).join('\n')), /checksum mismatch|rows/],
      'not gzip': [Buffer.from(lines.join('\n')), /truncated or corrupt/],
      'not a backup': [gzipSync('{"hello":"world"}\n'), /Not a TACdesk backup/],
      empty: [Buffer.alloc(0), /empty|truncated/],
    };
    await withTarget(async (db) => {
      const before = await snapshotTables(db);
      for (const [name, [content, message]] of Object.entries(variants)) {
        const broken = path.join(dir, `broken-${name.replaceAll(' ', '-')}.gz`);
        await fs.writeFile(broken, content);
        await assert.rejects(restoreBackup(db, broken), (error: Error) => {
          assert.ok(error instanceof BackupFormatError, `${name}: ${error.message}`);
          assert.match(error.message, message, name);
          return true;
        });
        assert.deepEqual(await snapshotTables(db), before, name);
      }
      assert.equal(await insertBranch(db), 1, 'sequences untouched');
    });
  });

  test('refuses a backup taken by a newer TACdesk, and changes nothing', async () => {
    const newer = await createTestDatabase();
    try {
      await migrate(newer.db, withExtraMigration());
      await insertBranch(newer.db);
      const newerFile = path.join(dir, 'newer.tacdesk.gz');
      await writeBackup(newer.db, newerFile);
      await withTarget(async (db) => {
        const before = await snapshotTables(db);
        await assert.rejects(
          restoreBackup(db, newerFile),
          /newer than this TACdesk's newest .*upgrade TACdesk first/,
        );
        assert.deepEqual(await snapshotTables(db), before);
        assert.equal(await currentMigration(db as never), await currentMigration(source.db as never));
      });
    } finally {
      await newer.dispose();
    }
  });

  test('restores an older backup into a database migrated past it, then migrates it', async () => {
    const provider = withExtraMigration();
    const newest = async (db: AnyDb) =>
      (await sql<{ name: string }>`select max(name) as name from kysely_migration`.execute(db)).rows[0]!.name;
    await withTarget(async (db) => {
      await migrate(db, provider);

      // A failure after the schema was taken back to the backup's migration puts it forward again.
      const lines = gunzipSync(await fs.readFile(file))
        .toString('utf8')
        .split('\n');
      const cut = path.join(dir, 'older-cut.tacdesk.gz');
      await fs.writeFile(cut, gzipSync(lines.slice(0, 100).join('\n') + '\n'));
      await assert.rejects(restoreBackup(db, cut, { migrations: provider }), BackupFormatError);
      assert.equal(await newest(db), EXTRA_MIGRATION);

      await restoreBackup(db, file, { migrations: provider });
      const restored = await snapshotTables(db);
      for (const table of Object.keys(expected).filter((t) => t !== 'branch')) {
        assert.deepEqual(restored[table], expected[table], table);
      }
      const notes = await sql<{ note: string }>`select backup_note as note from branch order by id`.execute(
        db,
      );
      assert.deepEqual(
        notes.rows.map((r) => r.note),
        expected.branch!.map(() => '默认'),
      );
      assert.equal(await newest(db), EXTRA_MIGRATION);
    });
  });

  test('carries unusual types and self-references exactly, in small pages and batches', async () => {
    const probe = await createTestDatabase();
    try {
      await fillSampleData(probe.db);
      await createProbeTables(probe.db);
      await fillProbeTables(probe.db);
      const probeFile = path.join(dir, 'probe.tacdesk.gz');
      // Pages of 2 walk composite (user_role), text (user_session, app_setting) and uuid keys.
      await writeBackup(probe.db, probeFile, { pageSize: 2 });
      const want = await snapshotTables(probe.db);
      const lines = await fileLines(probeFile);
      const types = rowsOf(lines, 'backup_probe_types');
      assert.equal(types[0]![9], Buffer.from(Array.from({ length: 256 }, (_, i) => i)).toString('base64'));
      assert.equal(types[0]![2], '9007199254740993');
      assert.equal(types[1]![3], '-0');

      await withTarget(async (db) => {
        await createProbeTables(db);
        await restoreBackup(db, probeFile, { batchRows: 2 });
        assert.deepEqual(await snapshotTables(db), want);
        const { rows } = await sql<{ id: number }>`
          insert into backup_probe_tree (label) values ('new') returning id
        `.execute(db);
        assert.equal(rows[0]!.id, 8);
      });

      await sql`create table backup_probe_no_key (x int)`.execute(probe.db);
      const noKey = path.join(dir, 'no-key.tacdesk.gz');
      await assert.rejects(writeBackup(probe.db, noKey), /backup_probe_no_key has no primary key/);
      assert.deepEqual(
        (await fs.readdir(dir)).filter((f) => f.startsWith('no-key')),
        [],
        'no file, not even a partial one',
      );
    } finally {
      await probe.dispose();
    }
  });
});

test(
  'PGlite → PostgreSQL → PGlite',
  { skip: TEST_PG_URL ? false : 'needs TACDESK_TEST_DATABASE_URL' },
  async (t) => {
    const openLite = async () => {
      const handle = await openDatabase<unknown>({ pgliteDir: 'memory://' });
      await migrateToLatest(handle.db);
      return handle;
    };
    const lite = await openLite();
    const pg = await createTestDatabase();
    const back = await openLite();
    try {
      await fillSampleData(lite.db as AnyDb, { bulkEvents: BULK_EVENTS });
      const want = await snapshotTables(lite.db as AnyDb);
      const toPg = path.join(dir, 'lite-to-pg.tacdesk.gz');
      const toLite = path.join(dir, 'pg-to-lite.tacdesk.gz');
      const timings: number[] = [performance.now()];
      await writeBackup(lite.db as AnyDb, toPg);
      timings.push(performance.now());
      await restoreBackup(pg.db, toPg);
      timings.push(performance.now());
      assert.deepEqual(await snapshotTables(pg.db), want);
      timings.push(performance.now());
      await writeBackup(pg.db, toLite);
      timings.push(performance.now());
      await restoreBackup(back.db as AnyDb, toLite);
      timings.push(performance.now());
      assert.deepEqual(await snapshotTables(back.db as AnyDb), want);
      const ms = (i: number) => Math.round(timings[i + 1]! - timings[i]!);
      t.diagnostic(
        `PGlite backup ${ms(0)} ms → PostgreSQL restore ${ms(1)} ms; PostgreSQL backup ${ms(3)} ms → PGlite restore ${ms(4)} ms`,
      );
    } finally {
      await lite.close();
      await pg.dispose();
      await back.close();
    }
  },
);

const EXTRA_MIGRATION = '9999-12-31T0000-backup-test-column';

/** The shipped migrations plus one from a "future" TACdesk that adds a column with a default. */
function withExtraMigration(): MigrationProvider {
  const shipped = new FileMigrationProvider({ fs, path, migrationFolder: MIGRATIONS_DIR });
  return {
    async getMigrations() {
      return {
        ...(await shipped.getMigrations()),
        [EXTRA_MIGRATION]: {
          up: async (db) =>
            void (await sql`alter table branch add column backup_note text not null default '默认'`.execute(
              db,
            )),
          down: async (db) => void (await sql`alter table branch drop column backup_note`.execute(db)),
        },
      };
    },
  };
}

async function migrate(db: AnyDb, provider: MigrationProvider): Promise<void> {
  const { error } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) throw error;
}
