/**
 * Enqueues recurring housekeeping. Every node does it; the idempotency key (kind + time
 * bucket) makes the job exist once per bucket however many nodes run.
 */
import type { Kysely } from 'kysely';
import type { PlatformTables } from '../platform/db/platform-tables.ts';
import { enqueueJob } from '../platform/jobs/job-queue.ts';

const SCHEDULE: Array<{ kind: string; everyMinutes: number }> = [
  { kind: 'sessions.sweep', everyMinutes: 60 },
  { kind: 'rma.returns', everyMinutes: 15 },
  { kind: 'spares.purchase_order_reminders', everyMinutes: 60 },
  { kind: 'contracts.daily', everyMinutes: 60 },
];

export async function enqueuePeriodicJobs(db: Kysely<PlatformTables>, now = new Date()): Promise<void> {
  for (const { kind, everyMinutes } of SCHEDULE) {
    const bucket = Math.floor(now.getTime() / (everyMinutes * 60_000));
    await enqueueJob(db, { kind, idempotencyKey: `${kind}:${bucket}`, maxAttempts: 3 });
  }
}

/** Starts the schedule; returns a stop function. */
export function startPeriodicJobs(db: Kysely<PlatformTables>, onError: (error: unknown) => void): () => void {
  const tick = () => enqueuePeriodicJobs(db).catch(onError);
  void tick();
  const timer = setInterval(tick, 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
