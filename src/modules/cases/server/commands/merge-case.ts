/**
 * Merges a duplicate into the case that carries on: the duplicate is closed, points at the
 * survivor, and both timelines say so. Only cases of the same customer can be merged.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { AppError, invalidField } from '../../../../platform/http/app-error.ts';
import { inTransaction, recordEvent } from '../../../../platform/events/domain-events.ts';
import { STATE_INFO } from '../../case-status.ts';
import { casesPolicy } from '../cases.policy.ts';
import { loadVisibleCase } from '../case.repository.ts';
import { addTimelineEntry } from '../case-timeline.ts';
import { afterStateChange } from '../../../sla/server/index.ts';

export async function mergeCase(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  caseId: number;
  intoCaseId: number;
  reason?: string | undefined;
  now: Date;
}) {
  const { ctx, now } = opts;
  await inTransaction(opts.db, ctx, async (uow) => {
    // Lock both rows in id order so two opposite merges cannot deadlock.
    const [first, second] = [opts.caseId, opts.intoCaseId].sort((x, y) => x - y);
    await uow.trx
      .selectFrom('support_case')
      .select('id')
      .where('id', 'in', [first!, second!])
      .orderBy('id')
      .forUpdate()
      .execute();
    const dup = await loadVisibleCase(uow.trx, ctx.actor, opts.caseId);
    if (!casesPolicy.canWork(ctx.actor)) throw new AppError('forbidden', 'staff only');
    if (opts.caseId === opts.intoCaseId)
      throw invalidField('body.intoCaseId', 'a case cannot merge into itself', '案例不能合并到自身');
    const survivor = await uow.trx
      .selectFrom('support_case')
      .selectAll()
      .where('id', '=', opts.intoCaseId)
      .executeTakeFirst();
    if (!survivor) throw invalidField('body.intoCaseId', 'no such case', '没有这个案例');
    if (survivor.organisation_id !== dup.organisation_id)
      throw invalidField('body.intoCaseId', 'belongs to another customer', '属于其他客户');
    if (survivor.merged_into_id)
      throw invalidField(
        'body.intoCaseId',
        `already merged into case ${survivor.merged_into_id}`,
        `已合并到案例 ${survivor.merged_into_id}`,
      );
    if (!STATE_INFO[dup.state].open || dup.merged_into_id)
      throw new AppError('conflict', `a ${dup.state} case cannot be merged`, {
        zh: `${dup.merged_into_id ? '已合并' : STATE_INFO[dup.state].label['zh-CN']}的案例不能合并`,
      });
    await uow.trx
      .updateTable('support_case')
      .set({ merged_into_id: survivor.id, state: 'closed', closed_at: now, updated_at: now })
      .where('id', '=', dup.id)
      .execute();
    await afterStateChange(uow, dup.id, 'closed', now);
    await uow.trx
      .insertInto('case_link')
      .values([
        { case_id: dup.id, other_case_id: survivor.id, kind: 'duplicate' },
        { case_id: survivor.id, other_case_id: dup.id, kind: 'duplicate' },
      ])
      .onConflict((oc) => oc.columns(['case_id', 'other_case_id']).doUpdateSet({ kind: 'duplicate' }))
      .execute();
    await addTimelineEntry(uow, dup.id, {
      kind: 'merge',
      visibility: 'public',
      body: opts.reason ?? null,
      data: { into: survivor.id, number: survivor.number },
    });
    await addTimelineEntry(uow, survivor.id, {
      kind: 'merge',
      visibility: 'public',
      data: { from: dup.id, number: dup.number },
    });
    await recordEvent(uow, {
      type: 'case.merged',
      subjectType: 'case',
      subjectId: dup.id,
      organisationId: dup.organisation_id,
      before: { state: dup.state, mergedIntoId: null },
      after: { state: 'closed', mergedIntoId: survivor.id },
      data: { reason: opts.reason ?? null },
    });
  });
}
