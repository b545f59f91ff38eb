/** Cancels a purchase order that is not fully received; what already arrived stays in stock. */
import type { Kysely } from 'kysely';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { inTransaction, recordEvent } from '../../../../platform/events/domain-events.ts';
import { assertCanKeepStock } from '../spares.policy.ts';
import { lockPurchaseOrderFor } from '../purchase-order.repository.ts';

export async function cancelPurchaseOrder(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  id: number;
  reason: string;
  now: Date;
}): Promise<void> {
  assertCanKeepStock(opts.ctx.actor);
  await inTransaction(opts.db, opts.ctx, async (uow) => {
    const before = await lockPurchaseOrderFor(uow.trx, opts.id, 'cancel');
    await uow.trx
      .updateTable('purchase_order')
      .set({ state: 'cancelled', cancelled_at: opts.now, cancel_reason: opts.reason, updated_at: opts.now })
      .where('id', '=', before.id)
      .execute();
    await recordEvent(uow, {
      type: 'purchase_order.cancelled',
      subjectType: 'purchase_order',
      subjectId: before.id,
      before: { state: before.state },
      after: { state: 'cancelled' },
      data: { reason: opts.reason },
    });
  });
}
