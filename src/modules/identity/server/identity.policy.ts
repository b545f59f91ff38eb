/**
 * Who may do what with users, sessions and API tokens. One half checks a single record, the
 * other scopes list queries; `abilitiesOf` tells the UI what to offer.
 */
import type { SelectQueryBuilder } from 'kysely';
import { hasRole, type Actor } from '../../../platform/authz/actor.ts';
import type { Database } from '../../../app/database-schema.ts';
import type { Me } from '../identity.api.ts';

export const identityPolicy = {
  /** Creating staff, changing roles, resetting passwords, tokens: administrators only. */
  canManageUsers: (actor: Actor) => actor.kind === 'system' || hasRole(actor, 'admin'),
  /** Staff see the staff directory (to assign work); contacts get a list holding only themselves. */
  canListUsers: (actor: Actor) =>
    actor.kind === 'system' || actor.kind === 'staff' || actor.kind === 'contact',
  canReadUser: (actor: Actor, user: { id: number; kind: string }) =>
    actor.kind === 'system' ||
    actor.kind === 'staff' ||
    (actor.kind === 'contact' && actor.userId === user.id),
  canManageTokens: (actor: Actor) => actor.kind === 'system' || hasRole(actor, 'admin'),
  /** Portal accounts for customer contacts: administrators and the hotline (CaseAdmin). */
  canManageContactLogins: (actor: Actor) =>
    actor.kind === 'system' || hasRole(actor, 'admin', 'hotline_operator'),
};

/** Limits a user query to what the actor may list (contacts: their own account). */
export function scopeUsers<O>(
  actor: Actor,
  query: SelectQueryBuilder<Database, 'app_user', O>,
): SelectQueryBuilder<Database, 'app_user', O> {
  if (actor.kind === 'contact') return query.where('app_user.id', '=', actor.userId ?? -1);
  return query;
}

/** The UI's view of what this actor may do (the server checks again on every request). */
export function abilitiesOf(actor: Actor): Me['abilities'] {
  const staff = actor.kind === 'staff';
  const admin = hasRole(actor, 'admin');
  return {
    administer: admin,
    readAudit: admin,
    manageOrganisations: admin || hasRole(actor, 'hotline_operator'),
    useConsole: staff,
    usePortal: actor.kind === 'contact',
  };
}
