/**
 * The escalation engine's work: claim cases whose next step is due, a batch per transaction
 * (FOR UPDATE SKIP LOCKED, so any number of processes can sweep at once), fire every step that
 * is due — after downtime each missed step once, in order, marked late — and compute the next
 * due time. A fired step is a row keyed by (case, step): firing twice is impossible.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import { SYSTEM_CONTEXT } from '../../../platform/authz/actor.ts';
import { inTransaction, recordEvent, type UnitOfWork } from '../../../platform/events/domain-events.ts';
import type { EscalationAction } from '../escalation-matrix.ts';
import { scheduleSteps, type ScheduledStep } from '../sla-schedule.ts';
import { clockContext, factsOf, rescheduleLoaded } from './case-clock.ts';
import { STATE_INFO } from '../../cases/case-status.ts';

/** A step fired more than this after its due time counts as late (the engine was down or behind). */
const LATE_AFTER_MS = 60_000;

/**
 * For each role, its holders in the case's region (its organisation's branch) when there are
 * any, otherwise every holder: "Manager1" means the region's Manager1.
 */
async function recipients(
  trx: Transaction<Database>,
  roles: string[],
  branchId: number | null,
): Promise<number[]> {
  if (roles.length === 0) return [];
  const rows = await trx
    .selectFrom('user_role')
    .innerJoin('app_user', 'app_user.id', 'user_role.user_id')
    .select(['app_user.id', 'app_user.branch_id', 'user_role.role'])
    .where('user_role.role', 'in', roles)
    .where('app_user.active', '=', true)
    .where('app_user.kind', '=', 'staff')
    .execute();
  const ids = new Set<number>();
  for (const role of new Set(roles)) {
    const holders = rows.filter((r) => r.role === role);
    const regional = branchId ? holders.filter((r) => r.branch_id === branchId) : [];
    for (const r of regional.length > 0 ? regional : holders) ids.add(r.id);
  }
  return [...ids].sort((a, b) => a - b);
}

async function perform(
  uow: UnitOfWork<Database>,
  caseId: number,
  current: { priority: number; group_id: number | null },
  action: EscalationAction,
  now: Date,
) {
  const trx = uow.trx;
  if (action.kind === 'raise_priority' && action.to < current.priority) {
    await trx
      .updateTable('support_case')
      .set({ priority: action.to, updated_at: now })
      .where('id', '=', caseId)
      .execute();
    current.priority = action.to;
  } else if (action.kind === 'reassign_group' && action.groupId !== current.group_id) {
    await trx
      .updateTable('support_case')
      .set({ group_id: action.groupId, updated_at: now })
      .where('id', '=', caseId)
      .execute();
    current.group_id = action.groupId;
  } else if (action.kind === 'require_vendor_case') {
    const open = await trx
      .selectFrom('vendor_case')
      .select('id')
      .where('case_id', '=', caseId)
      .where('status', '!=', 'closed')
      .executeTakeFirst();
    // An open vendor case already answers the requirement; otherwise leave a task to open one.
    if (!open)
      await trx
        .insertInto('vendor_case')
        .values({ case_id: caseId, vendor: '', status: 'requested', opened_at: now })
        .execute();
  }
}

async function fireStep(
  uow: UnitOfWork<Database>,
  c: {
    id: number;
    organisation_id: number;
    priority: number;
    group_id: number | null;
    branch_id: number | null;
  },
  step: ScheduledStep,
  now: Date,
): Promise<boolean> {
  const late = now.getTime() - step.dueAt.getTime() > LATE_AFTER_MS;
  const notify = step.actions.flatMap((a) => (a.kind === 'notify' ? [a] : []));
  const people = await recipients(
    uow.trx,
    notify.flatMap((a) => a.roles),
    c.branch_id,
  );
  const who = [...new Set([...people, ...notify.flatMap((a) => a.userIds ?? [])])];
  const inserted = await uow.trx
    .insertInto('case_escalation')
    .values({
      case_id: c.id,
      step_key: step.key,
      track: step.track,
      elapsed_minutes: step.elapsedMinutes,
      due_at: step.dueAt,
      fired_at: now,
      late,
      actions: JSON.stringify(step.actions),
      recipients: JSON.stringify(who),
    })
    .onConflict((oc) => oc.columns(['case_id', 'step_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return false;
  for (const action of step.actions) await perform(uow, c.id, c, action, now);
  const data = {
    escalationId: inserted.id,
    stepKey: step.key,
    track: step.track,
    elapsedMinutes: step.elapsedMinutes,
    dueAt: step.dueAt.toISOString(),
    late,
    actions: step.actions,
    recipients: who,
  };
  await uow.trx
    .insertInto('case_entry')
    .values({
      case_id: c.id,
      kind: 'escalation',
      visibility: 'internal',
      author_kind: 'system',
      author_id: null,
      author_label: 'system',
      data: JSON.stringify(data),
    })
    .execute();
  await recordEvent(uow, {
    type: 'case.escalated',
    subjectType: 'case',
    subjectId: c.id,
    organisationId: c.organisation_id,
    data,
  });
  return true;
}

/** Fires every due, unfired step of one (locked) case, in order, then reschedules it. */
export async function fireDueSteps(uow: UnitOfWork<Database>, caseId: number, now: Date): Promise<number> {
  const trx = uow.trx;
  const c = await trx
    .selectFrom('support_case')
    .innerJoin('organisation', 'organisation.id', 'support_case.organisation_id')
    .selectAll('support_case')
    .select('organisation.branch_id')
    .where('support_case.id', '=', caseId)
    .executeTakeFirstOrThrow();
  const ctx = await clockContext(trx, c);
  const fired = new Set(
    (await trx.selectFrom('case_escalation').select('step_key').where('case_id', '=', c.id).execute()).map(
      (r) => r.step_key,
    ),
  );
  const escalating = STATE_INFO[c.state].open && !c.diagnosed_at && !c.paused_since && !c.merged_into_id;
  let count = 0;
  const current = { ...c };
  if (escalating) {
    for (const step of scheduleSteps(ctx.spec, factsOf(c), ctx.steps, now)) {
      if (step.dueAt > now) break;
      if (fired.has(step.key)) continue;
      if (await fireStep(uow, current, step, now)) count++;
      // Fired now, or by another process since the read (the insert found its row): fired either way.
      fired.add(step.key);
      // A raised priority moves the case to another column: the next sweep continues there.
      if (current.priority !== c.priority) break;
    }
  }
  // The steps only change the priority (and the group, which the clock ignores) of the row read
  // above; a new priority means another track and target, so only then is the context read again.
  const changed = current.priority !== c.priority;
  await rescheduleLoaded(trx, current, changed ? await clockContext(trx, current) : ctx, fired, now);
  return count;
}

/** How long a case whose step cannot fire waits before the engine tries it again. */
const RETRY_AFTER_MS = 5 * 60_000;

/**
 * Due cases claimed and fired per transaction. One commit (a WAL flush on PostgreSQL) per case
 * made the last of 1 000 cases due at one instant fire seconds after the first; a batch shares
 * the commit. Kept small because on PGlite a transaction holds the only connection.
 */
export const SWEEP_BATCH_SIZE = 25;

interface SweepOptions {
  db: Kysely<Database>;
  now: Date;
  /** At most this many cases per sweep (the loop comes back for the rest). */
  maxCases?: number;
  /** Due cases per transaction; 1 is a transaction per case. */
  batchSize?: number;
  onError?: (error: unknown, caseId: number) => void;
}

interface SweepTotals {
  cases: number;
  fired: number;
  failed: number;
}

/** Locks up to `limit` due cases no other sweep holds, earliest due first. */
async function claimDue(
  trx: Transaction<Database>,
  now: Date,
  limit: number,
  skip: number[],
  only?: number,
): Promise<number[]> {
  let query = trx
    .selectFrom('support_case')
    .select('id')
    .where('next_escalation_at', '<=', now)
    .orderBy('next_escalation_at')
    .limit(limit)
    .forUpdate()
    .skipLocked();
  if (skip.length) query = query.where('id', 'not in', skip);
  if (only !== undefined) query = query.where('id', '=', only);
  return (await query.execute()).map((r) => r.id);
}

/** A case whose firing threw: reported, and put back RETRY_AFTER_MS later (outside any lock). */
async function putBack(
  opts: SweepOptions,
  caseId: number,
  error: unknown,
  skip: number[],
  totals: SweepTotals,
) {
  totals.failed++;
  skip.push(caseId);
  opts.onError?.(error, caseId);
  await opts.db
    .updateTable('support_case')
    .set({ next_escalation_at: new Date(opts.now.getTime() + RETRY_AFTER_MS) })
    .where('id', '=', caseId)
    .execute();
}

/** Fires one case of a rolled-back batch in a transaction of its own. */
async function fireAlone(opts: SweepOptions, caseId: number, skip: number[], totals: SweepTotals) {
  try {
    const done = await inTransaction(opts.db, SYSTEM_CONTEXT, async (uow) => {
      // Still due and not held by another sweep, which may have fired it since the batch rolled back.
      const [id] = await claimDue(uow.trx, opts.now, 1, skip, caseId);
      return id === undefined ? null : fireDueSteps(uow, id, opts.now);
    });
    if (done === null) return;
    totals.cases++;
    totals.fired += done;
  } catch (error) {
    await putBack(opts, caseId, error, skip, totals);
  }
}

/**
 * One sweep: claims due cases a batch at a time, fires them and commits the batch, until none
 * is due. A case whose step fails (a deleted group, say) rolls its batch back, events and all;
 * the batch's cases are then fired one per transaction, so the others fire and only the broken
 * case is put back five minutes later and reported: one broken case never holds up the others.
 */
export async function sweepEscalations(opts: SweepOptions): Promise<SweepTotals> {
  const maxCases = opts.maxCases ?? 10_000;
  const batchSize = Math.max(1, opts.batchSize ?? SWEEP_BATCH_SIZE);
  const totals: SweepTotals = { cases: 0, fired: 0, failed: 0 };
  const skip: number[] = [];
  while (totals.cases + totals.failed < maxCases) {
    const limit = Math.min(batchSize, maxCases - totals.cases - totals.failed);
    const batch: number[] = [];
    try {
      const fired = await inTransaction(opts.db, SYSTEM_CONTEXT, async (uow) => {
        batch.push(...(await claimDue(uow.trx, opts.now, limit, skip)));
        let count = 0;
        for (const id of batch) count += await fireDueSteps(uow, id, opts.now);
        return count;
      });
      if (batch.length === 0) break;
      totals.cases += batch.length;
      totals.fired += fired;
      // PGlite answers in microtasks, so without this a sweep would starve timers and requests
      // until its last case: they get a turn between batches.
      await nextTurn();
    } catch (error) {
      if (batch.length === 0) throw error;
      if (batch.length === 1) await putBack(opts, batch[0]!, error, skip, totals);
      else for (const id of batch) await fireAlone(opts, id, skip, totals);
    }
  }
  return totals;
}
