/**
 * An administrator changes a mailbox. A new password is sealed; a password left out stays. A
 * change of where or how to connect makes the next poll due at once and forgets the old error.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { AppError, invalidField } from '../../../../platform/http/app-error.ts';
import { inTransaction, recordEvent } from '../../../../platform/events/domain-events.ts';
import { sealSecret } from '../../../../platform/crypto/secret-box.ts';
import { DEFAULT_PORTS, type UpdateMailboxInput } from '../../mailboxes.api.ts';
import { mailboxesPolicy } from '../mailboxes.policy.ts';
import { auditView, checkMailboxName, loadMailbox, type MailboxRow } from '../mailboxes.repository.ts';

const CONNECTION_FIELDS = ['host', 'port', 'security', 'username', 'password', 'folder', 'active'] as const;

export async function updateMailbox(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  mailboxId: number;
  input: UpdateMailboxInput;
  now: Date;
}): Promise<MailboxRow> {
  const { db, ctx, input, now } = opts;
  if (!mailboxesPolicy.canManageMailboxes(ctx.actor)) throw new AppError('forbidden', 'administrators only');
  const stored = await loadMailbox(db, opts.mailboxId);
  if (input.name !== undefined) await checkMailboxName(db, input.name, stored.id);
  const afterProcessing = input.afterProcessing ?? stored.after_processing;
  const moveTo = input.moveToFolder === undefined ? stored.move_to_folder : input.moveToFolder;
  if (afterProcessing === 'move' && !moveTo)
    throw invalidField(
      'body.moveToFolder',
      'the folder to move processed messages to (created if missing)',
      '请填写处理后要移入的文件夹（不存在时自动创建）',
    );
  const passwordSealed = input.password === undefined ? undefined : sealSecret(input.password);
  // A new security mode without a port takes that mode's usual port.
  const port = input.port ?? (input.security ? DEFAULT_PORTS[input.security] : undefined);
  const reconnect = CONNECTION_FIELDS.some((f) => input[f] !== undefined);
  return inTransaction(db, ctx, async (uow) => {
    const before = await loadMailbox(uow.trx, stored.id, { forUpdate: true });
    const after = await uow.trx
      .updateTable('mailbox')
      .set({
        ...(input.name !== undefined && { name: input.name }),
        ...(input.host !== undefined && { host: input.host }),
        ...(port !== undefined && { port }),
        ...(input.security !== undefined && { security: input.security }),
        ...(input.username !== undefined && { username: input.username }),
        ...(passwordSealed !== undefined && { password_sealed: passwordSealed }),
        ...(input.folder !== undefined && { folder: input.folder }),
        after_processing: afterProcessing,
        move_to_folder: afterProcessing === 'move' ? moveTo : null,
        ...(input.active !== undefined && { active: input.active }),
        ...(input.pollIntervalSeconds !== undefined && { poll_interval_seconds: input.pollIntervalSeconds }),
        ...(reconnect && { next_poll_at: now, failures: 0 }),
        updated_at: now,
      })
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(uow, {
      type: 'mailbox.updated',
      subjectType: 'mailbox',
      subjectId: after.id,
      before: auditView(before),
      after: { ...auditView(after), ...(passwordSealed !== undefined && { password: 'changed' }) },
    });
    return after;
  });
}
