/** An administrator (or the CLI / demo seed) adds a staff user with one or more roles. */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { AppError, invalidField } from '../../../../platform/http/app-error.ts';
import { inTransaction, recordEvent } from '../../../../platform/events/domain-events.ts';
import type { createStaffUserBody } from '../../identity.api.ts';
import { hashPassword } from '../secrets.ts';
import { findUserById, findUserByUsername, setRoles, type UserRecord } from '../user.repository.ts';
import { identityPolicy } from '../identity.policy.ts';
import { auditUser } from '../identity.presenter.ts';

export interface CreateStaffUserOptions {
  db: Kysely<Database>;
  ctx: RequestContext;
  input: z.output<typeof createStaffUserBody>;
  mustChangePassword?: boolean;
}

export async function createStaffUser(opts: CreateStaffUserOptions): Promise<UserRecord> {
  if (!identityPolicy.canManageUsers(opts.ctx.actor)) throw new AppError('forbidden', 'administrators only');
  const { input } = opts;
  if (await findUserByUsername(opts.db, input.username)) {
    throw new AppError('conflict', `username ${input.username} is taken`, {
      zh: `用户名 ${input.username} 已被使用`,
      fieldErrors: [{ field: 'body.username', message: 'already taken', zh: '用户名已被使用' }],
    });
  }
  if (input.branchId) {
    const branch = await opts.db
      .selectFrom('branch')
      .select('id')
      .where('id', '=', input.branchId)
      .executeTakeFirst();
    if (!branch) throw invalidField('body.branchId', 'no such branch', '没有这个分公司');
  }
  const passwordHash = await hashPassword(input.password);
  return inTransaction(opts.db, opts.ctx, async (uow) => {
    const { id } = await uow.trx
      .insertInto('app_user')
      .values({
        kind: 'staff',
        username: input.username,
        display_name: input.displayName,
        email: input.email ?? null,
        phone: input.phone ?? null,
        password_hash: passwordHash,
        locale: input.locale,
        branch_id: input.branchId ?? null,
        must_change_password: opts.mustChangePassword ?? true,
        password_changed_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await setRoles(uow.trx, id, input.roles);
    const user = (await findUserById(uow.trx, id))!;
    await recordEvent(uow, {
      type: 'user.created',
      subjectType: 'user',
      subjectId: id,
      after: auditUser(user),
    });
    return user;
  });
}
