/**
 * Which live events a caller hears. Staff hear every case event; a customer contact hears only
 * its own organisation's cases, and only the events that show on its public timeline — never
 * notes, escalations or assignments. An event carries no content: the client refetches what
 * it is allowed to read.
 */
import type { Actor } from '../../../platform/authz/actor.ts';
import type { LiveEvent } from '../../../platform/events/live-hub.ts';

const STAFF_SUBJECTS = new Set(['case', 'vendor_case']);

const CUSTOMER_EVENTS = new Set([
  'case.opened',
  'case.replied',
  'case.state_changed',
  'case.resolved',
  'case.closed',
  'case.cancelled',
  'case.reopened',
  'case.merged',
  'case.priority_changed',
]);

export function canHear(actor: Actor, event: LiveEvent): boolean {
  if (actor.kind === 'staff') return STAFF_SUBJECTS.has(event.subjectType);
  if (actor.kind !== 'contact' || event.organisationId !== actor.organisationId) return false;
  if (CUSTOMER_EVENTS.has(event.type)) return true;
  // Files shown on the public timeline.
  return (
    event.type === 'case.attachments_added' &&
    (event.data as { visibility?: string } | null)?.visibility === 'public'
  );
}
