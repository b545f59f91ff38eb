/** Reads of warehouses and spare parts, shaped for the HTTP contract. */
import { sql, type Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../app/database-schema.ts';
import { invalidField, notFound } from '../../../platform/http/app-error.ts';
import type { partListQuery } from '../spares.api.ts';
import type { PartUnit } from '../spares-model.ts';

function warehouseQuery(db: Kysely<Database>) {
  return db
    .selectFrom('warehouse')
    .innerJoin('branch', 'branch.id', 'warehouse.branch_id')
    .selectAll('warehouse')
    .select([
      'branch.code as branch_code',
      'branch.name as branch_name',
      'branch.is_headquarters as branch_is_hq',
      'branch.vendor_direct_delivery as branch_vendor_direct',
    ]);
}
type WarehouseRow = Awaited<ReturnType<ReturnType<typeof warehouseQuery>['executeTakeFirstOrThrow']>>;

export function presentWarehouse(r: WarehouseRow) {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    nameEn: r.name_en,
    branch: {
      id: r.branch_id,
      code: r.branch_code,
      name: r.branch_name,
      isHeadquarters: r.branch_is_hq,
      vendorDirectDelivery: r.branch_vendor_direct,
    },
    isHq: r.is_hq,
    vendorDirect: r.branch_vendor_direct || r.is_hq,
    address: r.address,
    active: r.active,
  };
}

export async function listWarehouses(db: Kysely<Database>, opts: { active?: boolean | undefined }) {
  let query = warehouseQuery(db);
  if (opts.active !== undefined) query = query.where('warehouse.active', '=', opts.active);
  const rows = await query.orderBy('warehouse.is_hq', 'desc').orderBy('warehouse.code').limit(1000).execute();
  return rows.map(presentWarehouse);
}

export async function getWarehouse(db: Kysely<Database>, id: number) {
  const row = await warehouseQuery(db).where('warehouse.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('warehouse');
  return presentWarehouse(row);
}

function partQuery(db: Kysely<Database>) {
  return db
    .selectFrom('spare_part')
    .leftJoin('product_model', 'product_model.id', 'spare_part.product_model_id')
    .selectAll('spare_part')
    .select(['product_model.vendor as model_vendor', 'product_model.model as model_model']);
}
type PartRow = Awaited<ReturnType<ReturnType<typeof partQuery>['executeTakeFirstOrThrow']>>;

export function presentPart(r: PartRow) {
  return {
    id: r.id,
    partNumber: r.part_number,
    name: r.name,
    nameEn: r.name_en,
    vendor: r.vendor,
    productModel:
      r.product_model_id !== null
        ? { id: r.product_model_id, vendor: r.model_vendor!, model: r.model_model! }
        : null,
    serialised: r.serialised,
    unit: r.unit as PartUnit,
    minStock: r.min_stock,
    description: r.description,
    active: r.active,
  };
}

export async function getPart(db: Kysely<Database>, id: number) {
  const row = await partQuery(db).where('spare_part.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('spare part');
  return presentPart(row);
}

/** Escapes LIKE wildcards so a search for "10G_SR" means those characters. */
export const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const encodeCursor = (key: string, id: number) =>
  Buffer.from(JSON.stringify([key, id])).toString('base64url');
function decodeCursor(cursor: string): [string, number] {
  try {
    const [key, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [unknown, unknown];
    if (typeof key === 'string' && Number.isInteger(id)) return [key, id as number];
  } catch {
    // fall through
  }
  throw invalidField('querystring.cursor', 'not a cursor from this list', '不是本列表的翻页位置');
}

/** The parts catalogue by part number (byte order, the same on every server's collation), keyset-paged. */
export async function listParts(db: Kysely<Database>, f: z.output<typeof partListQuery>) {
  let query = partQuery(db);
  if (f.q) {
    const pattern = likePattern(f.q);
    query = query.where((eb) =>
      eb.or([
        eb('spare_part.part_number', 'ilike', pattern),
        eb('spare_part.name', 'ilike', pattern),
        eb('spare_part.name_en', 'ilike', pattern),
        eb('spare_part.vendor', 'ilike', pattern),
      ]),
    );
  }
  if (f.active !== undefined) query = query.where('spare_part.active', '=', f.active);
  if (f.serialised !== undefined) query = query.where('spare_part.serialised', '=', f.serialised);
  if (f.productModelId) query = query.where('spare_part.product_model_id', '=', f.productModelId);
  if (f.cursor) {
    const [key, id] = decodeCursor(f.cursor);
    query = query.where(
      sql<boolean>`(upper(spare_part.part_number) collate "C", spare_part.id) > (${key}, ${id})`,
    );
  }
  const rows = await query
    .orderBy(sql`upper(spare_part.part_number) collate "C"`)
    .orderBy('spare_part.id')
    .limit(f.limit)
    .execute();
  const last = rows.at(-1);
  return {
    items: rows.map(presentPart),
    nextCursor:
      rows.length === f.limit && last ? encodeCursor(last.part_number.toUpperCase(), last.id) : null,
  };
}
