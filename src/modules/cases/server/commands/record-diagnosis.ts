/**
 * An engineer records the diagnosis (cause found or workaround in place). That is the moment the
 * diagnosis target is met and the time-based escalation stops (seed 001: 确诊时限).
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
import { appendSearchText } from '../case-search.ts';

export async function recordDiagnosis(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  caseId: number;
  summary: string;
  now: Date;
}) {
  const { ctx, now } = opts;
  await inTransaction(opts.db, ctx, async (uow) => {
    const c = await loadVisibleCase(uow.trx, ctx.actor, opts.caseId, { forUpdate: true });
    if (!casesPolicy.canWork(ctx.actor)) throw new AppError('forbidden', 'staff only');
    if (!STATE_INFO[c.state].open || c.merged_into_id)
      throw new AppError('conflict', `the case is ${c.state}`, {
        zh: `案例${c.merged_into_id ? '已合并' : STATE_INFO[c.state].label['zh-CN']}，不能再记录诊断`,
      });
    await addTimelineEntry(uow, c.id, {
      kind: 'note',
      visibility: 'internal',
      body: opts.summary,
      data: { diagnosis: true },
    });
    await appendSearchText(uow.trx, c.id, 'internal', opts.summary);
    if (!c.diagnosed_at) {
      await uow.trx
        .updateTable('support_case')
        .set({ diagnosed_at: now, updated_at: now })
        .where('id', '=', c.id)
        .execute();
      await rescheduleCase(uow.trx, c.id, now);
    }
    await recordEvent(uow, {
      type: 'case.diagnosed',
      subjectType: 'case',
      subjectId: c.id,
      organisationId: c.organisation_id,
      data: { first: !c.diagnosed_at },
    });
  });
}
