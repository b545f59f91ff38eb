/**
 * Adds a reply, an internal note or a phone-call log to a case. The first public reply or
 * logged call by staff is the first response; a customer's reply to a case waiting on them
 * puts it back to work.
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { AppError } from '../../../../platform/http/app-error.ts';
import { inTransaction, recordEvent, type UnitOfWork } from '../../../../platform/events/domain-events.ts';
import type { entryBody } from '../../cases.api.ts';
import { casesPolicy } from '../cases.policy.ts';
import { loadVisibleCase } from '../case.repository.ts';
import { addTimelineEntry } from '../case-timeline.ts';
import { afterStateChange, rescheduleCase } from '../../../sla/server/index.ts';
import { appendSearchText } from '../case-search.ts';

export async function addCaseEntry(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  caseId: number;
  input: z.output<typeof entryBody>;
  now: Date;
}) {
  return inTransaction(opts.db, opts.ctx, (uow) => addCaseEntryIn(uow, opts));
}

/** The same entry inside a unit of work another command holds (a reply that came by e-mail). */
export async function addCaseEntryIn(
  uow: UnitOfWork<Database>,
  opts: { caseId: number; input: z.output<typeof entryBody>; now: Date },
) {
  const { input, now } = opts;
  const actor = uow.ctx.actor;
  {
    const c = await loadVisibleCase(uow.trx, actor, opts.caseId, { forUpdate: true });
    if (input.kind !== 'reply' && !casesPolicy.canWork(actor))
      throw new AppError('forbidden', 'customers can only reply', { zh: '客户只能回复' });
    if (c.merged_into_id)
      throw new AppError('conflict', `merged into case ${c.merged_into_id}; write there`, {
        zh: `此案例已合并到案例 ${c.merged_into_id}，请在该案例中填写`,
      });
    if (c.state === 'cancelled' || (c.state === 'closed' && input.kind === 'reply')) {
      throw new AppError(
        'conflict',
        `the case is ${c.state}${c.state === 'closed' ? '; reopen it first' : ''}`,
        { zh: c.state === 'closed' ? '案例已关闭，请先重新打开' : '案例已取消，不能再添加内容' },
      );
    }
    const entry = await addTimelineEntry(uow, c.id, {
      kind: input.kind,
      visibility: input.kind === 'note' ? 'internal' : input.kind === 'call' ? input.visibility : 'public',
      body: input.body,
      data:
        input.kind === 'call'
          ? { direction: input.direction, durationSeconds: input.durationSeconds }
          : undefined,
    });
    await appendSearchText(uow.trx, c.id, entry.visibility, input.body);
    const staff = actor.kind === 'staff';
    const firstResponse = staff && !c.first_response_at && (input.kind === 'reply' || input.kind === 'call');
    const diagnosed = input.kind === 'call' && input.diagnosed && !c.diagnosed_at;
    const customerBack = actor.kind === 'contact' && c.state === 'waiting_customer';
    if (firstResponse || diagnosed || customerBack) {
      await uow.trx
        .updateTable('support_case')
        .set({
          ...(firstResponse && { first_response_at: now }),
          ...(diagnosed && { diagnosed_at: now }),
          ...(customerBack && { state: 'in_progress' as const }),
          updated_at: now,
        })
        .where('id', '=', c.id)
        .execute();
      if (customerBack) await afterStateChange(uow, c.id, 'in_progress', now);
      else await rescheduleCase(uow.trx, c.id, now);
      if (customerBack) {
        await addTimelineEntry(uow, c.id, {
          kind: 'state_change',
          visibility: 'public',
          data: { from: c.state, to: 'in_progress', byCustomerReply: true },
        });
      }
    } else {
      await uow.trx.updateTable('support_case').set({ updated_at: now }).where('id', '=', c.id).execute();
    }
    await recordEvent(uow, {
      type: `case.${input.kind === 'reply' ? 'replied' : input.kind === 'note' ? 'noted' : 'call_logged'}`,
      subjectType: 'case',
      subjectId: c.id,
      organisationId: c.organisation_id,
      after: { entryId: entry.id, visibility: entry.visibility },
      data: { firstResponse, customerBack },
    });
    return entry;
  }
}
