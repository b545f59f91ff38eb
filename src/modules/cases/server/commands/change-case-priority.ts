/**
 * Staff change a case's priority with a reason. The case moves to that column of the
 * escalation matrix at once: steps of the new column whose time has passed fire on the next
 * sweep (marked late), so raising P3 to P1 after two hours tells Manager1 and Manager2 now.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { AppError } from '../../../../platform/http/app-error.ts';
import { inTransaction, recordEvent } from '../../../../platform/events/domain-events.ts';
import { STATE_INFO } from '../../case-status.ts';
import { rescheduleCase } from '../../../sla/server/index.ts';
import { casesPolicy } from '../cases.policy.ts';
import { loadVisibleCase } from '../case.repository.ts';
import { addTimelineEntry } from '../case-timeline.ts';

export async function changeCasePriority(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  caseId: number;
  priority: number;
  reason: string;
  now: Date;
}) {
  const { ctx, now } = opts;
  await inTransaction(opts.db, ctx, async (uow) => {
    const before = await loadVisibleCase(uow.trx, ctx.actor, opts.caseId, { forUpdate: true });
    if (!casesPolicy.canWork(ctx.actor)) throw new AppError('forbidden', 'staff only');
    if (!STATE_INFO[before.state].open || before.merged_into_id)
      throw new AppError('conflict', `a ${before.state} case keeps its priority`, {
        zh: `${STATE_INFO[before.state].label['zh-CN']}的案例不能调整优先级`,
      });
    if (before.priority === opts.priority) return;
    await uow.trx
      .updateTable('support_case')
      .set({ priority: opts.priority, updated_at: now })
      .where('id', '=', before.id)
      .execute();
    await addTimelineEntry(uow, before.id, {
      kind: 'state_change',
      visibility: 'public',
      body: opts.reason,
      data: { priority: { from: before.priority, to: opts.priority } },
    });
    await rescheduleCase(uow.trx, before.id, now);
    await recordEvent(uow, {
      type: 'case.priority_changed',
      subjectType: 'case',
      subjectId: before.id,
      organisationId: before.organisation_id,
      before: { priority: before.priority },
      after: { priority: opts.priority },
      data: { reason: opts.reason },
    });
  });
}
