/**
 * Background work as rows: enqueued in the transaction of the change that needs it, claimed by
 * any runner on any node with FOR UPDATE SKIP LOCKED, retried with exponential backoff, and
 * finally marked dead (visible, retryable by an admin) instead of silently dropped.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { PlatformTables } from '../db/platform-tables.ts';

export interface NewJob {
  kind: string;
  payload?: unknown;
  /** Same key twice enqueues once: makes "enqueue on every attempt" idempotent. */
  idempotencyKey?: string;
  runAt?: Date;
  maxAttempts?: number;
}

export interface ClaimedJob {
  id: number;
  kind: string;
  payload: unknown;
  attempts: number;
  max_attempts: number;
}

type Db = Kysely<PlatformTables> | Transaction<PlatformTables>;

/** Enqueues a job; with an idempotency key already present, does nothing. */
export async function enqueueJob(db: Db, job: NewJob): Promise<void> {
  await db
    .insertInto('job')
    .values({
      kind: job.kind,
      payload: JSON.stringify(job.payload ?? {}),
      idempotency_key: job.idempotencyKey ?? null,
      run_at: job.runAt ?? new Date(),
      max_attempts: job.maxAttempts ?? 8,
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .execute();
}

/**
 * Claims up to `limit` due jobs of the given kinds for `lockSeconds`. Jobs whose runner died
 * (lock expired while running) are due again. Concurrent claimers never get the same job.
 */
export async function claimJobs(
  db: Kysely<PlatformTables>,
  opts: { kinds: string[]; limit: number; lockSeconds: number; runnerId: string },
): Promise<ClaimedJob[]> {
  if (opts.kinds.length === 0) return [];
  const result = await sql<ClaimedJob>`
    update job set status = 'running', attempts = attempts + 1,
      locked_until = now() + make_interval(secs => ${opts.lockSeconds}), locked_by = ${opts.runnerId}
    where id in (
      select id from job
      where kind = any(${opts.kinds}::text[])
        and ((status = 'pending' and run_at <= now())
          or (status = 'running' and locked_until < now()))
      order by run_at, id
      limit ${opts.limit}
      for update skip locked
    )
    returning id, kind, payload, attempts, max_attempts
  `.execute(db);
  return result.rows;
}

/** Marks a claimed job done. */
export async function completeJob(db: Kysely<PlatformTables>, id: number): Promise<void> {
  await db
    .updateTable('job')
    .set({ status: 'done', finished_at: new Date(), locked_until: null, last_error: null })
    .where('id', '=', id)
    .execute();
}

/** Backoff before attempt n+1: 10 s, 20 s, 40 s … capped at one hour. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(3600, 10 * 2 ** Math.max(0, attempts - 1));
}

/** Records a failure: schedules a retry with backoff, or marks the job dead. */
export async function failJob(db: Kysely<PlatformTables>, job: ClaimedJob, error: unknown): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  const dead = job.attempts >= job.max_attempts;
  await db
    .updateTable('job')
    .set({
      status: dead ? 'dead' : 'pending',
      run_at: new Date(Date.now() + retryDelaySeconds(job.attempts) * 1000),
      locked_until: null,
      last_error: message.slice(0, 2000),
      finished_at: dead ? new Date() : null,
    })
    .where('id', '=', job.id)
    .execute();
}
