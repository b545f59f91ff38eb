/**
 * The installed base. Staff read all of it (the hotline checks a serial at intake); the
 * installed-base managers (administrators, spare-parts clerks, project managers, managers)
 * maintain product models and import in bulk; they, the hotline and field engineers register
 * and correct single assets. A customer contact reads its own organisation's assets and their
 * history, never product models, never another organisation's assets (404, not 403).
 */
import type { SelectQueryBuilder } from 'kysely';
import { hasRole, type Actor } from '../../../platform/authz/actor.ts';
import type { Database } from '../../../app/database-schema.ts';
import { ASSET_WRITER_ROLES, INSTALLED_BASE_MANAGER_ROLES } from '../asset-status.ts';

export const assetsPolicy = {
  canReadModels: (actor: Actor) => actor.kind !== 'contact',
  canWriteModels: (actor: Actor) =>
    actor.kind === 'system' || hasRole(actor, ...INSTALLED_BASE_MANAGER_ROLES),
  canRead: (actor: Actor, a: { organisation_id: number }) =>
    actor.kind !== 'contact' || actor.organisationId === a.organisation_id,
  canWrite: (actor: Actor) => actor.kind === 'system' || hasRole(actor, ...ASSET_WRITER_ROLES),
  canImport: (actor: Actor) => actor.kind === 'system' || hasRole(actor, ...INSTALLED_BASE_MANAGER_ROLES),
  /** Notes and the internal details of history entries are for staff. */
  canSeeInternal: (actor: Actor) => actor.kind !== 'contact',
};

/** Limits an asset query to the assets the actor may see. */
export function scopeAssets<TB extends keyof Database, O>(
  actor: Actor,
  query: SelectQueryBuilder<Database, TB | 'asset', O>,
): SelectQueryBuilder<Database, TB | 'asset', O> {
  if (actor.kind !== 'contact') return query;
  const scoped = query as unknown as SelectQueryBuilder<Database, 'asset', O>;
  return scoped.where('asset.organisation_id', '=', actor.organisationId) as unknown as typeof query;
}
