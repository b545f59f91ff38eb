/**
 * Read-side helpers other modules use (the RMA flow): stock of a part in a store, the store a
 * branch draws spares from, HQ's store, a part by its number. Each takes a Kysely handle or the
 * caller's transaction.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';

export interface StockOnHand {
  /** Good units in the store, reserved ones included. */
  good: number;
  reserved: number;
  /** Good and not reserved: what a new reservation or issue can take. */
  available: number;
  /** Faulty parts in the store awaiting return to the vendor. */
  faulty: number;
}

/** Stock of one part in one store (zeros when the store never held it). */
export async function stockOnHand(
  db: Kysely<Database>,
  where: { warehouseId: number; partId: number },
): Promise<StockOnHand> {
  const row = await db
    .selectFrom('stock_level')
    .select(['good_on_hand', 'reserved', 'faulty_on_hand'])
    .where('warehouse_id', '=', where.warehouseId)
    .where('part_id', '=', where.partId)
    .executeTakeFirst();
  if (!row) return { good: 0, reserved: 0, available: 0, faulty: 0 };
  return {
    good: row.good_on_hand,
    reserved: row.reserved,
    available: row.good_on_hand - row.reserved,
    faulty: row.faulty_on_hand,
  };
}

export interface StoreRef {
  id: number;
  code: string;
  name: string;
  branchId: number;
  isHq: boolean;
  /** The vendor ships straight to this store: a direct-delivery branch (seed 004) or HQ. */
  vendorDirect: boolean;
}

function storeQuery(db: Kysely<Database>) {
  return db
    .selectFrom('warehouse')
    .innerJoin('branch', 'branch.id', 'warehouse.branch_id')
    .select([
      'warehouse.id',
      'warehouse.code',
      'warehouse.name',
      'warehouse.branch_id',
      'warehouse.is_hq',
      'branch.vendor_direct_delivery',
    ])
    .where('warehouse.active', '=', true);
}

const toStoreRef = (r: {
  id: number;
  code: string;
  name: string;
  branch_id: number;
  is_hq: boolean;
  vendor_direct_delivery: boolean;
}): StoreRef => ({
  id: r.id,
  code: r.code,
  name: r.name,
  branchId: r.branch_id,
  isHq: r.is_hq,
  vendorDirect: r.vendor_direct_delivery || r.is_hq,
});

/** HQ's active central store. */
export async function hqWarehouse(db: Kysely<Database>): Promise<StoreRef | undefined> {
  const row = await storeQuery(db).where('warehouse.is_hq', '=', true).executeTakeFirst();
  return row && toStoreRef(row);
}

/** The branch's own active store (the first one when it has several), else HQ's. */
export async function warehouseForBranch(
  db: Kysely<Database>,
  branchId: number | null,
): Promise<StoreRef | undefined> {
  if (branchId !== null) {
    const own = await storeQuery(db)
      .where('warehouse.branch_id', '=', branchId)
      .orderBy('warehouse.is_hq', 'desc')
      .orderBy('warehouse.id')
      .executeTakeFirst();
    if (own) return toStoreRef(own);
  }
  return hqWarehouse(db);
}

export interface PartRef {
  id: number;
  partNumber: string;
  name: string;
  nameEn: string | null;
  serialised: boolean;
  active: boolean;
  productModelId: number | null;
}

/** A spare part by its part number, regardless of case and surrounding blanks. */
export async function findPartByNumber(
  db: Kysely<Database>,
  partNumber: string,
): Promise<PartRef | undefined> {
  const row = await db
    .selectFrom('spare_part')
    .select(['id', 'part_number', 'name', 'name_en', 'serialised', 'active', 'product_model_id'])
    .where((eb) => eb(eb.fn('upper', ['part_number']), '=', partNumber.trim().toUpperCase()))
    .executeTakeFirst();
  return (
    row && {
      id: row.id,
      partNumber: row.part_number,
      name: row.name,
      nameEn: row.name_en,
      serialised: row.serialised,
      active: row.active,
      productModelId: row.product_model_id,
    }
  );
}
