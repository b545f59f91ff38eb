/**
 * Service levels and contracts. Staff read them (the hotline checks entitlement at intake);
 * administrators and the service managers maintain them, and a contract's owner (服务专员) keeps
 * his own contracts up to date. A contact reads its own organisation's signed contracts only, in
 * a reduced view: another organisation's contract, or a draft, does not exist for it (404).
 */
import type { SelectQueryBuilder } from 'kysely';
import { hasRole, type Actor } from '../../../platform/authz/actor.ts';
import type { Database } from '../../../app/database-schema.ts';
import type { ContractState } from '../contract-status.ts';

/** Roles that record and change contracts of any customer. */
const CONTRACT_MANAGERS = ['admin', 'manager1', 'manager2', 'manager3'];

export interface ContractFacts {
  organisation_id: number;
  state: ContractState;
  owner_id: number | null;
}

const isOwner = (actor: Actor, c: Pick<ContractFacts, 'owner_id'>) =>
  actor.kind === 'staff' && actor.userId !== null && actor.userId === c.owner_id;

export const contractsPolicy = {
  canReadServiceLevels: (actor: Actor) => actor.kind !== 'contact',
  /** Service levels are maintained by administrators. */
  canWriteServiceLevels: (actor: Actor) => actor.kind === 'system' || hasRole(actor, 'admin'),
  canReadContract: (actor: Actor, c: Pick<ContractFacts, 'organisation_id' | 'state'>) =>
    actor.kind !== 'contact' || (actor.organisationId === c.organisation_id && c.state !== 'draft'),
  /** Internal fields (notes, renewal bookkeeping) are for staff. */
  canSeeInternal: (actor: Actor) => actor.kind !== 'contact',
  /** Record a new contract for any customer. */
  canCreate: (actor: Actor) => actor.kind === 'system' || hasRole(actor, ...CONTRACT_MANAGERS),
  /** Change, renew, extend or move this contract: the managers and its owner. */
  canManage: (actor: Actor, c: Pick<ContractFacts, 'owner_id'>) =>
    actor.kind === 'system' || hasRole(actor, ...CONTRACT_MANAGERS) || isOwner(actor, c),
  canCheckEntitlement: (actor: Actor) => actor.kind !== 'contact',
};

/** Limits a contract query to the contracts the actor may see. */
export function scopeContracts<O>(
  actor: Actor,
  query: SelectQueryBuilder<Database, 'service_contract', O>,
): SelectQueryBuilder<Database, 'service_contract', O> {
  return actor.kind === 'contact'
    ? query
        .where('service_contract.organisation_id', '=', actor.organisationId)
        .where('service_contract.state', '<>', 'draft')
    : query;
}
