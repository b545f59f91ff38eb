/**
 * Who is offered the alert queue: the roles the server's policy lets read and handle received
 * alerts (ALERT_QUEUE_ROLES, one list for both sides). Alert sources stay an administrators' screen.
 * The server checks again on every request.
 */
import type { StaffRole } from '../../identity/identity-roles.ts';
import { ALERT_QUEUE_ROLES } from '../alert-rules.ts';

export const mayWorkAlerts = (roles: readonly StaffRole[]) =>
  roles.some((r) => ALERT_QUEUE_ROLES.includes(r));
