/**
 * The entitlement check at intake: by organisation, site or serial number → the contract and
 * service level that apply on a given day, or why none does. Serial beats site beats organisation.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import type { Entitlement } from '../contracts.api.ts';
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

type ContractRow = Selectable<ServiceContractTable>;

function rank(c: ContractRow, on: string): number {
  // Prefer a contract in force; among several, the one ending last.
  return (c.starts_on <= on && c.ends_on >= on && c.state === 'active' ? 2 : 0) + (c.ends_on >= on ? 1 : 0);
}

async function present(
  db: Kysely<Database>,
  organisationId: number | null,
  best: ContractRow | undefined,
  on: string,
  fallback: Entitlement['reason'],
): Promise<Entitlement> {
  if (!best) return { covered: false, reason: fallback, organisationId, contract: null, serviceLevel: null };
  const level = await db
    .selectFrom('service_level')
    .select(['id', 'code', 'name', 'name_en'])
    .where('id', '=', best.service_level_id)
    .executeTakeFirstOrThrow();
  const inForce = best.starts_on <= on && best.ends_on >= on && best.state === 'active';
  const reason: Entitlement['reason'] = inForce ? 'covered' : best.starts_on > on ? 'not_started' : 'expired';
  return {
    covered: inForce,
    reason,
    organisationId,
    contract: {
      id: best.id,
      number: best.number,
      startsOn: best.starts_on,
      endsOn: best.ends_on,
      state: best.state,
    },
    serviceLevel: { id: level.id, code: level.code, name: level.name, nameEn: level.name_en },
  };
}

const pickBest = (rows: ContractRow[], on: string) =>
  [...rows].sort((a, b) => rank(b, on) - rank(a, on) || b.ends_on.localeCompare(a.ends_on))[0];

/** Looks up what applies; never throws for "not covered" — that is an answer, not an error. */
export async function lookUpEntitlement(db: Kysely<Database>, q: EntitlementQuery): Promise<Entitlement> {
  if (q.serial) {
    const rows = await db
      .selectFrom('contract_serial')
      .innerJoin('service_contract', 'service_contract.id', 'contract_serial.contract_id')
      .selectAll('service_contract')
      .where((eb) => eb(eb.fn('upper', ['contract_serial.serial']), '=', q.serial!.toUpperCase()))
      .execute();
    if (rows.length > 0) {
      const best = pickBest(rows, q.on)!;
      return present(db, best.organisation_id, best, q.on, 'serial_unknown');
    }
    if (!q.siteId && !q.organisationId) return present(db, null, undefined, q.on, 'serial_unknown');
  }
  let organisationId = q.organisationId ?? null;
  if (q.siteId) {
    const site = await db
      .selectFrom('site')
      .select('organisation_id')
      .where('id', '=', q.siteId)
      .executeTakeFirst();
    organisationId = site?.organisation_id ?? organisationId;
  }
  if (!organisationId) return present(db, null, undefined, q.on, 'no_contract');
  const contracts = await db
    .selectFrom('service_contract')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .execute();
  if (contracts.length === 0) return present(db, organisationId, undefined, q.on, 'no_contract');
  let candidates = contracts;
  if (q.siteId) {
    const bySite = await db
      .selectFrom('contract_site')
      .select('contract_id')
      .where('site_id', '=', q.siteId)
      .execute();
    const covering = new Set(bySite.map((r) => r.contract_id));
    candidates = contracts.filter((c) => c.covers_all_sites || covering.has(c.id));
    if (candidates.length === 0) return present(db, organisationId, undefined, q.on, 'site_not_covered');
  }
  return present(db, organisationId, pickBest(candidates, q.on), q.on, 'no_contract');
}
