/**
 * Who may do what with notifications. The outbox, the channels and the message templates are the
 * installation's: administrators only. Preferences are a person's own: the signed-in account's,
 * and there is no way to name another (no list scope is needed; nothing lists them).
 */
import { AppError } from '../../../platform/http/app-error.ts';
import { hasRole, type Actor } from '../../../platform/authz/actor.ts';

export const notificationsPolicy = {
  canAdminister: (actor: Actor) => hasRole(actor, 'admin'),

  /** Throws unless an administrator calls. */
  requireAdmin(actor: Actor): void {
    if (!notificationsPolicy.canAdminister(actor)) throw new AppError('forbidden', 'administrators only');
  },

  /** The account whose preferences the caller reads and sets: always their own. */
  preferencesOwner(actor: Actor): number {
    // API tokens act for an integration, not a person: they have no inbox to tune.
    if (actor.kind === 'system' || actor.userId === null || actor.tokenId !== null)
      throw new AppError('forbidden', 'notification preferences belong to a signed-in person');
    return actor.userId;
  },
};
