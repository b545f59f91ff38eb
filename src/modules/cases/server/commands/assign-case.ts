/**
 * Puts a case on an engineer's and/or a group's desk, or transfers it with a reason. The
 * owner (首问负责人) stays whoever took the case first until the new assignee accepts it.
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { AppError } from '../../../../platform/http/app-error.ts';
import { inTransaction, recordEvent } from '../../../../platform/events/domain-events.ts';
import { STATE_INFO } from '../../case-status.ts';
import type { assignBody } from '../../cases.api.ts';
import { casesPolicy } from '../cases.policy.ts';
import { loadVisibleCase } from '../case.repository.ts';
import { addTimelineEntry } from '../case-timeline.ts';
import { checkAssignee, checkGroup } from '../case-checks.ts';

export async function assignCase(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  caseId: number;
  input: z.output<typeof assignBody>;
  now: Date;
}) {
  const { db, ctx, input, now } = opts;
  if (input.assigneeId) await checkAssignee(db, input.assigneeId);
  if (input.groupId) await checkGroup(db, input.groupId);
  await inTransaction(db, ctx, async (uow) => {
    const before = await loadVisibleCase(uow.trx, ctx.actor, opts.caseId, { forUpdate: true });
    if (!casesPolicy.canAssign(ctx.actor, before))
      throw new AppError('forbidden', 'you cannot assign this case');
    if (!STATE_INFO[before.state].open || before.merged_into_id)
      throw new AppError('conflict', `a ${before.state} case cannot be assigned`, {
        zh: `${STATE_INFO[before.state].label['zh-CN']}的案例不能分派`,
      });
    const transfer = before.assignee_id !== null || before.group_id !== null;
    const assigneeId = input.assigneeId === undefined ? before.assignee_id : input.assigneeId;
    const groupId = input.groupId === undefined ? before.group_id : input.groupId;
    const actorId = ctx.actor.kind === 'staff' ? ctx.actor.userId : null;
    await uow.trx
      .updateTable('support_case')
      .set({
        assignee_id: assigneeId,
        group_id: groupId,
        state: before.state === 'new' && (assigneeId || groupId) ? 'assigned' : before.state,
        // The first staff member to handle an unowned case (e.g. opened on the portal) owns it.
        owner_id: before.owner_id ?? actorId,
        updated_at: now,
      })
      .where('id', '=', before.id)
      .execute();
    await addTimelineEntry(uow, before.id, {
      kind: 'assignment',
      visibility: 'internal',
      body: input.reason ?? null,
      data: {
        transfer,
        from: { assigneeId: before.assignee_id, groupId: before.group_id },
        to: { assigneeId, groupId },
      },
    });
    await recordEvent(uow, {
      type: transfer ? 'case.transferred' : 'case.assigned',
      subjectType: 'case',
      subjectId: before.id,
      organisationId: before.organisation_id,
      before: { assigneeId: before.assignee_id, groupId: before.group_id, state: before.state },
      after: { assigneeId, groupId },
      data: { reason: input.reason ?? null },
    });
  });
}
