/**
 * The `tacdesk` command as an operator uses it: migrate, seed --demo, user add / reset-password,
 * backup and restore (round trip: the same rows after restore), on the engine under test.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { ROOT } from '../harness/server-process.ts';
import { TEST_ENGINE, createScratchPgDatabase } from '../harness/test-database.ts';
import { openDatabase } from '../../src/platform/db/database.ts';
import { verifyPassword } from '../../src/modules/identity/server/secrets.ts';
import type { Database } from '../../src/app/database-schema.ts';

interface Target {
  env: Record<string, string>;
  open(): ReturnType<typeof openDatabase<Database>>;
  drop(): Promise<void>;
}

async function makeTarget(): Promise<Target> {
  if (TEST_ENGINE === 'postgres') {
    const scratch = await createScratchPgDatabase();
    return {
      env: { DATABASE_URL: scratch.url },
      open: () => openDatabase<Database>({ url: scratch.url }),
      drop: scratch.drop,
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tacdesk-cli-'));
  return {
    env: { TACDESK_DATA_DIR: dir },
    open: () => openDatabase<Database>({ pgliteDir: dir }),
    drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

function tacdesk(target: Target, ...args: string[]) {
  const res = spawnSync(process.execPath, ['src/cli.ts', ...args], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: '',
      TACDESK_DATA_DIR: '',
      ...target.env,
      TACDESK_LOG_LEVEL: 'silent',
    },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: res.status, out: res.stdout, err: res.stderr };
}

let source: Target;
let restored: Target;
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tacdesk-backup-'));
before(async () => {
  source = await makeTarget();
  restored = await makeTarget();
});
after(async () => {
  await source.drop();
  await restored.drop();
  fs.rmSync(workDir, { recursive: true, force: true });
});

test('migrate, then seed --demo loads a realistic data set once', () => {
  assert.equal(tacdesk(source, 'migrate').code, 0);
  const seeded = tacdesk(source, 'seed', '--demo');
  assert.equal(seeded.code, 0, seeded.err);
  assert.match(seeded.out, /5 branches, 20 staff, 5 customer organisations/);
  const again = tacdesk(source, 'seed', '--demo');
  assert.equal(again.code, 1);
  assert.match(again.err, /already holds customer data/);
});

test('demo staff cover every role and demo customers have Chinese names, sites and contacts', async () => {
  const { db, close } = await source.open();
  try {
    const roles = await db.selectFrom('user_role').select('role').distinct().execute();
    assert.ok(roles.length >= 12, `roles seeded: ${roles.map((r) => r.role).join(',')}`);
    const orgs = await db.selectFrom('organisation').select('name').execute();
    assert.ok(orgs.some((o) => o.name === '华南证券股份有限公司'));
    const sites = await db
      .selectFrom('site')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.ok(Number(sites.n) >= 10);
    const portal = await db.selectFrom('app_user').select('username').where('kind', '=', 'contact').execute();
    assert.ok(portal.some((u) => u.username === 'dengzg'));
  } finally {
    await close();
  }
});

test('user add and user reset-password', async () => {
  const bad = tacdesk(source, 'user', 'add', '--username', 'x1', '--name', '某人', '--roles', 'pilot');
  assert.equal(bad.code, 1);
  assert.match(bad.err, /unknown role\(s\): pilot/);
  const added = tacdesk(
    source,
    'user',
    'add',
    '--username',
    'liming',
    '--name',
    '李明',
    '--roles',
    'tac_engineer,duty_engineer',
    '--branch',
    'SH',
  );
  assert.equal(added.code, 0, added.err);
  const oneTime = added.out.match(/one-time password: (\S+)/)?.[1];
  assert.ok(oneTime);
  const reset = tacdesk(
    source,
    'user',
    'reset-password',
    '--username',
    'liming',
    '--password',
    'Chosen-Pass-2026',
  );
  assert.equal(reset.code, 0, reset.err);
  const { db, close } = await source.open();
  try {
    const user = await db
      .selectFrom('app_user')
      .selectAll()
      .where('username', '=', 'liming')
      .executeTakeFirstOrThrow();
    assert.equal(await verifyPassword(user.password_hash, 'Chosen-Pass-2026'), true);
    assert.equal(await verifyPassword(user.password_hash, oneTime), false);
    const roles = await db
      .selectFrom('user_role')
      .select('role')
      .where('user_id', '=', user.id)
      .orderBy('role')
      .execute();
    assert.deepEqual(
      roles.map((r) => r.role),
      ['duty_engineer', 'tac_engineer'],
    );
  } finally {
    await close();
  }
});

async function snapshot(target: Target): Promise<Record<string, unknown[]>> {
  const { db, close } = await target.open();
  try {
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not like 'kysely_%'
      order by table_name`.execute(db);
    const out: Record<string, unknown[]> = {};
    for (const { table_name } of tables.rows) {
      const rows = await sql`select * from ${sql.table(table_name)} order by 1, 2`.execute(db);
      out[table_name] = JSON.parse(JSON.stringify(rows.rows));
    }
    return out;
  } finally {
    await close();
  }
}

test('backup then restore into an empty database gives the same rows', async () => {
  const file = path.join(workDir, 'tacdesk.ndjson.gz');
  const backup = tacdesk(source, 'backup', '--file', file);
  assert.equal(backup.code, 0, backup.err);
  assert.ok(fs.statSync(file).size > 1000);
  const restore = tacdesk(restored, 'restore', '--file', file);
  assert.equal(restore.code, 0, restore.err);
  const [a, b] = [await snapshot(source), await snapshot(restored)];
  assert.deepEqual(Object.keys(b), Object.keys(a));
  for (const table of Object.keys(a))
    assert.deepEqual(b[table], a[table], `table ${table} differs after restore`);
  const twice = tacdesk(restored, 'restore', '--file', file);
  assert.equal(twice.code, 1, 'a non-empty database is refused');
});

test('tacdesk worker runs due background jobs on its own', async () => {
  const { db, close } = await source.open();
  try {
    const user = await db
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', 'wangfang')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('user_session')
      .values({
        id: 'expired-session',
        user_id: user.id,
        csrf_token: 'x',
        expires_at: new Date(Date.now() - 60_000),
      })
      .execute();
    await db
      .insertInto('job')
      .values({ kind: 'sessions.sweep', idempotency_key: 'cli-test-sweep' })
      .execute();
  } finally {
    await close(); // PGlite: the worker takes the data directory next
  }
  const worker = spawn(process.execPath, ['src/cli.ts', 'worker'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', TACDESK_DATA_DIR: '', ...source.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  worker.stdout.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise((r) => worker.once('exit', r));
  const deadline = Date.now() + 60_000;
  while (!output.includes('worker') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, 1500));
  worker.kill('SIGTERM');
  await exited;
  const reopened = await source.open();
  try {
    const job = await reopened.db
      .selectFrom('job')
      .select('status')
      .where('idempotency_key', '=', 'cli-test-sweep')
      .executeTakeFirstOrThrow();
    assert.equal(job.status, 'done', output);
    const left = await reopened.db
      .selectFrom('user_session')
      .select('id')
      .where('id', '=', 'expired-session')
      .executeTakeFirst();
    assert.equal(left, undefined);
  } finally {
    await reopened.close();
  }
});
