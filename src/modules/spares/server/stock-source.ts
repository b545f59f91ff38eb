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
  const zh = `库存不足：备件库 ${storeLabel(store)} 的 ${partLabel(part)} 仅 ${have} 件${UNIT_STATE_LABELS[bucket]['zh-CN']}，需要 ${need} 件`;
  return new AppError('conflict', message, { zh, fieldErrors: [{ field: 'body.quantity', message, zh }] });
}

function unitConflict(message: string, zh: string): AppError {
  return new AppError('conflict', message, { zh, fieldErrors: [{ field: 'body.serial', message, zh }] });
}

/** Whom a reserved unit or quantity is held for, in English and zh-CN. */
function holder(link: { rmaId: number | null; caseId: number | null }): { en: string; zh: string } {
  return link.rmaId !== null
    ? { en: `RMA ${link.rmaId}`, zh: `RMA ${link.rmaId}` }
    : { en: `case ${link.caseId}`, zh: `案例 ${link.caseId}` };
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
  const whatZh = `备件 ${part.part_number} 的单件 ${unit?.serial ?? serial}`;
  if (!rule.unit.before.includes(state)) {
    const now =
      state === 'new' ? 'is not known to the stores' : `is ${UNIT_STATE_LABELS[state].en.toLowerCase()}`;
    const nowZh = state === 'new' ? '不在备件库记录中' : `状态为“${UNIT_STATE_LABELS[state]['zh-CN']}”`;
    throw unitConflict(
      `${what} ${now}: “${rule.label.en}” is not possible`,
      `${whatZh} ${nowZh}，不能“${rule.label['zh-CN']}”`,
    );
  }
  if (unit && unit.warehouse_id !== null && unit.warehouse_id !== store.id) {
    const where = await trx
      .selectFrom('warehouse')
      .select('code')
      .where('id', '=', unit.warehouse_id)
      .executeTakeFirst();
    const at = where?.code ?? unit.warehouse_id;
    throw unitConflict(
      `${what} is in store ${at}, not ${store.code}`,
      `${whatZh} 在备件库 ${at}，不在 ${store.code}`,
    );
  }
  if (unit?.state === 'reserved' && !reservedForInput(unit, input)) {
    const forWhat = holder({ rmaId: unit.rma_id, caseId: unit.case_id });
    throw unitConflict(`${what} is reserved for ${forWhat.en}`, `${whatZh} 已为 ${forWhat.zh} 预留`);
  }
  if (unit && input.kind === 'scrap' && input.condition && input.condition !== unit.condition)
    throw invalidField(
      'body.condition',
      `${what} is ${unit.condition}`,
      `${whatZh} 是${unit.condition === 'good' ? '良品' : '坏件'}`,
    );
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
    const forWhat = holder({ rmaId: input.rmaId ?? null, caseId: input.caseId ?? null });
    throw new AppError(
      'conflict',
      `${forWhat.en} holds ${reserved} of ${partLabel(part)} reserved in store ${storeLabel(store)}, ${input.quantity} to release`,
      {
        zh: `${forWhat.zh} 在备件库 ${storeLabel(store)} 仅预留了 ${reserved} 件 ${partLabel(part)}，要释放 ${input.quantity} 件`,
        fieldErrors: [
          {
            field: 'body.quantity',
            message: `${reserved} reserved`,
            zh: `${forWhat.zh} 仅预留了 ${reserved} 件`,
          },
        ],
      },
    );
  }
  return 'reserved';
}
