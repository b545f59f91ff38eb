/** Looking an asset up by its serial number, for other modules (entitlement, intake, RMA). */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import { assetQuery, type AssetRow } from './asset.repository.ts';

type Db = Kysely<Database> | Transaction<Database>;

export type FoundAsset = AssetRow;

/** Every asset with this serial (any case, any vendor unless given), oldest first. */
export async function findAssetsBySerial(
  db: Db,
  serial: string,
  opts: { vendor?: string | undefined; organisationId?: number | undefined } = {},
): Promise<FoundAsset[]> {
  const wanted = serial.trim().toUpperCase();
  if (!wanted) return [];
  let query = assetQuery(db).where(sql<boolean>`upper(asset.serial) = ${wanted}`);
  if (opts.vendor)
    query = query.where(sql<boolean>`upper(asset.vendor) = ${opts.vendor.trim().toUpperCase()}`);
  if (opts.organisationId !== undefined)
    query = query.where('asset.organisation_id', '=', opts.organisationId);
  return query.orderBy('asset.id').execute();
}

/**
 * The asset a serial names (any case), with its model, organisation and site; undefined when
 * none does. A serial is unique per vendor only: when several vendors' assets share it and
 * neither `vendor` nor `organisationId` tells them apart, the one not retired wins, and if that
 * still leaves several the answer is undefined (ambiguous; use findAssetsBySerial).
 */
export async function findAssetBySerial(
  db: Db,
  serial: string,
  opts: { vendor?: string | undefined; organisationId?: number | undefined } = {},
): Promise<FoundAsset | undefined> {
  const found = await findAssetsBySerial(db, serial, opts);
  if (found.length <= 1) return found[0];
  const live = found.filter((a) => a.state !== 'retired');
  return live.length === 1 ? live[0] : undefined;
}
