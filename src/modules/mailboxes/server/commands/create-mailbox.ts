/**
 * An administrator adds a mailbox for TACdesk to poll. The password is sealed before it is
 * stored; the first poll is due at once.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { AppError } from '../../../../platform/http/app-error.ts';
import { inTransaction, recordEvent } from '../../../../platform/events/domain-events.ts';
import { sealSecret } from '../../../../platform/crypto/secret-box.ts';
import { DEFAULT_PORTS, type CreateMailboxInput } from '../../mailboxes.api.ts';
import { mailboxesPolicy } from '../mailboxes.policy.ts';
import { auditView, checkMailboxName, type MailboxRow } from '../mailboxes.repository.ts';

export async function createMailbox(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  input: CreateMailboxInput;
  now: Date;
}): Promise<MailboxRow> {
  const { db, ctx, input, now } = opts;
  if (!mailboxesPolicy.canManageMailboxes(ctx.actor)) throw new AppError('forbidden', 'administrators only');
  await checkMailboxName(db, input.name);
  const passwordSealed = sealSecret(input.password);
  return inTransaction(db, ctx, async (uow) => {
    const row = await uow.trx
      .insertInto('mailbox')
      .values({
        name: input.name,
        host: input.host,
        port: input.port ?? DEFAULT_PORTS[input.security],
        security: input.security,
        username: input.username,
        password_sealed: passwordSealed,
        folder: input.folder,
        after_processing: input.afterProcessing,
        move_to_folder: input.afterProcessing === 'move' ? (input.moveToFolder ?? null) : null,
        active: input.active,
        poll_interval_seconds: input.pollIntervalSeconds,
        next_poll_at: now,
        created_by: ctx.actor.kind === 'staff' ? ctx.actor.userId : null,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(uow, {
      type: 'mailbox.created',
      subjectType: 'mailbox',
      subjectId: row.id,
      after: auditView(row),
    });
    return row;
  });
}
