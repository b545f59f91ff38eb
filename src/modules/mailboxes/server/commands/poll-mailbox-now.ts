/**
 * An administrator has a mailbox polled now instead of at its next due time, and sees what the
 * poll took. Refused while a server process is polling it, or while it is inactive.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { AppError } from '../../../../platform/http/app-error.ts';
import { mailboxesPolicy } from '../mailboxes.policy.ts';
import { loadMailbox } from '../mailboxes.repository.ts';
import type { MailboxPoller } from '../mailbox-poller.ts';
import type { PollReport } from '../mailbox-poll.ts';

export async function pollMailboxNow(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  poller: MailboxPoller;
  mailboxId: number;
}): Promise<PollReport> {
  if (!mailboxesPolicy.canManageMailboxes(opts.ctx.actor))
    throw new AppError('forbidden', 'administrators only');
  const mailbox = await loadMailbox(opts.db, opts.mailboxId);
  if (!mailbox.active)
    throw new AppError('conflict', 'the mailbox is inactive: activate it first', {
      zh: '此邮箱已停用，请先启用',
    });
  const report = await opts.poller.pollNow(mailbox.id);
  if (!report)
    throw new AppError('conflict', 'a server process is polling this mailbox right now', {
      zh: '服务器正在收取此邮箱，请稍后再试',
    });
  return report;
}
