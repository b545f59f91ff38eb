/**
 * Service levels and contracts: staff read them (the hotline checks entitlement at intake);
 * administrators maintain them. A contact reads its own organisation's contracts only.
 */
import { hasRole, type Actor } from '../../../platform/authz/actor.ts';

export const contractsPolicy = {
  canReadServiceLevels: (actor: Actor) => actor.kind !== 'contact',
  canReadContract: (actor: Actor, organisationId: number) =>
    actor.kind !== 'contact' || actor.organisationId === organisationId,
  canWrite: (actor: Actor) => actor.kind === 'system' || hasRole(actor, 'admin'),
  canCheckEntitlement: (actor: Actor) => actor.kind !== 'contact',
};
