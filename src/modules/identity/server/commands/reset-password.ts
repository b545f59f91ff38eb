/**
 * An administrator (or the CLI) sets a new password for a user: the user must change it at
 * next sign-in, any lockout is lifted and every session of that user ends.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { AppError, notFound } from '../../../../platform/http/app-error.ts';
import { inTransaction, recordEvent } from '../../../../platform/events/domain-events.ts';
import { hashPassword } from '../secrets.ts';
import { findUserById } from '../user.repository.ts';
import { deleteUserSessions } from '../session-store.ts';
import { identityPolicy } from '../identity.policy.ts';

export interface ResetPasswordOptions {
  db: Kysely<Database>;
  ctx: RequestContext;
  userId: number;
  newPassword: string;
  /** false when the operator sets a password the user keeps (e.g. TACDESK_ADMIN_PASSWORD). */
  mustChange?: boolean;
}

export async function resetPassword(opts: ResetPasswordOptions): Promise<void> {
  if (!identityPolicy.canManageUsers(opts.ctx.actor)) throw new AppError('forbidden', 'administrators only');
  const user = await findUserById(opts.db, opts.userId);
  if (!user) throw notFound('user');
  const passwordHash = await hashPassword(opts.newPassword);
  await inTransaction(opts.db, opts.ctx, async (uow) => {
    await uow.trx
      .updateTable('app_user')
      .set({
        password_hash: passwordHash,
        must_change_password: opts.mustChange ?? true,
        failed_login_count: 0,
        locked_until: null,
        password_changed_at: new Date(),
        updated_at: new Date(),
      })
      .where('id', '=', user.id)
      .execute();
    await deleteUserSessions(uow.trx, user.id);
    await recordEvent(uow, {
      type: 'user.password_reset',
      subjectType: 'user',
      subjectId: user.id,
      organisationId: user.organisation_id,
    });
  });
}
