/** Background jobs: claimed exactly once across runners, retried with backoff, then dead. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from '../harness/test-database.ts';
import { openDatabase } from '../../src/platform/db/database.ts';
import type { Database } from '../../src/app/database-schema.ts';
import { enqueueJob } from '../../src/platform/jobs/job-queue.ts';
import { JobRunner } from '../../src/platform/jobs/job-runner.ts';

let database: TestDatabase;
before(async () => {
  database = await createTestDatabase();
});
after(() => database.dispose());

test('two runners handle each of 500 jobs exactly once', async () => {
  const db = database.db;
  // On PostgreSQL the second runner has its own pool, as a second node would.
  const second =
    TEST_ENGINE === 'postgres' ? await openDatabase<Database>({ url: database.url!, poolMax: 4 }) : null;
  const handled = new Map<number, string[]>();
  const handler = (runner: string) => async (job: { id: number }) => {
    handled.set(job.id, [...(handled.get(job.id) ?? []), runner]);
    await new Promise((r) => setTimeout(r, Math.random() * 2));
  };
  for (let i = 0; i < 500; i++) await enqueueJob(db, { kind: 'test.once', payload: { i } });
  const a = new JobRunner({ db, handlers: { 'test.once': handler('a') }, pollMs: 5, batchSize: 10 });
  const b = new JobRunner({
    db: second?.db ?? db,
    handlers: { 'test.once': handler('b') },
    pollMs: 5,
    batchSize: 10,
  });
  a.start();
  b.start();
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const { n } = await db
      .selectFrom('job')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '!=', 'done')
      .executeTakeFirstOrThrow();
    if (Number(n) === 0) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  await a.stop();
  await b.stop();
  await second?.close();
  assert.equal(handled.size, 500);
  const twice = [...handled].filter(([, runners]) => runners.length !== 1);
  assert.deepEqual(twice, []);
  const byRunner = [...handled.values()].flat();
  if (TEST_ENGINE === 'postgres') {
    assert.ok(byRunner.includes('a') && byRunner.includes('b'), 'both runners took work');
  }
});

test('a failing job is retried with backoff, then marked dead with its error', async () => {
  const db = database.db;
  await enqueueJob(db, { kind: 'test.fail', maxAttempts: 2, idempotencyKey: 'fail-1' });
  await enqueueJob(db, { kind: 'test.fail', maxAttempts: 2, idempotencyKey: 'fail-1' }); // idempotent
  const runner = new JobRunner({
    db,
    handlers: { 'test.fail': async () => Promise.reject(new Error('SMTP 421 try later')) },
  });
  assert.equal(await runner.runOnce(), 1);
  let job = await db
    .selectFrom('job')
    .selectAll()
    .where('idempotency_key', '=', 'fail-1')
    .executeTakeFirstOrThrow();
  assert.equal(job.status, 'pending');
  assert.equal(job.attempts, 1);
  assert.equal(job.last_error, 'SMTP 421 try later');
  assert.ok(job.run_at.getTime() > Date.now() + 5_000, 'backs off before the next attempt');
  assert.equal(await runner.runOnce(), 0, 'not due yet');
  await sql`update job set run_at = now() where id = ${job.id}`.execute(db);
  assert.equal(await runner.runOnce(), 1);
  job = await db.selectFrom('job').selectAll().where('id', '=', job.id).executeTakeFirstOrThrow();
  assert.equal(job.status, 'dead');
  assert.equal(job.attempts, 2);
});

test('a job whose runner died is claimed again when its lock expires', async () => {
  const db = database.db;
  await enqueueJob(db, { kind: 'test.orphan', idempotencyKey: 'orphan-1' });
  await sql`update job set status = 'running', attempts = 1, locked_until = now() - interval '1 second' where idempotency_key = 'orphan-1'`.execute(
    db,
  );
  let ran = 0;
  const runner = new JobRunner({ db, handlers: { 'test.orphan': async () => void ran++ } });
  assert.equal(await runner.runOnce(), 1);
  assert.equal(ran, 1);
  const job = await db
    .selectFrom('job')
    .selectAll()
    .where('idempotency_key', '=', 'orphan-1')
    .executeTakeFirstOrThrow();
  assert.equal(job.status, 'done');
});

test('timers get a turn between the jobs of a batch, even when no query yields (PGlite)', async () => {
  const db = database.db;
  for (let i = 0; i < 20; i++) await enqueueJob(db, { kind: 'test.busy', payload: { i } });
  let ran = 0;
  let ranWhenTimerFired: number | null = null;
  const runner = new JobRunner({
    db,
    batchSize: 20,
    handlers: {
      'test.busy': async () => {
        await sql`select pg_sleep(0.001)`.execute(db);
        ran++;
      },
    },
  });
  // Stands for a request or a lease renewal waiting while the runner works through its batch.
  setTimeout(() => (ranWhenTimerFired = ran), 0);
  assert.equal(await runner.runOnce(), 20);
  assert.ok(
    ranWhenTimerFired !== null && ranWhenTimerFired < 20,
    `timer fired after ${ranWhenTimerFired} jobs`,
  );
});
