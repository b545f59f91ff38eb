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

/** A step fired more than this after its due time counts as late (the engine was down or behind). */
const LATE_AFTER_MS = 60_000;

/** Staff holding one of `roles`, in the case's region (its organisation's branch) when there are any. */
async function recipients(
  trx: Transaction<Database>,
  roles: string[],
  branchId: number | null,
): Promise<number[]> {
  if (roles.length === 0) return [];
  const rows = await trx
    .selectFrom('user_role')
    .innerJoin('app_user', 'app_user.id', 'user_role.user_id')
    .select(['app_user.id', 'app_user.branch_id'])
    .where('user_role.role', 'in', roles)
    .where('app_user.active', '=', true)
    .where('app_user.kind', '=', 'staff')
    .execute();
  const regional = branchId ? rows.filter((r) => r.branch_id === branchId) : [];
  return [...new Set((regional.length > 0 ? regional : rows).map((r) => r.id))].sort((a, b) => a - b);
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
  const escalating = !c.diagnosed_at && !c.paused_since && !c.merged_into_id;
  let count = 0;
  if (escalating) {
    const current = { ...c };
    for (const step of scheduleSteps(ctx.spec, factsOf(c), ctx.steps, now)) {
      if (step.dueAt > now) break;
      if (fired.has(step.key)) continue;
      if (await fireStep(uow, current, step, now)) count++;
    }
  }
  await rescheduleCase(trx, c.id, now);
  return count;
}

/** One sweep: claims due cases in batches until none is due; returns what it fired. */
export async function sweepEscalations(opts: {
  db: Kysely<Database>;
  now: Date;
  batchSize?: number;
}): Promise<{ cases: number; fired: number }> {
  const batchSize = opts.batchSize ?? 25;
  let cases = 0;
  let fired = 0;
  for (;;) {
    const claimed = await inTransaction(opts.db, SYSTEM_CONTEXT, async (uow) => {
      const due = await uow.trx
        .selectFrom('support_case')
        .select('id')
        .where('next_escalation_at', '<=', opts.now)
        .orderBy('next_escalation_at')
        .limit(batchSize)
        .forUpdate()
        .skipLocked()
        .execute();
      for (const row of due) fired += await fireDueSteps(uow, row.id, opts.now);
      return due.length;
    });
    cases += claimed;
    if (claimed < batchSize) return { cases, fired };
  }
}
