/**
 * The return watch (seed 004: the faulty part back to the vendor within 10 working days of the
 * good part's arrival): a reminder to the branch's spare-parts clerks two working days before the
 * due time, and an escalation to the TAC managers once it has passed. Each fires once per RMA, in
 * its own transaction, claimed with SKIP LOCKED so several processes can run the watch at once.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import { SYSTEM_CONTEXT } from '../../../platform/authz/actor.ts';
import { inTransaction, recordEvent } from '../../../platform/events/domain-events.ts';
import { addCaseTimelineEntry } from '../../cases/server/index.ts';
import { RETURN_REMINDER_WORKING_DAYS } from '../rma-status.ts';
import { workingDaysBefore } from './rma-calendar.ts';

const LOOKAHEAD_MS = 30 * 86_400_000;

export async function watchRmaReturns(
  db: Kysely<Database>,
  now: Date,
): Promise<{ reminded: number; escalated: number }> {
  const candidates = await db
    .selectFrom('rma')
    .select('id')
    .where('returned_at', 'is', null)
    .where('return_due_at', 'is not', null)
    .where('return_due_at', '<=', new Date(now.getTime() + LOOKAHEAD_MS))
    .where((eb) => eb.or([eb('return_reminded_at', 'is', null), eb('return_escalated_at', 'is', null)]))
    .where('state', '<>', 'cancelled')
    .orderBy('return_due_at')
    .limit(1000)
    .execute();
  let reminded = 0;
  let escalated = 0;
  for (const { id } of candidates) {
    const outcome = await inTransaction(db, SYSTEM_CONTEXT, async (uow) => {
      const r = await uow.trx
        .selectFrom('rma')
        .selectAll()
        .where('id', '=', id)
        .where('returned_at', 'is', null)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      if (!r || !r.return_due_at) return null;
      const overdue = now > r.return_due_at && !r.return_escalated_at;
      const remindAt = await workingDaysBefore(uow.trx, r.return_due_at, RETURN_REMINDER_WORKING_DAYS);
      const remind = !overdue && !r.return_reminded_at && now >= remindAt;
      if (!overdue && !remind) return null;
      const step = overdue ? 'return_overdue' : 'return_due_soon';
      await uow.trx
        .updateTable('rma')
        .set(overdue ? { return_escalated_at: now } : { return_reminded_at: now })
        .where('id', '=', r.id)
        .execute();
      await addCaseTimelineEntry(uow, r.case_id, {
        kind: 'rma',
        visibility: 'internal',
        data: { rmaId: r.id, rma: r.number, step, returnDueAt: r.return_due_at.toISOString() },
      });
      await recordEvent(uow, {
        type: `rma.${step}`,
        subjectType: 'rma',
        subjectId: r.id,
        organisationId: r.organisation_id,
        data: {
          caseId: r.case_id,
          number: r.number,
          branchId: r.branch_id,
          returnDueAt: r.return_due_at.toISOString(),
          // Who hears of it (the notifications rules read these roles).
          roles: overdue ? ['spare_parts_clerk', 'manager1', 'regional_manager'] : ['spare_parts_clerk'],
        },
      });
      return step;
    });
    if (outcome === 'return_overdue') escalated++;
    else if (outcome === 'return_due_soon') reminded++;
  }
  return { reminded, escalated };
}
