/** Marks a draft purchase order as sent to the supplier. */
import type { Kysely } from 'kysely';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { inTransaction, recordEvent } from '../../../../platform/events/domain-events.ts';
import { assertCanKeepStock } from '../spares.policy.ts';
import { lockPurchaseOrderFor } from '../purchase-order.repository.ts';

export async function orderPurchaseOrder(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  id: number;
  now: Date;
}): Promise<void> {
  assertCanKeepStock(opts.ctx.actor);
  await inTransaction(opts.db, opts.ctx, async (uow) => {
    const before = await lockPurchaseOrderFor(uow.trx, opts.id, 'order');
    const after = await uow.trx
      .updateTable('purchase_order')
      .set({ state: 'ordered', ordered_at: opts.now, updated_at: opts.now })
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(uow, {
      type: 'purchase_order.ordered',
      subjectType: 'purchase_order',
      subjectId: before.id,
      before: { state: before.state },
      after: { state: after.state, orderedAt: after.ordered_at },
    });
  });
}
