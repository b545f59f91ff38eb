/**
 * Polls the job table and runs handlers. Safe to run in every process at once: claims are
 * exclusive (SKIP LOCKED), and a handler must make its effect idempotent (at least once).
 */
import crypto from 'node:crypto';
import os from 'node:os';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { PlatformTables } from '../db/platform-tables.ts';
import { claimJobs, completeJob, failJob, type ClaimedJob } from './job-queue.ts';

export type JobHandler = (job: ClaimedJob) => Promise<void>;

export interface JobRunnerOptions {
  db: Kysely<PlatformTables>;
  handlers: Record<string, JobHandler>;
  pollMs?: number;
  batchSize?: number;
  lockSeconds?: number;
  log?: { error(obj: object, msg: string): void };
}

export class JobRunner {
  readonly id = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
  readonly #opts: Required<Omit<JobRunnerOptions, 'log'>> & Pick<JobRunnerOptions, 'log'>;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #stopped = true;

  constructor(opts: JobRunnerOptions) {
    this.#opts = { pollMs: 1000, batchSize: 20, lockSeconds: 120, ...opts };
  }

  /** Claims and runs one batch; returns how many jobs it handled. */
  async runOnce(): Promise<number> {
    const { db, handlers } = this.#opts;
    const jobs = await claimJobs(db, {
      kinds: Object.keys(handlers),
      limit: this.#opts.batchSize,
      lockSeconds: this.#opts.lockSeconds,
      runnerId: this.id,
    });
    for (const job of jobs) {
      try {
        await handlers[job.kind]!(job);
        await completeJob(db, job.id);
      } catch (error) {
        this.#opts.log?.error({ err: error, jobId: job.id, kind: job.kind }, 'job failed');
        await failJob(db, job, error);
      }
      // PGlite answers in microtasks, so a batch of database-only jobs would hold timers and
      // requests until its last job: they get a turn after each job.
      await nextTurn();
    }
    return jobs.length;
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    const tick = async () => {
      if (this.#stopped) return;
      const batch = this.runOnce();
      this.#running = batch.then(() => undefined);
      let handled = 0;
      try {
        handled = await batch;
      } catch (error) {
        this.#opts.log?.error({ err: error }, 'job runner poll failed');
      } finally {
        this.#running = null;
      }
      // A full batch means more is likely due: go again at once.
      if (!this.#stopped)
        this.#timer = setTimeout(tick, handled >= this.#opts.batchSize ? 0 : this.#opts.pollMs);
    };
    this.#timer = setTimeout(tick, 0);
  }

  /** Stops polling and waits for the batch in hand to finish. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    await this.#running?.catch(() => {});
  }
}
