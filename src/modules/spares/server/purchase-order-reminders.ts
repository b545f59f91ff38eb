/**
 * The purchase-order due reminders, run by the `spares.purchase_order_reminders` job (hourly,
 * idempotent): `purchase_order.due_soon` once per order a day before its stock-in due date, and
 * `purchase_order.overdue` once when the date has passed, for orders not fully received (seed 001:
 * spares stocked within a week of signing). An order per transaction, re-checked under its row
 * lock, so two workers never remind twice.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import { SYSTEM_CONTEXT, type RequestContext } from '../../../platform/authz/actor.ts';
import { inTransaction, recordEvent } from '../../../platform/events/domain-events.ts';
import { serviceDay } from '../../contracts/server/index.ts';
import { OPEN_PURCHASE_ORDER_STATES, addDays } from '../spares-model.ts';

const BATCH = 200;
const JOB_CONTEXT: RequestContext = {
  ...SYSTEM_CONTEXT,
  actor: { kind: 'system', label: 'spares.purchase_order_reminders' },
};

type Reminder = 'due_soon' | 'overdue';

/** Whether the reminder is due today for an order due on `dueOn` ('YYYY-MM-DD'). */
const isDue = (reminder: Reminder, dueOn: string, today: string) =>
  reminder === 'overdue' ? dueOn < today : dueOn >= today && dueOn <= addDays(today, 1);

async function remind(db: Kysely<Database>, reminder: Reminder, now: Date): Promise<number> {
  const today = serviceDay(now);
  const stamp = reminder === 'overdue' ? 'overdue_notified_at' : 'due_soon_notified_at';
  let sent = 0;
  let afterId = 0;
  for (;;) {
    let query = db
      .selectFrom('purchase_order')
      .select('id')
      .where('state', 'in', OPEN_PURCHASE_ORDER_STATES)
      .where(stamp, 'is', null)
      .where('id', '>', afterId);
    query =
      reminder === 'overdue'
        ? query.where('due_on', '<', today)
        : query.where('due_on', '>=', today).where(sql<boolean>`due_on <= ${today}::date + 1`);
    const due = await query.orderBy('id').limit(BATCH).execute();
    for (const { id } of due) {
      const done = await inTransaction(db, JOB_CONTEXT, async (uow) => {
        const po = await uow.trx
          .selectFrom('purchase_order')
          .selectAll()
          .where('id', '=', id)
          .forUpdate()
          .executeTakeFirstOrThrow();
        if (
          !OPEN_PURCHASE_ORDER_STATES.includes(po.state) ||
          po[stamp] !== null ||
          !isDue(reminder, po.due_on, today)
        )
          return false;
        await uow.trx
          .updateTable('purchase_order')
          .set({ [stamp]: now })
          .where('id', '=', id)
          .execute();
        const lines = await uow.trx
          .selectFrom('purchase_order_line as l')
          .innerJoin('spare_part as p', 'p.id', 'l.part_id')
          .select(['p.part_number', 'p.name', 'l.quantity_ordered', 'l.quantity_received'])
          .where('l.purchase_order_id', '=', id)
          .whereRef('l.quantity_received', '<', 'l.quantity_ordered')
          .orderBy('l.id')
          .execute();
        const store = await uow.trx
          .selectFrom('warehouse')
          .select(['code', 'name', 'branch_id'])
          .where('id', '=', po.warehouse_id)
          .executeTakeFirstOrThrow();
        await recordEvent(uow, {
          type: `purchase_order.${reminder}`,
          subjectType: 'purchase_order',
          subjectId: id,
          data: {
            purchaseOrderId: id,
            number: po.number,
            supplier: po.supplier,
            state: po.state,
            dueOn: po.due_on,
            createdBy: po.created_by,
            warehouse: { id: po.warehouse_id, code: store.code, name: store.name, branchId: store.branch_id },
            outstanding: lines.map((l) => ({
              partNumber: l.part_number,
              name: l.name,
              quantity: l.quantity_ordered - l.quantity_received,
            })),
          },
        });
        return true;
      });
      if (done) sent++;
    }
    if (due.length < BATCH) return sent;
    afterId = due.at(-1)!.id;
  }
}

/** The job's work at `now`: reminders a day before the due date, then overdue notices. */
export async function remindPurchaseOrders(opts: {
  db: Kysely<Database>;
  now: Date;
}): Promise<{ dueSoon: number; overdue: number }> {
  const dueSoon = await remind(opts.db, 'due_soon', opts.now);
  const overdue = await remind(opts.db, 'overdue', opts.now);
  return { dueSoon, overdue };
}
