/**
 * Who may manage alert sources and work received alerts. Sources (and their tokens) are the
 * administrators'; the alert queue is intake work, so the hotline operators and duty engineers who
 * watch it read the alerts, name the customer of an unmatched one (opening its case) and dismiss
 * the ones that need none (ALERT_QUEUE_ROLES, shared with the console's menu). A monitoring system
 * itself never signs in; it proves itself with its source's token (alert-source-token.ts). Alerts
 * belong to no customer until matched, so customers never see this list.
 */
import { hasRole, type Actor } from '../../../platform/authz/actor.ts';
import { ALERT_QUEUE_ROLES } from '../alert-rules.ts';

const worksQueue = (actor: Actor) => actor.kind === 'system' || hasRole(actor, ...ALERT_QUEUE_ROLES);

export const alertsPolicy = {
  canManageSources: (actor: Actor) => actor.kind === 'system' || hasRole(actor, 'admin'),
  canReadAlerts: worksQueue,
  /** Name the customer of an unmatched alert (opens its case), or dismiss it. */
  canHandleAlerts: worksQueue,
};
