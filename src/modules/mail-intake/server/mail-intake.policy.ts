/**
 * Who may work with received mail. The quarantine holds mail of senders nobody has vouched for,
 * from any customer or none: the people who take intake and administrators (MAIL_INTAKE_ROLES)
 * read and settle it; customers never see it. Feeding mail in through the mail-gate takes an
 * administrator's or a hotline operator's API token (an MTA's pipe; MAIL_GATE_ROLES).
 */
import { hasRole, type Actor } from '../../../platform/authz/actor.ts';
import { MAIL_GATE_ROLES, MAIL_INTAKE_ROLES } from '../mail-intake-rules.ts';

const worksMail = (actor: Actor) => actor.kind === 'system' || hasRole(actor, ...MAIL_INTAKE_ROLES);

export const mailIntakePolicy = {
  canReadMail: worksMail,
  /** Accept a quarantined mail as a case or a reply, or reject it. */
  canSettleMail: worksMail,
  canIngest: (actor: Actor) => actor.kind === 'system' || hasRole(actor, ...MAIL_GATE_ROLES),
};
