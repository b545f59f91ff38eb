/**
 * Where a movement takes its stock from: the serialised unit (checked against the movement's rule,
 * its store and its reservation) or, for a part held by quantity, the bucket — an issue takes the
 * case's own reservation when there is one. Used by moveStock under the level row lock.
 */
import type { Selectable, Transaction } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import { AppError, invalidField } from '../../../platform/http/app-error.ts';
import {
  UNIT_STATE_LABELS,
  type MovementRule,
  type StockBucket,
  type StockUnitState,
} from '../spares-model.ts';
import type { StockMovementInput } from './move-stock.ts';
import type { SparePartTable, StockUnitTable, WarehouseTable } from './spares.tables.ts';

export type Part = Selectable<SparePartTable>;
export type Store = Selectable<WarehouseTable>;
export type Unit = Selectable<StockUnitTable>;
export interface Levels {
  good: number;
  reserved: number;
  faulty: number;
}

/** How much of a bucket the level holds. */
export function held(level: Levels, bucket: StockBucket): number {
  if (bucket === 'available') return level.good - level.reserved;
  return bucket === 'reserved' ? level.reserved : level.faulty;
}

/** The bucket a unit in this state sits in; null outside the stores. */
export const unitBucket = (state: StockUnitState | 'new'): StockBucket | null =>
  state === 'available' || state === 'reserved' || state === 'faulty' ? state : null;

const partLabel = (p: Part) => `${p.part_number} (${p.name})`;
const storeLabel = (s: Store) => `${s.code} ${s.name}`;

export function notEnough(
  part: Part,
  store: Store,
  bucket: StockBucket,
  have: number,
  need: number,
): AppError {
  const message = `not enough stock: ${partLabel(part)} in store ${storeLabel(store)} has ${have} ${bucket}, ${need} needed`;
  return new AppError('conflict', message, { fieldErrors: [{ field: 'body.quantity', message }] });
}

function unitConflict(message: string): AppError {
  return new AppError('conflict', message, { fieldErrors: [{ field: 'body.serial', message }] });
}

async function reservedForLink(
  trx: Transaction<Database>,
  warehouseId: number,
  partId: number,
  input: StockMovementInput,
): Promise<number> {
  if (input.rmaId == null && input.caseId == null) return 0;
  let query = trx
    .selectFrom('stock_movement')
    .select((eb) =>
      eb.fn
        .coalesce(
          eb.fn.sum<number>(
            eb
              .case()
              .when('kind', '=', 'reserve')
              .then(eb.ref('quantity'))
              .when(eb.and([eb('kind', 'in', ['release', 'issue']), eb('from_stock', '=', 'reserved')]))
              .then(eb.neg(eb.ref('quantity')))
              .else(0)
              .end(),
          ),
          eb.lit(0),
        )
        .as('outstanding'),
    )
    .where('warehouse_id', '=', warehouseId)
    .where('part_id', '=', partId)
    .where('kind', 'in', ['reserve', 'release', 'issue']);
  query =
    input.rmaId != null
      ? query.where('rma_id', '=', input.rmaId)
      : query.where('case_id', '=', input.caseId!);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.outstanding);
}

/** A reserved unit is taken (issued, released) only for what it was reserved for; a bare release frees any. */
function reservedForInput(unit: Unit, input: StockMovementInput): boolean {
  if (input.kind === 'release' && input.caseId == null && input.rmaId == null) return true;
  if (input.rmaId != null && unit.rma_id !== null) return unit.rma_id === input.rmaId;
  return input.caseId != null && unit.case_id === input.caseId;
}

export async function takeUnit(
  trx: Transaction<Database>,
  rule: MovementRule,
  input: StockMovementInput,
  part: Part,
  store: Store,
  serial: string | null,
): Promise<Unit | undefined> {
  const unit = serial
    ? await trx
        .selectFrom('stock_unit')
        .selectAll()
        .where('part_id', '=', part.id)
        .where((eb) => eb(eb.fn('upper', ['serial']), '=', serial.toUpperCase()))
        .forUpdate()
        .executeTakeFirst()
    : await trx
        .selectFrom('stock_unit')
        .selectAll()
        .where('warehouse_id', '=', store.id)
        .where('part_id', '=', part.id)
        .where('state', '=', 'available')
        .orderBy('created_at')
        .orderBy('id')
        .limit(1)
        .forUpdate()
        .executeTakeFirst();
  if (!serial && !unit) throw notEnough(part, store, 'available', 0, 1);
  const state = unit?.state ?? 'new';
  const what = `unit ${unit?.serial ?? serial} of ${part.part_number}`;
  if (!rule.unit.before.includes(state)) {
    const now =
      state === 'new' ? 'is not known to the stores' : `is ${UNIT_STATE_LABELS[state].en.toLowerCase()}`;
    throw unitConflict(`${what} ${now}: “${rule.label.en}” is not possible`);
  }
  if (unit && unit.warehouse_id !== null && unit.warehouse_id !== store.id) {
    const where = await trx
      .selectFrom('warehouse')
      .select('code')
      .where('id', '=', unit.warehouse_id)
      .executeTakeFirst();
    throw unitConflict(`${what} is in store ${where?.code ?? unit.warehouse_id}, not ${store.code}`);
  }
  if (unit?.state === 'reserved' && !reservedForInput(unit, input)) {
    const forWhat = unit.rma_id !== null ? `RMA ${unit.rma_id}` : `case ${unit.case_id}`;
    throw unitConflict(`${what} is reserved for ${forWhat}`);
  }
  if (unit && input.kind === 'scrap' && input.condition && input.condition !== unit.condition)
    throw invalidField('body.condition', `${what} is ${unit.condition}`);
  return unit;
}

/** The bucket a movement of a part held by quantity takes from. */
export async function quantitySource(
  trx: Transaction<Database>,
  rule: MovementRule,
  input: StockMovementInput,
  part: Part,
  store: Store,
): Promise<StockBucket | null> {
  if (input.kind === 'scrap') return input.condition === 'good' ? 'available' : 'faulty';
  if (input.kind !== 'issue' && input.kind !== 'release') return rule.from[0] ?? null;
  const linked = input.caseId != null || input.rmaId != null;
  const reserved = linked ? await reservedForLink(trx, store.id, part.id, input) : 0;
  if (input.kind === 'issue') return reserved >= input.quantity ? 'reserved' : 'available';
  if (linked && reserved < input.quantity) {
    const forWhat = input.rmaId != null ? `RMA ${input.rmaId}` : `case ${input.caseId}`;
    throw new AppError(
      'conflict',
      `${forWhat} holds ${reserved} of ${partLabel(part)} reserved in store ${storeLabel(store)}, ${input.quantity} to release`,
      { fieldErrors: [{ field: 'body.quantity', message: `${reserved} reserved` }] },
    );
  }
  return 'reserved';
}
