/** Shapes service levels and contracts for the HTTP contracts. */
import type { Kysely } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';

export async function presentServiceLevels(db: Kysely<Database>, ids: number[]) {
  if (ids.length === 0) return [];
  const levels = await db
    .selectFrom('service_level')
    .selectAll()
    .where('id', 'in', ids)
    .orderBy('id')
    .execute();
  const targets = await db
    .selectFrom('service_level_target')
    .selectAll()
    .where('service_level_id', 'in', ids)
    .orderBy('priority')
    .execute();
  return levels.map((l) => ({
    id: l.id,
    code: l.code,
    name: l.name,
    nameEn: l.name_en,
    active: l.active,
    targets: targets
      .filter((t) => t.service_level_id === l.id)
      .map((t) => ({
        priority: t.priority,
        calendarId: t.calendar_id,
        responseMinutes: t.response_minutes,
        diagnosisMinutes: t.diagnosis_minutes,
        resolutionMinutes: t.resolution_minutes,
        pauseOnVendor: t.pause_on_vendor,
      })),
  }));
}

/** Contracts with their coverage; internal notes only for staff. */
export async function presentContracts(
  db: Kysely<Database>,
  ids: number[],
  opts: { internal: boolean } = { internal: true },
) {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('service_contract')
    .selectAll()
    .where('id', 'in', ids)
    .orderBy('id')
    .execute();
  const sites = await db.selectFrom('contract_site').selectAll().where('contract_id', 'in', ids).execute();
  const serials = await db
    .selectFrom('contract_serial')
    .selectAll()
    .where('contract_id', 'in', ids)
    .orderBy('serial')
    .execute();
  return rows.map((c) => ({
    id: c.id,
    number: c.number,
    organisationId: c.organisation_id,
    serviceLevelId: c.service_level_id,
    startsOn: c.starts_on,
    endsOn: c.ends_on,
    state: c.state,
    coversAllSites: c.covers_all_sites,
    siteIds: sites.filter((s) => s.contract_id === c.id).map((s) => s.site_id),
    serials: serials.filter((s) => s.contract_id === c.id).map((s) => s.serial),
    notes: opts.internal ? c.notes : null,
  }));
}
