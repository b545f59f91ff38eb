/**
 * Who is offered the mail quarantine: the roles the server's policy lets read and settle received
 * mail (MAIL_INTAKE_ROLES, one list for both sides). The server checks again on every request.
 */
import type { StaffRole } from '../../identity/identity-roles.ts';
import { MAIL_INTAKE_ROLES } from '../mail-intake-rules.ts';

export const mayWorkMail = (roles: readonly StaffRole[]) => roles.some((r) => MAIL_INTAKE_ROLES.includes(r));
