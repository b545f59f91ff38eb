/**
 * Calendars are internal configuration: every staff member reads them (service levels and due
 * times are shown everywhere), administrators maintain them; customer contacts are refused.
 */
import { hasRole, type Actor } from '../../../platform/authz/actor.ts';
import { AppError } from '../../../platform/http/app-error.ts';

export const calendarsPolicy = {
  canRead: (actor: Actor) => actor.kind === 'system' || actor.kind === 'staff',
  canWrite: (actor: Actor) => actor.kind === 'system' || hasRole(actor, 'admin'),
};

/** Throws 403 unless the actor may read calendars. */
export function assertCanReadCalendars(actor: Actor): void {
  if (!calendarsPolicy.canRead(actor)) throw new AppError('forbidden', 'staff only');
}

/** Throws 403 unless the actor may change calendars. */
export function assertCanWriteCalendars(actor: Actor): void {
  if (!calendarsPolicy.canWrite(actor)) throw new AppError('forbidden', 'administrators only');
}

/** What the UI may offer on a calendar. */
export function calendarAbilities(actor: Actor) {
  return { update: calendarsPolicy.canWrite(actor) };
}
