/**
 * Who may manage the mailboxes TACdesk reads: administrators. The settings carry a mail
 * account's credentials and decide which mail becomes cases, so nobody else, customers least of
 * all, sees them.
 */
import { hasRole, type Actor } from '../../../platform/authz/actor.ts';

export const mailboxesPolicy = {
  canManageMailboxes: (actor: Actor) => actor.kind === 'system' || hasRole(actor, 'admin'),
};
