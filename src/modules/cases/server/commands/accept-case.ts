/** The assignee accepts the case: from now on they own it (首问负责 passes to them). */
import type { Kysely } from 'kysely';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { AppError } from '../../../../platform/http/app-error.ts';
import { inTransaction, recordEvent } from '../../../../platform/events/domain-events.ts';
import { loadVisibleCase } from '../case.repository.ts';
import { addTimelineEntry } from '../case-timeline.ts';

export async function acceptCase(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  caseId: number;
  now: Date;
}) {
  const { ctx, now } = opts;
  const actor = ctx.actor;
  await inTransaction(opts.db, ctx, async (uow) => {
    const before = await loadVisibleCase(uow.trx, actor, opts.caseId, { forUpdate: true });
    if (actor.kind !== 'staff' || actor.userId === null || actor.userId !== before.assignee_id) {
      throw new AppError('forbidden', 'only the assignee can accept a case', {
        zh: '只有处理人可以接受案例',
      });
    }
    if (before.owner_accepted && before.owner_id === actor.userId) return;
    await uow.trx
      .updateTable('support_case')
      .set({
        owner_id: actor.userId,
        owner_accepted: true,
        state: before.state === 'assigned' ? 'in_progress' : before.state,
        updated_at: now,
      })
      .where('id', '=', before.id)
      .execute();
    await addTimelineEntry(uow, before.id, {
      kind: 'assignment',
      visibility: 'internal',
      data: { accepted: true, previousOwnerId: before.owner_id },
    });
    await recordEvent(uow, {
      type: 'case.accepted',
      subjectType: 'case',
      subjectId: before.id,
      organisationId: before.organisation_id,
      before: { ownerId: before.owner_id, state: before.state },
      after: { ownerId: actor.userId },
    });
  });
}
