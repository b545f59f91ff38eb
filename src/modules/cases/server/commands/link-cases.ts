/** Links two cases (related, duplicate, caused by); the link shows on both. */
import type { Kysely } from 'kysely';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { AppError, invalidField } from '../../../../platform/http/app-error.ts';
import { inTransaction, recordEvent } from '../../../../platform/events/domain-events.ts';
import { casesPolicy } from '../cases.policy.ts';
import { loadVisibleCase } from '../case.repository.ts';
import { addTimelineEntry } from '../case-timeline.ts';

export async function linkCases(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  caseId: number;
  otherCaseId: number;
  kind: 'related' | 'duplicate' | 'caused_by';
}) {
  const { ctx } = opts;
  await inTransaction(opts.db, ctx, async (uow) => {
    const a = await loadVisibleCase(uow.trx, ctx.actor, opts.caseId);
    if (!casesPolicy.canWork(ctx.actor)) throw new AppError('forbidden', 'staff only');
    if (opts.caseId === opts.otherCaseId)
      throw invalidField('body.otherCaseId', 'a case cannot link to itself', '案例不能关联自身');
    const b = await uow.trx
      .selectFrom('support_case')
      .select(['id', 'number'])
      .where('id', '=', opts.otherCaseId)
      .executeTakeFirst();
    if (!b) throw invalidField('body.otherCaseId', 'no such case', '没有这个案例');
    await uow.trx
      .insertInto('case_link')
      .values([
        { case_id: a.id, other_case_id: b.id, kind: opts.kind },
        { case_id: b.id, other_case_id: a.id, kind: opts.kind },
      ])
      .onConflict((oc) => oc.columns(['case_id', 'other_case_id']).doUpdateSet({ kind: opts.kind }))
      .execute();
    await addTimelineEntry(uow, a.id, {
      kind: 'link',
      visibility: 'internal',
      data: { otherCaseId: b.id, number: b.number, kind: opts.kind },
    });
    await addTimelineEntry(uow, b.id, {
      kind: 'link',
      visibility: 'internal',
      data: { otherCaseId: a.id, number: a.number, kind: opts.kind },
    });
    await recordEvent(uow, {
      type: 'case.linked',
      subjectType: 'case',
      subjectId: a.id,
      organisationId: a.organisation_id,
      data: { otherCaseId: b.id, kind: opts.kind },
    });
  });
}
