/**
 * Who may see an RMA and take its steps. Staff see every RMA; a customer contact sees its own
 * organisation's (another organisation's does not exist for it: 404) and may take exactly one
 * step: confirm the spare request. The steps themselves are in the table of rma-status.ts.
 */
import type { Actor } from '../../../platform/authz/actor.ts';
import { RMA_STEPS, actorMayTake, stateAllows, type RmaFacts, type RmaStep } from '../rma-status.ts';

export const rmaPolicy = {
  canRead: (actor: Actor, r: { organisation_id: number }) =>
    actor.kind !== 'contact' || actor.organisationId === r.organisation_id,
  canReport: (actor: Actor) => actor.kind === 'staff' || actor.kind === 'system',
};

/** Whether the caller's roles let it take the step at all (the state aside). */
export function mayTake(actor: Actor, step: RmaStep): boolean {
  if (actor.kind === 'system') return true;
  return actorMayTake(
    step,
    actor.kind === 'contact' ? { kind: 'contact' } : { kind: 'staff', roles: actor.roles },
  );
}

/** The steps the caller may take now. */
export function allowedSteps(actor: Actor, facts: RmaFacts): RmaStep[] {
  return RMA_STEPS.filter((s) => s !== 'request' && mayTake(actor, s) && stateAllows(s, facts));
}

export const canRequestRma = (actor: Actor) => mayTake(actor, 'request');

export function factsOf(r: {
  state: RmaFacts['state'];
  source: RmaFacts['source'];
  vendor_rma_number: string | null;
  good_received_at: Date | null;
}): RmaFacts {
  return {
    state: r.state,
    source: r.source,
    vendorRmaNumber: r.vendor_rma_number,
    goodReceived: r.good_received_at !== null,
  };
}
