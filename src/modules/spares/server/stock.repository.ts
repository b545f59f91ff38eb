/** Reads of stock: levels per store and part, serialised units, the ledger, the stock report. */
import { sql, type Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../app/database-schema.ts';
import { invalidField } from '../../../platform/http/app-error.ts';
import type { ledgerQuery, stockLevelQuery, stockUnitQuery } from '../spares.api.ts';
import type { PartUnit } from '../spares-model.ts';
import { likePattern } from './spares.repository.ts';

const belowReorder = (minStock: number | null, available: number) =>
  minStock !== null && available < minStock;

function levelQuery(db: Kysely<Database>) {
  return db
    .selectFrom('stock_level as l')
    .innerJoin('warehouse as w', 'w.id', 'l.warehouse_id')
    .innerJoin('spare_part as p', 'p.id', 'l.part_id')
    .select([
      'l.good_on_hand',
      'l.reserved',
      'l.faulty_on_hand',
      'w.id as warehouse_id',
      'w.code as warehouse_code',
      'w.name as warehouse_name',
      'w.name_en as warehouse_name_en',
      'p.id as part_id',
      'p.part_number',
      'p.name as part_name',
      'p.name_en as part_name_en',
      'p.serialised',
      'p.unit',
      'p.min_stock',
    ]);
}
type LevelRow = Awaited<ReturnType<ReturnType<typeof levelQuery>['executeTakeFirstOrThrow']>>;

function presentLevel(r: LevelRow) {
  const available = r.good_on_hand - r.reserved;
  return {
    warehouse: { id: r.warehouse_id, code: r.warehouse_code, name: r.warehouse_name },
    part: {
      id: r.part_id,
      partNumber: r.part_number,
      name: r.part_name,
      nameEn: r.part_name_en,
      serialised: r.serialised,
      unit: r.unit as PartUnit,
      minStock: r.min_stock,
    },
    good: r.good_on_hand,
    reserved: r.reserved,
    available,
    faulty: r.faulty_on_hand,
    belowReorder: belowReorder(r.min_stock, available),
  };
}

/** Stock levels by store and part, with filters. */
export async function listStockLevels(db: Kysely<Database>, f: z.output<typeof stockLevelQuery>) {
  let query = levelQuery(db);
  if (f.warehouseId) query = query.where('l.warehouse_id', '=', f.warehouseId);
  if (f.partId) query = query.where('l.part_id', '=', f.partId);
  if (f.q) {
    const pattern = likePattern(f.q);
    query = query.where((eb) =>
      eb.or([
        eb('p.part_number', 'ilike', pattern),
        eb('p.name', 'ilike', pattern),
        eb('p.name_en', 'ilike', pattern),
      ]),
    );
  }
  if (f.inStock) query = query.where(sql<boolean>`l.good_on_hand + l.faulty_on_hand > 0`);
  if (f.belowReorder)
    query = query
      .where('p.min_stock', 'is not', null)
      .where(sql<boolean>`l.good_on_hand - l.reserved < p.min_stock`);
  const rows = await query
    .orderBy('w.code')
    .orderBy(sql`upper(p.part_number)`)
    .limit(f.limit)
    .execute();
  return rows.map(presentLevel);
}

/** Serialised units, searched by serial across parts or within one. */
export async function listStockUnits(db: Kysely<Database>, f: z.output<typeof stockUnitQuery>) {
  let query = db
    .selectFrom('stock_unit as u')
    .innerJoin('spare_part as p', 'p.id', 'u.part_id')
    .leftJoin('warehouse as w', 'w.id', 'u.warehouse_id')
    .selectAll('u')
    .select(['p.part_number', 'p.name as part_name', 'w.code as warehouse_code', 'w.name as warehouse_name']);
  if (f.partId) query = query.where('u.part_id', '=', f.partId);
  if (f.warehouseId) query = query.where('u.warehouse_id', '=', f.warehouseId);
  if (f.state) query = query.where('u.state', '=', f.state);
  if (f.serial) query = query.where('u.serial', 'ilike', likePattern(f.serial));
  const rows = await query.orderBy('u.part_id').orderBy('u.id').limit(f.limit).execute();
  return rows.map((r) => ({
    id: r.id,
    part: { id: r.part_id, partNumber: r.part_number, name: r.part_name },
    serial: r.serial,
    condition: r.condition,
    state: r.state,
    warehouse:
      r.warehouse_id !== null
        ? { id: r.warehouse_id, code: r.warehouse_code!, name: r.warehouse_name! }
        : null,
    caseId: r.case_id,
    rmaId: r.rma_id,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  }));
}

function movementQuery(db: Kysely<Database>) {
  return db
    .selectFrom('stock_movement as m')
    .innerJoin('spare_part as p', 'p.id', 'm.part_id')
    .innerJoin('warehouse as w', 'w.id', 'm.warehouse_id')
    .leftJoin('warehouse as tw', 'tw.id', 'm.to_warehouse_id')
    .leftJoin('app_user as u', 'u.id', 'm.actor_user_id')
    .leftJoin('support_case as c', 'c.id', 'm.case_id')
    .selectAll('m')
    .select([
      'p.part_number',
      'p.name as part_name',
      'p.name_en as part_name_en',
      'c.number as case_number',
      'w.code as warehouse_code',
      'w.name as warehouse_name',
      'tw.code as to_warehouse_code',
      'tw.name as to_warehouse_name',
      'u.display_name as actor_name',
    ]);
}
type MovementRow = Awaited<ReturnType<ReturnType<typeof movementQuery>['executeTakeFirstOrThrow']>>;

function presentMovement(r: MovementRow) {
  return {
    id: r.id,
    kind: r.kind,
    part: { id: r.part_id, partNumber: r.part_number, name: r.part_name, nameEn: r.part_name_en },
    warehouse: { id: r.warehouse_id, code: r.warehouse_code, name: r.warehouse_name },
    toWarehouse:
      r.to_warehouse_id !== null
        ? { id: r.to_warehouse_id, code: r.to_warehouse_code!, name: r.to_warehouse_name! }
        : null,
    quantity: r.quantity,
    fromStock: r.from_stock,
    toStock: r.to_stock,
    serial: r.serial,
    caseId: r.case_id,
    caseNumber: r.case_number,
    rmaId: r.rma_id,
    purchaseOrderId: r.purchase_order_id,
    reference: r.reference,
    note: r.note,
    actor: r.actor_user_id !== null ? { id: r.actor_user_id, name: r.actor_name ?? '' } : null,
    createdAt: r.created_at.toISOString(),
  };
}

export async function getMovement(db: Kysely<Database>, id: number) {
  return presentMovement(await movementQuery(db).where('m.id', '=', id).executeTakeFirstOrThrow());
}

/** The ledger, newest first, keyset-paged by id. */
export async function listMovements(db: Kysely<Database>, f: z.output<typeof ledgerQuery>) {
  let query = movementQuery(db);
  if (f.partId) query = query.where('m.part_id', '=', f.partId);
  if (f.warehouseId) {
    const id = f.warehouseId;
    query = query.where((eb) => eb.or([eb('m.warehouse_id', '=', id), eb('m.to_warehouse_id', '=', id)]));
  }
  if (f.kind) query = query.where('m.kind', '=', f.kind);
  if (f.serial) query = query.where((eb) => eb(eb.fn('upper', ['m.serial']), '=', f.serial!.toUpperCase()));
  if (f.caseId) query = query.where('m.case_id', '=', f.caseId);
  if (f.rmaId) query = query.where('m.rma_id', '=', f.rmaId);
  if (f.purchaseOrderId) query = query.where('m.purchase_order_id', '=', f.purchaseOrderId);
  if (f.from) query = query.where('m.created_at', '>=', new Date(f.from));
  if (f.to) query = query.where('m.created_at', '<', new Date(f.to));
  if (f.cursor) {
    if (!/^\d{1,15}$/.test(f.cursor))
      throw invalidField('querystring.cursor', 'not a cursor from this list', '不是本列表的翻页位置');
    query = query.where('m.id', '<', Number(f.cursor));
  }
  const rows = await query.orderBy('m.id', 'desc').limit(f.limit).execute();
  return {
    items: rows.map(presentMovement),
    nextCursor: rows.length === f.limit ? String(rows.at(-1)!.id) : null,
  };
}

export interface StockReport {
  generatedAt: Date;
  warehouses: Array<{
    warehouse: { id: number; code: string; name: string; nameEn: string | null };
    rows: Array<{
      partId: number;
      partNumber: string;
      name: string;
      nameEn: string | null;
      unit: PartUnit;
      good: number;
      reserved: number;
      available: number;
      faulty: number;
      minStock: number | null;
      belowReorder: boolean;
    }>;
  }>;
}

/**
 * The stock report per store: every part a store holds (good or faulty) or keeps a reorder level
 * for, with what is available and what waits to go back to the vendor. Active stores only,
 * HQ's first.
 */
export async function stockReport(
  db: Kysely<Database>,
  opts: { warehouseId?: number | undefined; now: Date },
) {
  let stores = db
    .selectFrom('warehouse')
    .select(['id', 'code', 'name', 'name_en'])
    .where('active', '=', true);
  if (opts.warehouseId) stores = stores.where('id', '=', opts.warehouseId);
  const warehouses = await stores.orderBy('is_hq', 'desc').orderBy('code').execute();
  let levels = levelQuery(db).where((eb) =>
    eb.or([eb(sql`l.good_on_hand + l.faulty_on_hand`, '>', 0), eb('p.min_stock', 'is not', null)]),
  );
  if (opts.warehouseId) levels = levels.where('l.warehouse_id', '=', opts.warehouseId);
  const rows = await levels.orderBy(sql`upper(p.part_number)`).execute();
  const report: StockReport = {
    generatedAt: opts.now,
    warehouses: warehouses.map((w) => ({
      warehouse: { id: w.id, code: w.code, name: w.name, nameEn: w.name_en },
      rows: rows
        .filter((r) => r.warehouse_id === w.id)
        .map((r) => {
          const level = presentLevel(r);
          return {
            partId: r.part_id,
            partNumber: r.part_number,
            name: r.part_name,
            nameEn: r.part_name_en,
            unit: level.part.unit,
            good: level.good,
            reserved: level.reserved,
            available: level.available,
            faulty: level.faulty,
            minStock: r.min_stock,
            belowReorder: level.belowReorder,
          };
        }),
    })),
  };
  return report;
}
