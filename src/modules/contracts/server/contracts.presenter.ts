/**
 * Shapes service levels and contracts for the HTTP contracts. A customer gets the reduced
 * view: no internal notes, no renewal bookkeeping.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import type { Actor } from '../../../platform/authz/actor.ts';
import type { z } from 'zod';
import { EXTENSION_CAUSE_LABELS, type contractDetailSchema, type contractSchema } from '../contracts.api.ts';
import {
  CONTRACT_STATE_LABELS,
  CONTRACT_TRANSITIONS,
  EDITABLE_STATES,
  addDays,
  contractTransition,
  daysBetween,
  ENTITLING_STATES,
} from '../contract-status.ts';
import { contractsPolicy } from './contracts.policy.ts';

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

type ContractItem = z.infer<typeof contractSchema>;
type ContractDetail = z.infer<typeof contractDetailSchema>;

/** Contracts in the order of `ids`, as the actor may see them, judged on `today`. */
export async function presentContracts(
  db: Kysely<Database>,
  ids: number[],
  opts: { actor: Actor; today: string },
): Promise<ContractItem[]> {
  if (ids.length === 0) return [];
  const internal = contractsPolicy.canSeeInternal(opts.actor);
  const rows = await db
    .selectFrom('service_contract')
    .innerJoin('organisation', 'organisation.id', 'service_contract.organisation_id')
    .innerJoin('service_level', 'service_level.id', 'service_contract.service_level_id')
    .leftJoin('app_user as owner', 'owner.id', 'service_contract.owner_id')
    .selectAll('service_contract')
    .select([
      'organisation.name as organisation_name',
      'service_level.code as level_code',
      'service_level.name as level_name',
      'service_level.name_en as level_name_en',
      'owner.display_name as owner_name',
    ])
    .where('service_contract.id', 'in', ids)
    .execute();
  const sites = await db.selectFrom('contract_site').selectAll().where('contract_id', 'in', ids).execute();
  const assetCounts = await db
    .selectFrom('contract_asset')
    .select(['contract_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('contract_id', 'in', ids)
    .groupBy('contract_id')
    .execute();
  const followOns = await db
    .selectFrom('service_contract')
    .select(['id', 'renews_contract_id'])
    .where('renews_contract_id', 'in', ids)
    .execute();
  const today = opts.today;
  const byId = new Map(rows.map((c) => [c.id, c]));
  return ids
    .map((id) => byId.get(id))
    .filter((c) => c !== undefined)
    .map((c) => ({
      id: c.id,
      number: c.number,
      organisationId: c.organisation_id,
      organisationName: c.organisation_name,
      serviceLevelId: c.service_level_id,
      serviceLevel: {
        id: c.service_level_id,
        code: c.level_code,
        name: c.level_name,
        nameEn: c.level_name_en,
      },
      startsOn: c.starts_on,
      endsOn: c.ends_on,
      originalEndsOn: c.original_ends_on,
      extensionDays: c.extension_days,
      state: c.state,
      stateLabel: CONTRACT_STATE_LABELS[c.state],
      coversAllSites: c.covers_all_sites,
      siteIds: sites
        .filter((s) => s.contract_id === c.id)
        .map((s) => s.site_id)
        .sort((a, b) => a - b),
      assetCount: Number(assetCounts.find((a) => a.contract_id === c.id)?.n ?? 0),
      owner: c.owner_id !== null && c.owner_name !== null ? { id: c.owner_id, name: c.owner_name } : null,
      onsiteHours: c.onsite_hours,
      partsHours: c.parts_hours,
      inspectionsPerYear: c.inspections_per_year,
      renewalNoticeDays: internal ? c.renewal_notice_days : null,
      renewalDueOn: internal ? addDays(c.ends_on, -c.renewal_notice_days) : null,
      renewalNotifiedAt: internal ? (c.renewal_notified_at?.toISOString() ?? null) : null,
      renewedByContractId: followOns.find((f) => f.renews_contract_id === c.id)?.id ?? null,
      renewsContractId: c.renews_contract_id,
      inForce: ENTITLING_STATES.includes(c.state) && c.starts_on <= today && c.ends_on >= today,
      daysToEnd: daysBetween(today, c.ends_on),
      notes: internal ? c.notes : null,
      createdAt: c.created_at.toISOString(),
      updatedAt: c.updated_at.toISOString(),
    }));
}

/** Downtime extensions of a contract, oldest first. */
export async function presentExtensions(db: Kysely<Database>, contractId: number) {
  const rows = await db
    .selectFrom('contract_extension')
    .leftJoin('support_case', 'support_case.id', 'contract_extension.case_id')
    .leftJoin('app_user', 'app_user.id', 'contract_extension.recorded_by')
    .selectAll('contract_extension')
    .select(['support_case.number as case_number', 'app_user.display_name as recorded_by_name'])
    .where('contract_extension.contract_id', '=', contractId)
    .orderBy('contract_extension.id')
    .execute();
  return rows.map((e) => ({
    id: e.id,
    contractId: e.contract_id,
    caseId: e.case_id,
    caseNumber: e.case_number,
    cause: e.cause,
    causeLabel: EXTENSION_CAUSE_LABELS[e.cause],
    downFrom: e.down_from.toISOString(),
    downTo: e.down_to.toISOString(),
    downtimeHours: Math.round((e.down_to.getTime() - e.down_from.getTime()) / 60_000) / 60,
    days: e.days,
    endsOnBefore: e.ends_on_before,
    endsOnAfter: e.ends_on_after,
    reason: e.reason,
    recordedBy:
      e.recorded_by !== null && e.recorded_by_name !== null
        ? { id: e.recorded_by, name: e.recorded_by_name }
        : null,
    recordedAt: e.recorded_at.toISOString(),
  }));
}

/** One contract with its coverage, extensions and what the actor may do on it. */
export async function presentContractDetail(
  db: Kysely<Database>,
  id: number,
  opts: { actor: Actor; today: string },
): Promise<ContractDetail> {
  const [item] = await presentContracts(db, [id], opts);
  if (!item) throw new Error(`contract ${id} vanished`);
  const sites = await db
    .selectFrom('contract_site')
    .innerJoin('site', 'site.id', 'contract_site.site_id')
    .select(['site.id', 'site.name'])
    .where('contract_site.contract_id', '=', id)
    .orderBy('site.id')
    .execute();
  const assets = await db
    .selectFrom('contract_asset')
    .innerJoin('asset', 'asset.id', 'contract_asset.asset_id')
    .innerJoin('product_model', 'product_model.id', 'asset.product_model_id')
    .select([
      'asset.id',
      'asset.vendor',
      'product_model.model',
      'asset.serial',
      'asset.site_id',
      'asset.state',
      'asset.warranty_ends_on',
    ])
    .where('contract_asset.contract_id', '=', id)
    // Only the customer's own units (an asset that changed hands is not theirs to see).
    .where('asset.organisation_id', '=', item.organisationId)
    .orderBy('asset.serial')
    .execute();
  const manage = contractsPolicy.canManage(opts.actor, { owner_id: item.owner?.id ?? null });
  return {
    ...item,
    sites,
    assets: assets.map((a) => ({
      id: a.id,
      vendor: a.vendor,
      model: a.model,
      serial: a.serial,
      siteId: a.site_id,
      state: a.state,
      warrantyEndsOn: a.warranty_ends_on,
    })),
    serials: assets.map((a) => a.serial),
    extensions: await presentExtensions(db, id),
    abilities: {
      update: manage && EDITABLE_STATES.includes(item.state),
      renew:
        manage &&
        item.renewedByContractId === null &&
        Boolean(contractTransition(item.state, 'renewed', 'renewal')),
      extend: manage && (item.state === 'active' || item.state === 'expired'),
      transitions: manage
        ? CONTRACT_TRANSITIONS.filter((t) => t.from === item.state && t.by.includes('staff')).map((t) => ({
            to: t.to,
            needsReason: Boolean(t.needsReason),
          }))
        : [],
    },
  };
}
