/**
 * The clerk's stock check (seed 004 step 3): when the branch's store holds the part, reserve and
 * issue it to the engineer now (the vendor's part will replenish the store); otherwise the RMA
 * waits for the vendor's part.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { AppError } from '../../../../platform/http/app-error.ts';
import { moveStock, stockOnHand, type MoveStockResult } from '../../../spares/server/index.ts';
import { runRmaStep, type StepOutcome } from '../rma-step.ts';

export async function fulfilRma(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  rmaId: number;
  now: Date;
}): Promise<void> {
  await runRmaStep({ ...opts, step: 'fulfil' }, async ({ uow, rma, now, actorUserId }) => {
    const move = { warehouseId: rma.warehouse_id, partId: rma.part_id, quantity: rma.quantity };
    const links = { caseId: rma.case_id, rmaId: rma.id };
    const awaitVendor = (): StepOutcome => ({
      set: { state: 'awaiting_part', source: 'vendor' },
      timeline: { visibility: 'public', data: { source: 'vendor', warehouse: rma.warehouse_code } },
      event: 'awaiting_vendor_part',
    });
    const stock = await stockOnHand(uow.trx, { warehouseId: rma.warehouse_id, partId: rma.part_id });
    if (stock.available < rma.quantity) return awaitVendor();
    let reserved: MoveStockResult;
    try {
      reserved = await moveStock(uow, { kind: 'reserve', ...move, ...links }, { actorUserId, now });
    } catch (error) {
      // Another request took the last unit since the count above (the reserve locks and
      // re-counts): the vendor's part it is. No statement failed, so the transaction goes on.
      if (error instanceof AppError && error.code === 'conflict') return awaitVendor();
      throw error;
    }
    const serial = reserved.serials[0] ?? null;
    await moveStock(uow, { kind: 'issue', ...move, ...links, serial }, { actorUserId, now });
    return {
      set: { state: 'part_ready', source: 'branch_stock', issued_serial: serial, issued_at: now },
      timeline: {
        visibility: 'public',
        data: { source: 'branch_stock', warehouse: rma.warehouse_code, serial },
      },
      event: 'issued_from_stock',
    };
  });
}
