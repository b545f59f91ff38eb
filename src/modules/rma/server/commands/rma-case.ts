/** What an RMA step does to its case besides the timeline entry. */
import type { Database } from '../../../../app/database-schema.ts';
import type { UnitOfWork } from '../../../../platform/events/domain-events.ts';
import { changeCaseStateIn } from '../../../cases/server/index.ts';
import type { RmaRow } from '../rma.repository.ts';

const WAITING_FOR_SPARE = ['requested', 'confirmed', 'awaiting_part', 'part_ready'] as const;

/** RMA pending → in progress once no other spare of the case is still outstanding. */
export async function resumeCaseWhenNoSpareOutstanding(
  uow: UnitOfWork<Database>,
  rma: Pick<RmaRow, 'id' | 'case_id'>,
  now: Date,
): Promise<void> {
  const c = await uow.trx
    .selectFrom('support_case')
    .select('state')
    .where('id', '=', rma.case_id)
    .executeTakeFirstOrThrow();
  if (c.state !== 'rma_pending') return;
  const other = await uow.trx
    .selectFrom('rma')
    .select('id')
    .where('case_id', '=', rma.case_id)
    .where('id', '<>', rma.id)
    .where('state', 'in', WAITING_FOR_SPARE)
    .executeTakeFirst();
  if (!other) await changeCaseStateIn(uow, { caseId: rma.case_id, to: 'in_progress', now, reopenDays: 0 });
}
