/**
 * Stock-in against a purchase order: each received line becomes purchase_in movements (one per
 * serial for a serialised part, one for the quantity otherwise) into the order's store or the
 * one named, and the order becomes partially received or received. All or nothing.
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { AppError, invalidField } from '../../../../platform/http/app-error.ts';
import { inTransaction, recordEvent } from '../../../../platform/events/domain-events.ts';
import type { receivePurchaseOrderBody } from '../../spares.api.ts';
import { actorUserId, assertCanKeepStock } from '../spares.policy.ts';
import { lockPurchaseOrderFor } from '../purchase-order.repository.ts';
import { moveStock } from '../move-stock.ts';

type Input = z.output<typeof receivePurchaseOrderBody>;

/** Re-labels a movement error so it names the field of this request (body.lines.i.serials.j). */
function relabel(error: unknown, lineIndex: number, serialIndex: number | null): unknown {
  if (!(error instanceof AppError) || !error.fieldErrors) return error;
  const field = (f: string) =>
    f === 'body.serial' && serialIndex !== null
      ? `body.lines.${lineIndex}.serials.${serialIndex}`
      : f === 'body.quantity' || f === 'body.partId'
        ? `body.lines.${lineIndex}.${f === 'body.quantity' ? 'quantity' : 'lineId'}`
        : f;
  return new AppError(error.code, error.message, {
    ...(error.zh !== undefined ? { zh: error.zh } : {}),
    fieldErrors: error.fieldErrors.map((e) => ({ ...e, field: field(e.field) })),
  });
}

export async function receivePurchaseOrder(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  id: number;
  input: Input;
  now: Date;
}): Promise<void> {
  assertCanKeepStock(opts.ctx.actor);
  const { input, now } = opts;
  await inTransaction(opts.db, opts.ctx, async (uow) => {
    const po = await lockPurchaseOrderFor(uow.trx, opts.id, 'receive');
    const lines = await uow.trx
      .selectFrom('purchase_order_line as l')
      .innerJoin('spare_part as p', 'p.id', 'l.part_id')
      .selectAll('l')
      .select(['p.part_number', 'p.serialised'])
      .where('l.purchase_order_id', '=', po.id)
      .forUpdate('l')
      .execute();
    const seen = new Set<number>();
    const serialsSeen = new Set<string>();
    const work = input.lines.map((item, i) => {
      const line = lines.find((l) => l.id === item.lineId);
      if (!line)
        throw invalidField(
          `body.lines.${i}.lineId`,
          `not a line of purchase order ${po.number}`,
          `不是采购单 ${po.number} 的明细`,
        );
      if (seen.has(line.id)) throw invalidField(`body.lines.${i}.lineId`, 'listed twice', '重复');
      seen.add(line.id);
      const outstanding = line.quantity_ordered - line.quantity_received;
      if (item.quantity > outstanding)
        throw invalidField(
          `body.lines.${i}.quantity`,
          `only ${outstanding} of ${line.part_number} still to come`,
          `备件 ${line.part_number} 仅 ${outstanding} 件待到货`,
        );
      const serials = item.serials ?? [];
      if (!line.serialised && serials.length)
        throw invalidField(
          `body.lines.${i}.serials`,
          `${line.part_number} is held by quantity, not by serial`,
          `备件 ${line.part_number} 按数量管理，不填序列号`,
        );
      if (line.serialised && serials.length !== item.quantity)
        throw invalidField(
          `body.lines.${i}.serials`,
          `${line.part_number} is serialised: give one serial per unit (${item.quantity})`,
          `备件 ${line.part_number} 按序列号管理：每件填一个序列号（共 ${item.quantity} 个）`,
        );
      for (const [j, serial] of serials.entries()) {
        const key = `${line.part_id}:${serial.toUpperCase()}`;
        if (serialsSeen.has(key))
          throw invalidField(
            `body.lines.${i}.serials.${j}`,
            `${serial} is listed twice`,
            `序列号 ${serial} 重复`,
          );
        serialsSeen.add(key);
      }
      return { index: i, line, quantity: item.quantity, serials };
    });

    const warehouseId = input.warehouseId ?? po.warehouse_id;
    const ctx = { actorUserId: actorUserId(opts.ctx.actor), now };
    const base = {
      kind: 'purchase_in' as const,
      warehouseId,
      purchaseOrderId: po.id,
      reference: input.reference ?? po.number,
      note: input.note ?? null,
    };
    // Lock order by part, so two receipts of the same parts never deadlock.
    for (const w of [...work].sort((a, b) => a.line.part_id - b.line.part_id)) {
      const moves = w.line.serialised
        ? w.serials.map((serial, j) => ({ quantity: 1, serial, j }))
        : [{ quantity: w.quantity, serial: null, j: null }];
      for (const move of moves) {
        try {
          await moveStock(
            uow,
            { ...base, partId: w.line.part_id, quantity: move.quantity, serial: move.serial },
            ctx,
          );
        } catch (error) {
          throw relabel(error, w.index, move.j);
        }
      }
      await uow.trx
        .updateTable('purchase_order_line')
        .set({ quantity_received: w.line.quantity_received + w.quantity })
        .where('id', '=', w.line.id)
        .execute();
    }

    const complete = lines.every(
      (l) =>
        l.quantity_received + (work.find((w) => w.line.id === l.id)?.quantity ?? 0) === l.quantity_ordered,
    );
    const state = complete ? 'received' : 'partially_received';
    await uow.trx
      .updateTable('purchase_order')
      .set({ state, received_at: complete ? now : null, updated_at: now })
      .where('id', '=', po.id)
      .execute();
    await recordEvent(uow, {
      type: 'purchase_order.received',
      subjectType: 'purchase_order',
      subjectId: po.id,
      before: { state: po.state },
      after: { state },
      data: {
        warehouseId,
        reference: base.reference,
        lines: work.map((w) => ({
          lineId: w.line.id,
          partNumber: w.line.part_number,
          quantity: w.quantity,
          serials: w.serials,
        })),
      },
    });
  });
}
