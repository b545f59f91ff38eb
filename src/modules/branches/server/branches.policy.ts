/** Branches are internal structure: every staff member reads them, administrators maintain them. */
import { hasRole, type Actor } from '../../../platform/authz/actor.ts';

export const branchesPolicy = {
  canRead: (actor: Actor) => actor.kind === 'system' || actor.kind === 'staff',
  canWrite: (actor: Actor) => actor.kind === 'system' || hasRole(actor, 'admin'),
};
