/**
 * The entitlement check at intake: by serial number, site or organisation → the contract and
 * service level that apply on a given day, or why none does; with the asset, its maker's
 * warranty, the contract's period, promises and owner. A serial is looked up in the installed
 * base (any vendor); the asset is covered by a contract listing it (or the asset it replaced in
 * an RMA swap), listing its site, or covering all sites of its organisation.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import { ENTITLEMENT_REASON_LABELS, type Entitlement, type EntitlementReason } from '../contracts.api.ts';
import { ENTITLING_STATES } from '../contract-status.ts';
import { dateTimeFormat } from '../../../platform/time/date-format.ts';
import type { ServiceContractTable } from './contracts.tables.ts';

export interface EntitlementQuery {
  organisationId?: number | undefined;
  siteId?: number | undefined;
  serial?: string | undefined;
  /** 'YYYY-MM-DD' */
  on: string;
}

/** Today as 'YYYY-MM-DD' in the service centre's time zone (contracts run on calendar days). */
export function serviceDay(now: Date, timeZone = 'Asia/Shanghai'): string {
  return dateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** A contract with what presenting it needs: its service level and owner (one statement). */
type ContractRow = Selectable<ServiceContractTable> & {
  level_code: string;
  level_name: string;
  level_name_en: string | null;
  owner_name: string | null;
};

/** The contracts of an organisation, each with its service level and owner's name. */
function contractsOf(db: Kysely<Database>, organisationId: number): Promise<ContractRow[]> {
  return db
    .selectFrom('service_contract')
    .innerJoin('service_level', 'service_level.id', 'service_contract.service_level_id')
    .leftJoin('app_user as owner', 'owner.id', 'service_contract.owner_id')
    .selectAll('service_contract')
    .select([
      'service_level.code as level_code',
      'service_level.name as level_name',
      'service_level.name_en as level_name_en',
      'owner.display_name as owner_name',
    ])
    .where('service_contract.organisation_id', '=', organisationId)
    .execute();
}

const inForce = (c: ContractRow, on: string) =>
  ENTITLING_STATES.includes(c.state) && c.starts_on <= on && c.ends_on >= on;

function rank(c: ContractRow, on: string): number {
  if (inForce(c, on)) return 4;
  const running = c.ends_on >= on;
  if (c.state === 'draft') return running ? 2 : 0;
  return running ? 3 : 1;
}

/** Prefer a contract in force; then one not yet ended; a draft after a signed one; the latest end. */
const pickBest = (rows: ContractRow[], on: string) =>
  [...rows].sort((a, b) => rank(b, on) - rank(a, on) || b.ends_on.localeCompare(a.ends_on) || b.id - a.id)[0];

type AssetFound = NonNullable<Entitlement['asset']> & {
  organisationId: number;
  siteId: number | null;
  warrantyEndsOn: string | null;
};

interface Answer {
  organisationId: number | null;
  best?: ContractRow | undefined;
  fallback: EntitlementReason;
  asset?: AssetFound | undefined;
  serialMatches: number;
}

function present(on: string, a: Answer): Entitlement {
  const asset = a.asset
    ? {
        id: a.asset.id,
        vendor: a.asset.vendor,
        model: a.asset.model,
        serial: a.asset.serial,
        state: a.asset.state,
        site: a.asset.site,
      }
    : null;
  const makerWarranty = a.asset?.warrantyEndsOn
    ? { endsOn: a.asset.warrantyEndsOn, inWarranty: a.asset.warrantyEndsOn >= on }
    : null;
  const base = { organisationId: a.organisationId, asset, serialMatches: a.serialMatches, makerWarranty };
  const best = a.best;
  if (!best) {
    return {
      ...base,
      covered: false,
      reason: a.fallback,
      reasonLabel: ENTITLEMENT_REASON_LABELS[a.fallback],
      contract: null,
      serviceLevel: null,
      contractWarranty: null,
      promises: null,
      owner: null,
    };
  }
  const running = inForce(best, on);
  let reason: EntitlementReason = running
    ? 'covered'
    : best.state === 'draft'
      ? 'draft'
      : best.starts_on > on
        ? 'not_started'
        : 'expired';
  if (a.asset?.state === 'retired') reason = 'asset_retired';
  return {
    ...base,
    covered: reason === 'covered',
    reason,
    reasonLabel: ENTITLEMENT_REASON_LABELS[reason],
    contract: {
      id: best.id,
      number: best.number,
      startsOn: best.starts_on,
      endsOn: best.ends_on,
      state: best.state,
      originalEndsOn: best.original_ends_on,
      extensionDays: best.extension_days,
    },
    serviceLevel: {
      id: best.service_level_id,
      code: best.level_code,
      name: best.level_name,
      nameEn: best.level_name_en,
    },
    contractWarranty: { startsOn: best.starts_on, endsOn: best.ends_on, inForce: running },
    promises: { onsiteHours: best.onsite_hours, partsHours: best.parts_hours },
    owner:
      best.owner_id !== null && best.owner_name !== null
        ? { id: best.owner_id, name: best.owner_name }
        : null,
  };
}

async function findAssets(db: Kysely<Database>, serial: string): Promise<AssetFound[]> {
  const rows = await db
    .selectFrom('asset')
    .innerJoin('product_model', 'product_model.id', 'asset.product_model_id')
    .leftJoin('site', 'site.id', 'asset.site_id')
    .select([
      'asset.id',
      'asset.vendor',
      'product_model.model',
      'asset.serial',
      'asset.state',
      'asset.organisation_id',
      'asset.site_id',
      'asset.warranty_ends_on',
      'site.name as site_name',
    ])
    .where((eb) => eb(eb.fn('upper', ['asset.serial']), '=', serial.toUpperCase()))
    .orderBy('asset.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    vendor: r.vendor,
    model: r.model,
    serial: r.serial,
    state: r.state,
    organisationId: r.organisation_id,
    siteId: r.site_id,
    warrantyEndsOn: r.warranty_ends_on,
    site: r.site_id !== null && r.site_name !== null ? { id: r.site_id, name: r.site_name } : null,
  }));
}

/** The one asset a serial names for this caller, or null when it is ambiguous. */
function chooseAsset(assets: AssetFound[], organisationId: number | null): AssetFound | null {
  let pool = assets;
  if (organisationId && pool.some((a) => a.organisationId === organisationId))
    pool = pool.filter((a) => a.organisationId === organisationId);
  for (const state of ['in_service', 'in_repair', 'retired']) {
    const inState = pool.filter((a) => a.state === state);
    if (inState.length === 1) return inState[0]!;
    if (inState.length > 1) return null;
  }
  return null;
}

/** The asset and the assets it replaced in RMA swaps (coverage passes to the replacement). */
async function assetLineage(db: Kysely<Database>, assetId: number): Promise<number[]> {
  const ids = [assetId];
  for (let depth = 0; depth < 5; depth++) {
    const row = await db
      .selectFrom('asset')
      .select('replaces_asset_id')
      .where('id', '=', ids.at(-1)!)
      .executeTakeFirst();
    if (!row?.replaces_asset_id || ids.includes(row.replaces_asset_id)) break;
    ids.push(row.replaces_asset_id);
  }
  return ids;
}

async function judgeAsset(db: Kysely<Database>, asset: AssetFound, on: string, serialMatches: number) {
  const contracts = await contractsOf(db, asset.organisationId);
  if (contracts.length === 0)
    return present(on, {
      organisationId: asset.organisationId,
      fallback: 'no_contract',
      asset,
      serialMatches,
    });
  const lineage = await assetLineage(db, asset.id);
  const listing = await db
    .selectFrom('contract_asset')
    .select('contract_id')
    .where('asset_id', 'in', lineage)
    .execute();
  const bySite = asset.siteId
    ? await db.selectFrom('contract_site').select('contract_id').where('site_id', '=', asset.siteId).execute()
    : [];
  const covering = new Set([...listing, ...bySite].map((r) => r.contract_id));
  const candidates = contracts.filter((c) => c.covers_all_sites || covering.has(c.id));
  return present(on, {
    organisationId: asset.organisationId,
    best: pickBest(candidates, on),
    fallback: asset.state === 'retired' ? 'asset_retired' : 'asset_not_covered',
    asset,
    serialMatches,
  });
}

/** Looks up what applies; never throws for "not covered" — that is an answer, not an error. */
export async function lookUpEntitlement(db: Kysely<Database>, q: EntitlementQuery): Promise<Entitlement> {
  let organisationId = q.organisationId ?? null;
  if (q.siteId) {
    const site = await db
      .selectFrom('site')
      .select('organisation_id')
      .where('id', '=', q.siteId)
      .executeTakeFirst();
    organisationId = site?.organisation_id ?? organisationId;
  }
  let serialMatches = 0;
  if (q.serial) {
    const assets = await findAssets(db, q.serial);
    serialMatches = assets.length;
    const asset = chooseAsset(assets, organisationId);
    if (asset) return judgeAsset(db, asset, q.on, serialMatches);
    if (!organisationId)
      return present(q.on, {
        organisationId: null,
        fallback: assets.length > 0 ? 'serial_ambiguous' : 'serial_unknown',
        serialMatches,
      });
    // Unknown or ambiguous serial of a known customer: judge the customer's site / contracts.
  }
  if (!organisationId) return present(q.on, { organisationId: null, fallback: 'no_contract', serialMatches });
  const contracts = await contractsOf(db, organisationId);
  if (contracts.length === 0)
    return present(q.on, { organisationId, fallback: 'no_contract', serialMatches });
  let candidates = contracts;
  if (q.siteId) {
    const bySite = await db
      .selectFrom('contract_site')
      .select('contract_id')
      .where('site_id', '=', q.siteId)
      .execute();
    const covering = new Set(bySite.map((r) => r.contract_id));
    candidates = contracts.filter((c) => c.covers_all_sites || covering.has(c.id));
    if (candidates.length === 0)
      return present(q.on, { organisationId, fallback: 'site_not_covered', serialMatches });
  }
  return present(q.on, {
    organisationId,
    best: pickBest(candidates, q.on),
    fallback: 'no_contract',
    serialMatches,
  });
}
