/**
 * The escalation engine's work: claim cases whose next step is due (FOR UPDATE SKIP LOCKED, so
 * any number of processes can sweep at once), fire every step that is due — after downtime each
 * missed step once, in order, marked late — and compute the next due time. A fired step is a
 * row keyed by (case, step): firing twice is impossible.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import { SYSTEM_CONTEXT } from '../../../platform/authz/actor.ts';
import { inTransaction, recordEvent, type UnitOfWork } from '../../../platform/events/domain-events.ts';
import type { EscalationAction } from '../escalation-matrix.ts';
import { scheduleSteps, type ScheduledStep } from '../sla-schedule.ts';
import { clockContext, factsOf, rescheduleCase } from './case-clock.ts';
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
  if (escalating) {
    const current = { ...c };
    for (const step of scheduleSteps(ctx.spec, factsOf(c), ctx.steps, now)) {
      if (step.dueAt > now) break;
      if (fired.has(step.key)) continue;
      if (await fireStep(uow, current, step, now)) count++;
      // A raised priority moves the case to another column: the next sweep continues there.
      if (current.priority !== c.priority) break;
    }
  }
  await rescheduleCase(trx, c.id, now);
  return count;
}

/** How long a case whose step cannot fire waits before the engine tries it again. */
const RETRY_AFTER_MS = 5 * 60_000;

/**
 * One sweep: claims due cases one at a time, each in its own transaction, until none is due.
 * A case whose step fails (a deleted group, say) is put back five minutes later and logged, so
 * one broken case never holds up the others.
 */
export async function sweepEscalations(opts: {
  db: Kysely<Database>;
  now: Date;
  /** At most this many cases per sweep (the loop comes back for the rest). */
  maxCases?: number;
  onError?: (error: unknown, caseId: number) => void;
}): Promise<{ cases: number; fired: number; failed: number }> {
  const maxCases = opts.maxCases ?? 10_000;
  let cases = 0;
  let fired = 0;
  let failed = 0;
  const skip: number[] = [];
  while (cases + failed < maxCases) {
    let claimedId: number | null = null;
    try {
      const done = await inTransaction(opts.db, SYSTEM_CONTEXT, async (uow) => {
        let query = uow.trx
          .selectFrom('support_case')
          .select('id')
          .where('next_escalation_at', '<=', opts.now)
          .orderBy('next_escalation_at')
          .limit(1)
          .forUpdate()
          .skipLocked();
        if (skip.length) query = query.where('id', 'not in', skip);
        const due = await query.executeTakeFirst();
        if (!due) return null;
        claimedId = due.id;
        return fireDueSteps(uow, due.id, opts.now);
      });
      if (done === null) break;
      cases++;
      fired += done;
    } catch (error) {
      if (claimedId === null) throw error;
      failed++;
      skip.push(claimedId);
      opts.onError?.(error, claimedId);
      await opts.db
        .updateTable('support_case')
        .set({ next_escalation_at: new Date(opts.now.getTime() + RETRY_AFTER_MS) })
        .where('id', '=', claimedId)
        .execute();
    }
  }
  return { cases, fired, failed };
}
