/** Shapes users, the current user and API tokens for the HTTP contracts. */
import type { Actor } from '../../../platform/authz/actor.ts';
import type { Me, User } from '../identity.api.ts';
import { abilitiesOf } from './identity.policy.ts';
import type { UserRecord } from './user.repository.ts';

export function presentMe(user: UserRecord, actor: Actor): Me {
  return {
    id: user.id,
    kind: user.kind,
    username: user.username,
    displayName: user.display_name,
    email: user.email,
    locale: user.locale,
    timeZone: user.time_zone,
    roles: user.roles,
    branch: user.branch_id ? { id: user.branch_id, name: user.branch_name ?? '' } : null,
    organisation: user.organisation_id
      ? { id: user.organisation_id, name: user.organisation_name ?? '' }
      : null,
    mustChangePassword: user.must_change_password,
    abilities: abilitiesOf(actor),
  };
}

/** Never includes the password hash. */
export function presentUser(user: UserRecord): User {
  return {
    id: user.id,
    kind: user.kind,
    username: user.username,
    displayName: user.display_name,
    email: user.email,
    phone: user.phone,
    roles: user.roles,
    branchId: user.branch_id,
    contactId: user.contact_id,
    organisationId: user.organisation_id,
    active: user.active,
    lockedUntil: user.locked_until && user.locked_until > new Date() ? user.locked_until.toISOString() : null,
    createdAt: user.created_at.toISOString(),
  };
}

/** The audit trail's view of a user: what changed, never secrets. */
export function auditUser(user: UserRecord) {
  return { ...presentUser(user), locale: user.locale };
}
