/**
 * Which customer an alert is about: the device field's value as an asset serial (installed
 * base), else the site field's value as a site name, else the source's customer. A source with a
 * customer matches only within that customer, so one customer's monitoring never opens a case
 * for another; a source without one (the centre's own monitoring) matches across customers.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import { findAssetBySerial } from '../../assets/server/index.ts';
import type { AlertSourceRow } from './alerts.presenter.ts';

export interface AlertMatch {
  /** The device field's value as received (shown in lists), or null. */
  device: string | null;
  organisationId: number | null;
  siteId: number | null;
  /** The serial as registered, when an asset matched. */
  assetSerial: string | null;
  matchedBy: 'asset' | 'site' | 'source' | null;
}

/** The values of `fields` present in `labels`, in order; `host:port` also tried as `host`. */
function candidates(labels: Record<string, string>, fields: readonly string[]): string[] {
  const out: string[] = [];
  for (const field of fields) {
    const value = labels[field]?.trim();
    if (!value) continue;
    out.push(value);
    const host = value.replace(/:\d{1,5}$/, '');
    if (host !== value && host) out.push(host);
  }
  return [...new Set(out)];
}

export async function matchAlert(
  db: Kysely<Database> | Transaction<Database>,
  source: Pick<AlertSourceRow, 'organisation_id' | 'device_fields' | 'site_fields'>,
  labels: Record<string, string>,
): Promise<AlertMatch> {
  const devices = candidates(labels, source.device_fields);
  const device = devices[0] ?? null;
  const within = source.organisation_id ?? undefined;
  for (const serial of devices) {
    const asset = await findAssetBySerial(db, serial, { organisationId: within });
    if (asset)
      return {
        device,
        organisationId: asset.organisation_id,
        siteId: asset.site_id,
        assetSerial: asset.serial,
        matchedBy: 'asset',
      };
  }
  for (const name of candidates(labels, source.site_fields)) {
    let query = db
      .selectFrom('site')
      .select(['id', 'organisation_id'])
      .where(sql<boolean>`lower(name) = ${name.toLowerCase()}`)
      .where('active', '=', true);
    if (within !== undefined) query = query.where('organisation_id', '=', within);
    const sites = await query.limit(2).execute();
    // Two customers' sites of one name tell nothing: keep looking.
    if (sites.length === 1)
      return {
        device,
        organisationId: sites[0]!.organisation_id,
        siteId: sites[0]!.id,
        assetSerial: null,
        matchedBy: 'site',
      };
  }
  if (source.organisation_id !== null)
    return {
      device,
      organisationId: source.organisation_id,
      siteId: null,
      assetSerial: null,
      matchedBy: 'source',
    };
  return { device, organisationId: null, siteId: null, assetSerial: null, matchedBy: null };
}
