/** A signed-in person changes their own password; their other sessions end. */
import type { Kysely } from 'kysely';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { AppError, invalidField } from '../../../../platform/http/app-error.ts';
import { inTransaction, recordEvent } from '../../../../platform/events/domain-events.ts';
import { hashPassword, verifyPassword } from '../secrets.ts';
import { findUserById } from '../user.repository.ts';
import { deleteUserSessions } from '../session-store.ts';

export interface ChangePasswordOptions {
  db: Kysely<Database>;
  ctx: RequestContext;
  currentPassword: string;
  newPassword: string;
  /** The session to keep signed in. */
  sessionId: string | null;
}

export async function changePassword(opts: ChangePasswordOptions): Promise<void> {
  const actor = opts.ctx.actor;
  if (actor.kind === 'system' || !actor.userId)
    throw new AppError('forbidden', 'only people have passwords', { zh: '只有用户账号才有密码' });
  const userId = actor.userId;
  const user = await findUserById(opts.db, userId);
  if (!user) throw new AppError('unauthenticated', 'user no longer exists');
  if (!(await verifyPassword(user.password_hash, opts.currentPassword))) {
    throw invalidField('body.currentPassword', 'the current password is wrong', '当前密码不正确');
  }
  if (opts.newPassword === opts.currentPassword) {
    throw invalidField(
      'body.newPassword',
      'must differ from the current password',
      '新密码不能与当前密码相同',
    );
  }
  const passwordHash = await hashPassword(opts.newPassword);
  await inTransaction(opts.db, opts.ctx, async (uow) => {
    await uow.trx
      .updateTable('app_user')
      .set({
        password_hash: passwordHash,
        must_change_password: false,
        password_changed_at: new Date(),
        updated_at: new Date(),
      })
      .where('id', '=', userId)
      .execute();
    await deleteUserSessions(uow.trx, userId, opts.sessionId);
    await recordEvent(uow, {
      type: 'user.password_changed',
      subjectType: 'user',
      subjectId: userId,
      organisationId: user.organisation_id,
    });
  });
}
