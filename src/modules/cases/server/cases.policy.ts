/**
 * Who may see and work on a case. Staff see every case; a customer contact (or an
 * organisation-scoped token) sees only its organisation's cases and never internal entries.
 * Another organisation's case does not exist for a customer: 404, never 403.
 */
import type { SelectQueryBuilder } from 'kysely';
import { hasRole, type Actor } from '../../../platform/authz/actor.ts';
import type { Database } from '../../../app/database-schema.ts';
import { STATE_INFO, transitionsFrom, withinReopenWindow, type CaseState } from '../case-status.ts';

/** Roles that dispatch work: take the case off one desk and put it on another. */
const DISPATCHERS = [
  'admin',
  'hotline_operator',
  'duty_engineer',
  'regional_manager',
  'manager1',
  'manager2',
  'manager3',
];

export interface CaseFacts {
  organisation_id: number;
  state: CaseState;
  assignee_id: number | null;
  owner_id: number | null;
  owner_accepted: boolean;
  merged_into_id: number | null;
  resolved_at: Date | null;
  closed_at: Date | null;
  diagnosed_at: Date | null;
}

export const casesPolicy = {
  canRead: (actor: Actor, c: Pick<CaseFacts, 'organisation_id'>) =>
    actor.kind !== 'contact' || actor.organisationId === c.organisation_id,
  canOpen: (actor: Actor) => actor.kind === 'staff' || actor.kind === 'contact' || actor.kind === 'system',
  /** A faxed request is typed in by the service centre, whoever took the fax off the machine. */
  canRecordFax: (actor: Actor) => actor.kind === 'staff',
  /** Engineers and managers work cases: notes, calls, state changes. */
  canWork: (actor: Actor) => actor.kind === 'staff' || actor.kind === 'system',
  canAssign: (actor: Actor, c: Pick<CaseFacts, 'assignee_id'>) =>
    actor.kind === 'system' ||
    hasRole(actor, ...DISPATCHERS) ||
    (actor.kind === 'staff' && actor.userId !== null && actor.userId === c.assignee_id),
  canSeeInternal: (actor: Actor) => actor.kind !== 'contact',
  /** Saved queue views belong to a staff member; sharing one with everyone is a dispatcher's call. */
  canSaveViews: (actor: Actor) => actor.kind === 'staff' && actor.userId !== null,
  canShareViews: (actor: Actor) => hasRole(actor, ...DISPATCHERS),
  /** Bulk assignment from the queue: the dispatchers (an assignee may still pass on a single case). */
  canDispatch: (actor: Actor) => actor.kind === 'system' || hasRole(actor, ...DISPATCHERS),
  /** The hotline finder searches every customer's contacts and assets: staff only. */
  canLookUpCustomers: (actor: Actor) => actor.kind === 'staff',
};

/** Limits a case query to the cases the actor may see. */
export function scopeCases<O>(
  actor: Actor,
  query: SelectQueryBuilder<Database, 'support_case', O>,
): SelectQueryBuilder<Database, 'support_case', O> {
  return actor.kind === 'contact'
    ? query.where('support_case.organisation_id', '=', actor.organisationId)
    : query;
}

/** The transitions this actor may take now, reopen window included. */
export function allowedTransitions(actor: Actor, c: CaseFacts, now: Date, reopenDays: number) {
  if (c.merged_into_id !== null) return [];
  const by = actor.kind === 'contact' ? 'contact' : 'staff';
  return transitionsFrom(c.state, by).filter(
    (t) => !t.reopen || withinReopenWindow(c.closed_at ?? c.resolved_at, now, reopenDays),
  );
}

/** What the UI may offer on this case. */
export function caseAbilities(actor: Actor, c: CaseFacts, now: Date, reopenDays: number) {
  const work = casesPolicy.canWork(actor);
  const active = c.merged_into_id === null && c.state !== 'cancelled';
  return {
    transitions: allowedTransitions(actor, c, now, reopenDays).map((t) => ({
      to: t.to,
      needsReason: Boolean(t.needsReason),
    })),
    assign: active && STATE_INFO[c.state].open && casesPolicy.canAssign(actor, c),
    accept:
      active &&
      actor.kind === 'staff' &&
      actor.userId === c.assignee_id &&
      !(c.owner_accepted && c.owner_id === actor.userId),
    reply: active && c.state !== 'closed',
    note: active && work,
    logCall: active && work,
    watch: actor.kind === 'staff' && actor.userId !== null,
    link: work,
    merge: active && work,
    manageVendorCases: active && work,
    changePriority: active && work && STATE_INFO[c.state].open,
    diagnose: active && work && STATE_INFO[c.state].open && c.diagnosed_at === null,
  };
}
