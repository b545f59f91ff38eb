/**
 * Removes a mailbox: TACdesk stops reading it. The mail it delivered stays (inbound mail keeps
 * the mailbox's id only as a note of where it came from); a poll under way finishes its message.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { AppError } from '../../../../platform/http/app-error.ts';
import { inTransaction, recordEvent } from '../../../../platform/events/domain-events.ts';
import { mailboxesPolicy } from '../mailboxes.policy.ts';
import { auditView, loadMailbox } from '../mailboxes.repository.ts';

export async function deleteMailbox(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  mailboxId: number;
}): Promise<void> {
  const { db, ctx } = opts;
  if (!mailboxesPolicy.canManageMailboxes(ctx.actor)) throw new AppError('forbidden', 'administrators only');
  await inTransaction(db, ctx, async (uow) => {
    const row = await loadMailbox(uow.trx, opts.mailboxId, { forUpdate: true });
    await uow.trx.deleteFrom('mailbox').where('id', '=', row.id).execute();
    await recordEvent(uow, {
      type: 'mailbox.deleted',
      subjectType: 'mailbox',
      subjectId: row.id,
      before: auditView(row),
    });
  });
}
