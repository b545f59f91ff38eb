/** Reads of assets with the names the screens show; every read is scoped to the actor. */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../app/database-schema.ts';
import type { Actor } from '../../../platform/authz/actor.ts';
import { invalidField, notFound } from '../../../platform/http/app-error.ts';
import type { assetFilterQuery } from '../assets.api.ts';
import { assetsPolicy, scopeAssets } from './assets.policy.ts';

type Db = Kysely<Database> | Transaction<Database>;

export function assetQuery(db: Db) {
  return db
    .selectFrom('asset')
    .innerJoin('product_model', 'product_model.id', 'asset.product_model_id')
    .innerJoin('organisation', 'organisation.id', 'asset.organisation_id')
    .leftJoin('site', 'site.id', 'asset.site_id')
    .select([
      'asset.id',
      'asset.product_model_id',
      'asset.vendor',
      'asset.serial',
      'asset.organisation_id',
      'asset.site_id',
      'asset.installed_on',
      'asset.warranty_ends_on',
      'asset.state',
      'asset.replaces_asset_id',
      'asset.notes',
      'asset.created_at',
      'asset.updated_at',
      'product_model.model',
      'product_model.part_number',
      'product_model.category',
      'product_model.warranty_months',
      'organisation.name as organisation_name',
      'organisation.code as organisation_code',
      'site.name as site_name',
    ])
    .select((eb) =>
      eb
        .selectFrom('asset as successor')
        .select('successor.id')
        .whereRef('successor.replaces_asset_id', '=', 'asset.id')
        .orderBy('successor.id', 'desc')
        .limit(1)
        .as('replaced_by_asset_id'),
    );
}

export type AssetRow = NonNullable<Awaited<ReturnType<ReturnType<typeof assetQuery>['executeTakeFirst']>>>;

/** The asset if the actor may see it; otherwise 404 (whether or not it exists). */
export async function loadVisibleAsset(db: Db, actor: Actor, id: number): Promise<AssetRow> {
  const row = await assetQuery(db).where('asset.id', '=', id).executeTakeFirst();
  if (!row || !assetsPolicy.canRead(actor, row)) throw notFound('asset');
  return row;
}

export type AssetFilter = z.output<typeof assetFilterQuery> & { limit: number; cursor?: string | undefined };

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Opaque keyset cursors: the sort key and id of the last row of the page. */
const encodeCursor = (key: string | null, id: number) =>
  Buffer.from(JSON.stringify([key, id])).toString('base64url');
function decodeCursor(cursor: string): [string | null, number] {
  try {
    const [key, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [unknown, unknown];
    if (!Number.isInteger(id)) throw new Error('bad id');
    if (key !== null && (typeof key !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(key)))
      throw new Error('bad key');
    return [key, id as number];
  } catch {
    throw invalidField('querystring.cursor', 'not a cursor from this list', '不是这个列表的翻页位置');
  }
}

/**
 * A keyset page of the assets the actor may see: newest first, or soonest warranty end first
 * (unknown ends last). Returns the rows and the cursor of the next page.
 */
export async function listAssets(
  db: Db,
  actor: Actor,
  f: AssetFilter,
): Promise<{ rows: AssetRow[]; nextCursor: string | null }> {
  let query = scopeAssets(actor, assetQuery(db));
  if (f.organisationId) query = query.where('asset.organisation_id', '=', f.organisationId);
  if (f.siteId) query = query.where('asset.site_id', '=', f.siteId);
  if (f.productModelId) query = query.where('asset.product_model_id', '=', f.productModelId);
  if (f.vendor) query = query.where(sql<boolean>`upper(asset.vendor) = ${f.vendor.toUpperCase()}`);
  if (f.category) query = query.where('product_model.category', '=', f.category);
  if (f.state) query = query.where('asset.state', '=', f.state);
  if (f.serial) query = query.where(sql<boolean>`upper(asset.serial) = ${f.serial.toUpperCase()}`);
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    query = query.where((eb) =>
      eb.or([
        eb('asset.serial', 'ilike', like),
        eb('product_model.model', 'ilike', like),
        eb('product_model.part_number', 'ilike', like),
      ]),
    );
  }
  if (f.warrantyEndsBefore) query = query.where('asset.warranty_ends_on', '<', f.warrantyEndsBefore);

  const cursor = f.cursor ? decodeCursor(f.cursor) : null;
  if (f.sort === 'warranty') {
    if (cursor) {
      const [key, id] = cursor;
      query =
        key === null
          ? query.where('asset.warranty_ends_on', 'is', null).where('asset.id', '>', id)
          : query.where((eb) =>
              eb.or([
                eb('asset.warranty_ends_on', 'is', null),
                eb('asset.warranty_ends_on', '>', key),
                eb.and([eb('asset.warranty_ends_on', '=', key), eb('asset.id', '>', id)]),
              ]),
            );
    }
    const rows = await query
      .orderBy(sql`asset.warranty_ends_on asc nulls last`)
      .orderBy('asset.id', 'asc')
      .limit(f.limit)
      .execute();
    const last = rows.at(-1);
    return {
      rows,
      nextCursor: rows.length === f.limit && last ? encodeCursor(last.warranty_ends_on, last.id) : null,
    };
  }
  if (cursor) query = query.where('asset.id', '<', cursor[1]);
  const rows = await query.orderBy('asset.id', 'desc').limit(f.limit).execute();
  const last = rows.at(-1);
  return { rows, nextCursor: rows.length === f.limit && last ? encodeCursor(null, last.id) : null };
}

/** The asset of `vendor` with this serial (any case), if registered. */
export async function findSerialOfVendor(db: Db, vendor: string, serial: string, exceptId?: number) {
  let query = db
    .selectFrom('asset')
    .select(['id', 'organisation_id'])
    .where(sql<boolean>`upper(vendor) = ${vendor.toUpperCase()}`)
    .where(sql<boolean>`upper(serial) = ${serial.toUpperCase()}`);
  if (exceptId !== undefined) query = query.where('id', '<>', exceptId);
  return query.executeTakeFirst();
}
