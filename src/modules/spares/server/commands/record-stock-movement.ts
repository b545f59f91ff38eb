/** A clerk's manual stock movement (stock-in, transfer, scrap, returns, reservations) through the API. */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { inTransaction } from '../../../../platform/events/domain-events.ts';
import type { stockMovementBody } from '../../spares.api.ts';
import { actorUserId, assertCanKeepStock } from '../spares.policy.ts';
import { moveStock } from '../move-stock.ts';
import { stockOnHand } from '../stock-queries.ts';

export async function recordStockMovement(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  input: z.output<typeof stockMovementBody>;
  now: Date;
}) {
  assertCanKeepStock(opts.ctx.actor);
  const { input } = opts;
  return inTransaction(opts.db, opts.ctx, async (uow) => {
    const moved = await moveStock(uow, input, { actorUserId: actorUserId(opts.ctx.actor), now: opts.now });
    const stores = [input.warehouseId, ...(input.toWarehouseId ? [input.toWarehouseId] : [])];
    const levels = [];
    for (const warehouseId of stores)
      levels.push({ warehouseId, ...(await stockOnHand(uow.trx, { warehouseId, partId: input.partId })) });
    return { ...moved, levels };
  });
}
