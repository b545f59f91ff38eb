/**
 * Who may manage alert sources and handle received alerts: administrators. A monitoring system
 * itself never signs in; it proves itself with its source's token (alert-source-token.ts).
 * Alerts belong to no customer until matched, so customers never see this list.
 */
import { hasRole, type Actor } from '../../../platform/authz/actor.ts';

export const alertsPolicy = {
  canManageSources: (actor: Actor) => actor.kind === 'system' || hasRole(actor, 'admin'),
  canReadAlerts: (actor: Actor) => actor.kind === 'system' || hasRole(actor, 'admin'),
  /** Name the customer of an unmatched alert (opens its case), or dismiss it. */
  canHandleAlerts: (actor: Actor) => actor.kind === 'system' || hasRole(actor, 'admin'),
};
