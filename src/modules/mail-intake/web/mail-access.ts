/**
 * Who is offered the mail quarantine: the roles mail-intake.policy.ts lets read and settle
 * received mail (intake staff and administrators). The server checks again on every request.
 */
import type { StaffRole } from '../../identity/identity-roles.ts';

const MAIL_INTAKE_ROLES: readonly StaffRole[] = ['admin', 'hotline_operator', 'duty_engineer'];

export const mayWorkMail = (roles: readonly StaffRole[]) => roles.some((r) => MAIL_INTAKE_ROLES.includes(r));
