/**
 * Who may work with received mail. The quarantine holds mail of senders nobody has vouched for,
 * from any customer or none: the people who take intake (hotline operators, duty engineers) and
 * administrators read and settle it; customers never see it. Feeding mail in through the
 * mail-gate takes an administrator's or a hotline operator's API token (an MTA's pipe).
 */
import { hasRole, type Actor } from '../../../platform/authz/actor.ts';

const INTAKE_ROLES = ['admin', 'hotline_operator', 'duty_engineer'];

export const mailIntakePolicy = {
  canReadMail: (actor: Actor) => actor.kind === 'system' || hasRole(actor, ...INTAKE_ROLES),
  /** Accept a quarantined mail as a case or a reply, or reject it. */
  canSettleMail: (actor: Actor) => actor.kind === 'system' || hasRole(actor, ...INTAKE_ROLES),
  canIngest: (actor: Actor) => actor.kind === 'system' || hasRole(actor, 'admin', 'hotline_operator'),
};
