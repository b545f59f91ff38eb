/** Reads of purchase orders with their lines, and the locked load every purchase-order step starts with. */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../app/database-schema.ts';
import type { Actor } from '../../../platform/authz/actor.ts';
import { AppError, invalidField, notFound } from '../../../platform/http/app-error.ts';
import { serviceDay } from '../../contracts/server/index.ts';
import type { purchaseOrderListQuery } from '../spares.api.ts';
import {
  OPEN_PURCHASE_ORDER_STATES,
  PURCHASE_ORDER_STATE_LABELS,
  PURCHASE_ORDER_STEPS,
  type PurchaseOrderStep,
} from '../spares-model.ts';
import type { PurchaseOrderTable } from './spares.tables.ts';
import { purchaseOrderAbilities } from './spares.policy.ts';

export type PurchaseOrderRow = Selectable<PurchaseOrderTable>;

/** Locks the order for a step; 404 when missing, 409 when its state does not allow the step. */
export async function lockPurchaseOrderFor(
  trx: Transaction<Database>,
  id: number,
  step: PurchaseOrderStep,
): Promise<PurchaseOrderRow> {
  const po = await trx
    .selectFrom('purchase_order')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!po) throw notFound('purchase order');
  if (!(PURCHASE_ORDER_STEPS[step].from as readonly string[]).includes(po.state))
    throw new AppError(
      'conflict',
      `purchase order ${po.number} is ${PURCHASE_ORDER_STATE_LABELS[po.state].en.toLowerCase()}: it cannot be ${
        step === 'order' ? 'ordered' : step === 'receive' ? 'received' : 'cancelled'
      }`,
      {
        zh: `采购单 ${po.number} 状态为“${PURCHASE_ORDER_STATE_LABELS[po.state]['zh-CN']}”，不能${
          step === 'order' ? '下单' : step === 'receive' ? '到货入库' : '取消'
        }`,
      },
    );
  return po;
}

function orderQuery(db: Kysely<Database>) {
  return db
    .selectFrom('purchase_order as po')
    .innerJoin('warehouse as w', 'w.id', 'po.warehouse_id')
    .leftJoin('service_contract as sc', 'sc.id', 'po.service_contract_id')
    .leftJoin('app_user as u', 'u.id', 'po.created_by')
    .selectAll('po')
    .select([
      'w.code as warehouse_code',
      'w.name as warehouse_name',
      'sc.number as contract_number',
      'u.display_name as created_by_name',
    ]);
}
type OrderRow = Awaited<ReturnType<ReturnType<typeof orderQuery>['executeTakeFirstOrThrow']>>;

async function present(db: Kysely<Database>, rows: OrderRow[], now: Date, actor: Actor) {
  const ids = rows.map((r) => r.id);
  const lines = ids.length
    ? await db
        .selectFrom('purchase_order_line as l')
        .innerJoin('spare_part as p', 'p.id', 'l.part_id')
        .selectAll('l')
        .select(['p.part_number', 'p.name', 'p.serialised'])
        .where('l.purchase_order_id', 'in', ids)
        .orderBy('l.id')
        .execute()
    : [];
  const today = serviceDay(now);
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    supplier: r.supplier,
    warehouse: { id: r.warehouse_id, code: r.warehouse_code, name: r.warehouse_name },
    serviceContract:
      r.service_contract_id !== null ? { id: r.service_contract_id, number: r.contract_number! } : null,
    project: r.project,
    signedOn: r.signed_on,
    dueOn: r.due_on,
    state: r.state,
    overdue: OPEN_PURCHASE_ORDER_STATES.includes(r.state) && r.due_on < today,
    orderedAt: r.ordered_at?.toISOString() ?? null,
    receivedAt: r.received_at?.toISOString() ?? null,
    cancelledAt: r.cancelled_at?.toISOString() ?? null,
    cancelReason: r.cancel_reason,
    note: r.note,
    createdBy: r.created_by !== null ? { id: r.created_by, name: r.created_by_name ?? '' } : null,
    createdAt: r.created_at.toISOString(),
    lines: lines
      .filter((l) => l.purchase_order_id === r.id)
      .map((l) => ({
        id: l.id,
        part: { id: l.part_id, partNumber: l.part_number, name: l.name, serialised: l.serialised },
        quantityOrdered: l.quantity_ordered,
        quantityReceived: l.quantity_received,
        outstanding: l.quantity_ordered - l.quantity_received,
      })),
    abilities: purchaseOrderAbilities(actor, r.state),
  }));
}

/** One order with its lines and what `actor` may do with it. */
export async function getPurchaseOrder(db: Kysely<Database>, id: number, now: Date, actor: Actor) {
  const row = await orderQuery(db).where('po.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('purchase order');
  return (await present(db, [row], now, actor))[0]!;
}

/** Purchase orders newest first, keyset-paged by id. */
export async function listPurchaseOrders(
  db: Kysely<Database>,
  f: z.output<typeof purchaseOrderListQuery>,
  now: Date,
  actor: Actor,
) {
  let query = orderQuery(db);
  if (f.state) query = query.where('po.state', '=', f.state);
  if (f.open) query = query.where('po.state', 'in', OPEN_PURCHASE_ORDER_STATES);
  if (f.warehouseId) query = query.where('po.warehouse_id', '=', f.warehouseId);
  if (f.serviceContractId) query = query.where('po.service_contract_id', '=', f.serviceContractId);
  if (f.cursor) {
    if (!/^\d{1,15}$/.test(f.cursor))
      throw invalidField('querystring.cursor', 'not a cursor from this list', '不是本列表的翻页位置');
    query = query.where('po.id', '<', Number(f.cursor));
  }
  const rows = await query.orderBy('po.id', 'desc').limit(f.limit).execute();
  return {
    items: await present(db, rows, now, actor),
    nextCursor: rows.length === f.limit ? String(rows.at(-1)!.id) : null,
  };
}
