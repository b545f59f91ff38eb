/**
 * `moveStock`, the one way stock changes: validates the movement against MOVEMENT_RULES, locks
 * the stock level row of (store, part) — the lower store id first for a transfer — checks there
 * is enough in the bucket it takes from, moves the serialised unit, writes one ledger row and a
 * `stock.moved` domain event with the levels before and after. It runs in the caller's
 * transaction and never opens one: the RMA flow moves stock as part of its own steps.
 */
import type { Transaction } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import type { RequestContext } from '../../../platform/authz/actor.ts';
import { invalidField } from '../../../platform/http/app-error.ts';
import { recordEvent, type UnitOfWork } from '../../../platform/events/domain-events.ts';
import {
  IN_STORE_STATES,
  MOVEMENT_RULES,
  type MovementRule,
  type StockBucket,
  type StockMovementKind,
} from '../spares-model.ts';
import {
  held,
  notEnough,
  quantitySource,
  takeUnit,
  unitBucket,
  type Levels,
  type Store,
  type Part,
  type Unit,
} from './stock-source.ts';

export interface StockMovementInput {
  kind: StockMovementKind;
  warehouseId: number;
  partId: number;
  /** Above 0; 1 for a serialised part. */
  quantity: number;
  /** Serialised parts: the unit. A reserve without one takes the oldest available unit. */
  serial?: string | null;
  /** Transfer only: the store receiving the stock. */
  toWarehouseId?: number | null;
  caseId?: number | null;
  rmaId?: number | null;
  purchaseOrderId?: number | null;
  /** Vendor RMA number, waybill, delivery note, PO number. */
  reference?: string | null;
  note?: string | null;
  /** Scrap of a part held by quantity: whether good or faulty stock is written off. */
  condition?: 'good' | 'faulty' | null;
}

export interface MoveStockContext {
  actorUserId: number | null;
  now: Date;
}

export interface MoveStockResult {
  movementId: number;
  /** The serials of the units moved (empty for a part held by quantity). */
  serials: string[];
}

const isUnitOfWork = (t: Transaction<Database> | UnitOfWork<Database>): t is UnitOfWork<Database> =>
  'pending' in t && 'trx' in t;

/** The caller's unit of work, or one around its bare transaction (events are then not published in-process). */
async function unitOfWork(
  target: Transaction<Database> | UnitOfWork<Database>,
  actorUserId: number | null,
): Promise<UnitOfWork<Database>> {
  if (isUnitOfWork(target)) return target;
  if (!target.isTransaction) throw new Error('moveStock runs inside the caller’s transaction');
  let ctx: RequestContext = { actor: { kind: 'system', label: 'system' }, requestId: null, ip: null };
  if (actorUserId !== null) {
    const user = await target
      .selectFrom('app_user')
      .select(['display_name', 'branch_id'])
      .where('id', '=', actorUserId)
      .executeTakeFirst();
    ctx = {
      actor: {
        kind: 'staff',
        userId: actorUserId,
        roles: new Set(),
        branchId: user?.branch_id ?? null,
        label: user?.display_name ?? `user ${actorUserId}`,
        tokenId: null,
      },
      requestId: null,
      ip: null,
    };
  }
  return { trx: target, ctx, pending: [] };
}

/** What `quantity` entering (+) or leaving (−) a bucket does to the level columns. */
function shift(level: Levels, bucket: StockBucket | null, quantity: number): Levels {
  if (bucket === null) return level;
  if (bucket === 'faulty') return { ...level, faulty: level.faulty + quantity };
  return {
    ...level,
    good: level.good + quantity,
    reserved: level.reserved + (bucket === 'reserved' ? quantity : 0),
  };
}

async function loadStore(trx: Transaction<Database>, id: number, field: string): Promise<Store> {
  const store = await trx.selectFrom('warehouse').selectAll().where('id', '=', id).executeTakeFirst();
  if (!store) throw invalidField(field, `no warehouse with id ${id}`, `没有 ID 为 ${id} 的备件库`);
  return store;
}

/** Locks the level row of (store, part), creating it at zero first. */
async function lockLevel(trx: Transaction<Database>, warehouseId: number, partId: number): Promise<Levels> {
  await trx
    .insertInto('stock_level')
    .values({ warehouse_id: warehouseId, part_id: partId })
    .onConflict((oc) => oc.columns(['warehouse_id', 'part_id']).doNothing())
    .execute();
  const row = await trx
    .selectFrom('stock_level')
    .select(['good_on_hand', 'reserved', 'faulty_on_hand'])
    .where('warehouse_id', '=', warehouseId)
    .where('part_id', '=', partId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return { good: row.good_on_hand, reserved: row.reserved, faulty: row.faulty_on_hand };
}

/** Quantity still reserved in the ledger for this RMA (or, without one, this case). */
function validateShape(rule: MovementRule, input: StockMovementInput, part: Part, serial: string | null) {
  if (!part.serialised) {
    if (serial)
      throw invalidField(
        'body.serial',
        `${part.part_number} is held by quantity, not by serial`,
        `备件 ${part.part_number} 按数量管理，不填序列号`,
      );
    if (input.kind === 'scrap' && !input.condition)
      throw invalidField(
        'body.condition',
        'say whether good or faulty stock is scrapped',
        '请选择报废良品还是坏件',
      );
    return;
  }
  if (input.quantity !== 1)
    throw invalidField(
      'body.quantity',
      `${part.part_number} is serialised: one unit per movement`,
      `备件 ${part.part_number} 按序列号管理：每次只能一件`,
    );
  if (!serial && !rule.serialOptional)
    throw invalidField(
      'body.serial',
      `${part.part_number} is serialised: give the serial number of the unit`,
      `备件 ${part.part_number} 按序列号管理，请填写序列号`,
    );
}

async function validateLinks(trx: Transaction<Database>, rule: MovementRule, input: StockMovementInput) {
  if (rule.needsLink && input.caseId == null && input.rmaId == null)
    throw invalidField(
      'body.caseId',
      'name the case (or RMA) the part is for',
      '请选择该备件对应的案例（或 RMA）',
    );
  if (input.caseId != null) {
    const found = await trx
      .selectFrom('support_case')
      .select('id')
      .where('id', '=', input.caseId)
      .executeTakeFirst();
    if (!found)
      throw invalidField(
        'body.caseId',
        `no case with id ${input.caseId}`,
        `没有 ID 为 ${input.caseId} 的案例`,
      );
  }
  if (input.purchaseOrderId != null) {
    const found = await trx
      .selectFrom('purchase_order')
      .select('id')
      .where('id', '=', input.purchaseOrderId)
      .executeTakeFirst();
    if (!found)
      throw invalidField(
        'body.purchaseOrderId',
        `no purchase order with id ${input.purchaseOrderId}`,
        `没有 ID 为 ${input.purchaseOrderId} 的采购单`,
      );
  }
  if (input.condition && input.kind !== 'scrap')
    throw invalidField(
      'body.condition',
      'only a scrap says which stock it writes off',
      '只有报废才选择良品或坏件',
    );
}

/** The serialised unit this movement takes, checked against the rule; undefined = a new serial. */
function unitAfter(rule: MovementRule, input: StockMovementInput, unit: Unit | undefined, storeId: number) {
  const state = rule.unit.after;
  const inStore = IN_STORE_STATES.includes(state);
  const condition: 'good' | 'faulty' =
    state === 'faulty' ? 'faulty' : inStore ? 'good' : (unit?.condition ?? 'good');
  let links = { case_id: unit?.case_id ?? null, rma_id: unit?.rma_id ?? null };
  if (state === 'available') links = { case_id: null, rma_id: null };
  else if (state === 'reserved') links = { case_id: input.caseId ?? null, rma_id: input.rmaId ?? null };
  else if (state === 'issued' || state === 'faulty')
    links = { case_id: input.caseId ?? links.case_id, rma_id: input.rmaId ?? links.rma_id };
  return { state, condition, warehouse_id: inStore ? storeId : null, ...links };
}

const view = (warehouseId: number, l: Levels) => ({
  warehouseId,
  good: l.good,
  reserved: l.reserved,
  available: l.good - l.reserved,
  faulty: l.faulty,
});

/** Moves stock as one ledger entry; see MOVEMENT_RULES for what each kind does. */
export async function moveStock(
  target: Transaction<Database> | UnitOfWork<Database>,
  input: StockMovementInput,
  ctx: MoveStockContext,
): Promise<MoveStockResult> {
  const uow = await unitOfWork(target, ctx.actorUserId);
  const { trx } = uow;
  const rule = MOVEMENT_RULES[input.kind];
  if (!rule)
    throw invalidField(
      'body.kind',
      `unknown movement ${String(input.kind)}`,
      `未知的出入库类型 ${String(input.kind)}`,
    );
  if (!Number.isInteger(input.quantity) || input.quantity < 1)
    throw invalidField('body.quantity', 'a whole number of at least 1', '须为不小于 1 的整数');
  const part = await trx
    .selectFrom('spare_part')
    .selectAll()
    .where('id', '=', input.partId)
    .executeTakeFirst();
  if (!part)
    throw invalidField(
      'body.partId',
      `no spare part with id ${input.partId}`,
      `没有 ID 为 ${input.partId} 的备件`,
    );
  const store = await loadStore(trx, input.warehouseId, 'body.warehouseId');
  let toStore: Store | null = null;
  if (rule.transfer) {
    if (input.toWarehouseId == null)
      throw invalidField(
        'body.toWarehouseId',
        'a transfer names the receiving store',
        '调拨须选择调入的备件库',
      );
    if (input.toWarehouseId === store.id)
      throw invalidField(
        'body.toWarehouseId',
        'must differ from the store the stock leaves',
        '调入库不能与调出库相同',
      );
    toStore = await loadStore(trx, input.toWarehouseId, 'body.toWarehouseId');
  } else if (input.toWarehouseId != null) {
    throw invalidField('body.toWarehouseId', 'only a transfer names a second store', '只有调拨才选择调入库');
  }
  const receiving = toStore ?? store;
  if ((rule.from.length === 0 || rule.transfer) && !receiving.active)
    throw invalidField(
      toStore ? 'body.toWarehouseId' : 'body.warehouseId',
      `store ${receiving.code} is closed`,
      `备件库 ${receiving.code} 已关闭`,
    );
  if (input.kind === 'purchase_in' && !part.active)
    throw invalidField(
      'body.partId',
      `${part.part_number} is discontinued: it is no longer stocked`,
      `备件 ${part.part_number} 已停用，不再入库`,
    );
  const serial = input.serial?.trim() || null;
  validateShape(rule, input, part, serial);
  await validateLinks(trx, rule, input);

  // Lock the level rows, the lower store id first: two opposite transfers never deadlock.
  const before = new Map<number, Levels>();
  for (const id of [store.id, toStore?.id].filter((x): x is number => x != null).sort((a, b) => a - b))
    before.set(id, await lockLevel(trx, id, part.id));
  const source = before.get(store.id)!;

  let from: StockBucket | null;
  let unit: Unit | undefined;
  if (part.serialised) {
    if (!serial && held(source, 'available') < 1)
      throw notEnough(part, store, 'available', held(source, 'available'), 1);
    unit = await takeUnit(trx, rule, input, part, store, serial);
    from = unitBucket(unit?.state ?? 'new');
  } else {
    from = await quantitySource(trx, rule, input, part, store);
  }
  if (from !== null && held(source, from) < input.quantity)
    throw notEnough(part, store, from, held(source, from), input.quantity);

  const after = new Map(before);
  after.set(store.id, shift(after.get(store.id)!, from, -input.quantity));
  after.set(receiving.id, shift(after.get(receiving.id)!, rule.to, input.quantity));
  for (const [warehouseId, level] of after)
    await trx
      .updateTable('stock_level')
      .set({
        good_on_hand: level.good,
        reserved: level.reserved,
        faulty_on_hand: level.faulty,
        updated_at: ctx.now,
      })
      .where('warehouse_id', '=', warehouseId)
      .where('part_id', '=', part.id)
      .execute();

  const serials: string[] = [];
  if (part.serialised) {
    const next = unitAfter(rule, input, unit, receiving.id);
    if (unit) {
      await trx
        .updateTable('stock_unit')
        .set({ ...next, updated_at: ctx.now })
        .where('id', '=', unit.id)
        .execute();
      serials.push(unit.serial);
    } else {
      await trx
        .insertInto('stock_unit')
        .values({ part_id: part.id, serial: serial!, ...next, created_at: ctx.now, updated_at: ctx.now })
        .execute();
      serials.push(serial!);
    }
  }

  const movement = await trx
    .insertInto('stock_movement')
    .values({
      kind: input.kind,
      part_id: part.id,
      warehouse_id: store.id,
      to_warehouse_id: toStore?.id ?? null,
      quantity: input.quantity,
      from_stock: from,
      to_stock: rule.to,
      serial: serials[0] ?? null,
      case_id: input.caseId ?? null,
      rma_id: input.rmaId ?? null,
      purchase_order_id: input.purchaseOrderId ?? null,
      reference: input.reference?.trim() || null,
      note: input.note?.trim() || null,
      actor_user_id: ctx.actorUserId,
      created_at: ctx.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  await recordEvent(uow, {
    type: 'stock.moved',
    subjectType: 'stock_movement',
    subjectId: movement.id,
    before: { levels: [...before].map(([id, l]) => view(id, l)) },
    after: { levels: [...after].map(([id, l]) => view(id, l)) },
    data: {
      kind: input.kind,
      partId: part.id,
      partNumber: part.part_number,
      warehouse: store.code,
      toWarehouse: toStore?.code ?? null,
      quantity: input.quantity,
      fromStock: from,
      toStock: rule.to,
      serials,
      caseId: input.caseId ?? null,
      rmaId: input.rmaId ?? null,
      purchaseOrderId: input.purchaseOrderId ?? null,
      reference: input.reference ?? null,
    },
  });
  return { movementId: movement.id, serials };
}
