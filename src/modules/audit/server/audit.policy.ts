/** The audit trail is read by administrators only; nobody writes it except the domain events. */
import { hasRole, type Actor } from '../../../platform/authz/actor.ts';

export const auditPolicy = { canRead: (actor: Actor) => actor.kind === 'system' || hasRole(actor, 'admin') };
