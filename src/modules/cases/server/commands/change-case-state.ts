/**
 * Moves a case along its life cycle, as the status table allows for this actor: resolve,
 * wait for the customer or vendor, RMA pending, close (a customer confirms or asks to close),
 * reopen within the window, cancel. Each move is on the timeline and in the audit trail.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { AppError, invalidField } from '../../../../platform/http/app-error.ts';
import { inTransaction, recordEvent, type UnitOfWork } from '../../../../platform/events/domain-events.ts';
import { STATE_INFO, type CaseState } from '../../case-status.ts';
import { allowedTransitions } from '../cases.policy.ts';
import { loadVisibleCase } from '../case.repository.ts';
import { addTimelineEntry } from '../case-timeline.ts';
import { afterStateChange } from '../../../sla/server/index.ts';

export interface ChangeCaseStateOptions {
  db: Kysely<Database>;
  ctx: RequestContext;
  caseId: number;
  to: CaseState;
  reason?: string | undefined;
  now: Date;
  reopenDays: number;
}

export async function changeCaseState(opts: ChangeCaseStateOptions): Promise<void> {
  await inTransaction(opts.db, opts.ctx, (uow) => changeCaseStateIn(uow, opts));
}

/**
 * The same move inside a unit of work another command already holds (e.g. an RMA step moving
 * its case to RMA pending and back), so both changes commit or roll back together.
 */
export async function changeCaseStateIn(
  uow: UnitOfWork<Database>,
  opts: Omit<ChangeCaseStateOptions, 'db' | 'ctx'>,
): Promise<void> {
  const { now } = opts;
  const { ctx } = uow;
  const before = await loadVisibleCase(uow.trx, ctx.actor, opts.caseId, { forUpdate: true });
  const allowed = allowedTransitions(ctx.actor, before, now, opts.reopenDays);
  const transition = allowed.find((t) => t.to === opts.to);
  if (!transition) {
    const options = allowed.map((t) => t.to).join(', ') || 'none';
    const label = (state: CaseState) => `“${STATE_INFO[state].label['zh-CN']}”`;
    throw new AppError('conflict', `cannot go from ${before.state} to ${opts.to}; allowed: ${options}`, {
      zh: `案例不能从${label(before.state)}改为${label(opts.to)}；${
        allowed.length ? `可改为：${allowed.map((t) => label(t.to)).join('、')}` : '当前不能改变状态'
      }`,
      fieldErrors: [
        {
          field: 'body.to',
          message: `not allowed from ${before.state}`,
          zh: `“${STATE_INFO[before.state].label['zh-CN']}”状态下不能这样改`,
        },
      ],
    });
  }
  if (transition.needsReason && !opts.reason)
    throw invalidField('body.reason', 'a reason is required for this change', '此项变更须填写原因');
  const reopening = Boolean(transition.reopen);
  const after = await uow.trx
    .updateTable('support_case')
    .set((eb) => ({
      state: opts.to,
      updated_at: now,
      ...(opts.to === 'resolved' && { resolved_at: now }),
      ...(opts.to === 'closed' && { closed_at: now }),
      // Not fixed after all: the diagnosis is open again, so the escalation resumes.
      ...(reopening && {
        resolved_at: null,
        closed_at: null,
        diagnosed_at: null,
        reopen_count: eb('reopen_count', '+', 1),
      }),
      // Resolving implies the cause was found: diagnosis time is at latest the resolution.
      ...(opts.to === 'resolved' && !before.diagnosed_at && { diagnosed_at: now }),
    }))
    .where('id', '=', before.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await afterStateChange(uow, before.id, opts.to, now);
  await addTimelineEntry(uow, before.id, {
    kind: 'state_change',
    visibility: 'public',
    body: opts.reason ?? null,
    data: { from: before.state, to: opts.to, reopen: reopening },
  });
  await recordEvent(uow, {
    type: reopening ? 'case.reopened' : `case.${STATE_INFO[opts.to].open ? 'state_changed' : opts.to}`,
    subjectType: 'case',
    subjectId: before.id,
    organisationId: before.organisation_id,
    before: { state: before.state },
    after: { state: after.state },
    data: { reason: opts.reason ?? null },
  });
}
