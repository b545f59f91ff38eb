/**
 * An administrator changes a user's profile, roles, branch or active flag. Deactivating ends
 * the user's sessions. The last active administrator cannot be demoted or deactivated.
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { AppError, invalidField, notFound } from '../../../../platform/http/app-error.ts';
import { inTransaction, recordEvent } from '../../../../platform/events/domain-events.ts';
import type { updateUserBody } from '../../identity.api.ts';
import { findUserById, setRoles, type UserRecord } from '../user.repository.ts';
import { identityPolicy } from '../identity.policy.ts';
import { auditUser } from '../identity.presenter.ts';
import { deleteUserSessions } from '../session-store.ts';

export interface UpdateUserOptions {
  db: Kysely<Database>;
  ctx: RequestContext;
  userId: number;
  input: z.output<typeof updateUserBody>;
}

export async function updateUser(opts: UpdateUserOptions): Promise<UserRecord> {
  if (!identityPolicy.canManageUsers(opts.ctx.actor)) throw new AppError('forbidden', 'administrators only');
  const { input } = opts;
  return inTransaction(opts.db, opts.ctx, async (uow) => {
    const before = await findUserById(uow.trx, opts.userId);
    if (!before) throw notFound('user');
    if (before.kind === 'contact' && input.roles)
      throw invalidField('body.roles', 'customer contacts have no staff roles', '客户联系人不能有员工角色');
    if (input.branchId) {
      const branch = await uow.trx
        .selectFrom('branch')
        .select('id')
        .where('id', '=', input.branchId)
        .executeTakeFirst();
      if (!branch) throw invalidField('body.branchId', 'no such branch', '没有这个分公司');
    }
    const losesAdmin =
      before.roles.includes('admin') &&
      before.active &&
      ((input.roles && !input.roles.includes('admin')) || input.active === false);
    if (losesAdmin) {
      const { count } = await uow.trx
        .selectFrom('user_role')
        .innerJoin('app_user', 'app_user.id', 'user_role.user_id')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('user_role.role', '=', 'admin')
        .where('app_user.active', '=', true)
        .executeTakeFirstOrThrow();
      if (Number(count) <= 1)
        throw new AppError('conflict', 'the last active administrator must stay one', {
          zh: '这是最后一位在用的管理员，不能停用或取消其管理员角色',
        });
    }
    await uow.trx
      .updateTable('app_user')
      .set({
        ...(input.displayName !== undefined && { display_name: input.displayName }),
        ...(input.email !== undefined && { email: input.email }),
        ...(input.phone !== undefined && { phone: input.phone }),
        ...(input.branchId !== undefined && { branch_id: input.branchId }),
        ...(input.active !== undefined && { active: input.active }),
        updated_at: new Date(),
      })
      .where('id', '=', before.id)
      .execute();
    if (input.roles) await setRoles(uow.trx, before.id, input.roles);
    if (input.active === false) await deleteUserSessions(uow.trx, before.id);
    const after = (await findUserById(uow.trx, before.id))!;
    await recordEvent(uow, {
      type: 'user.updated',
      subjectType: 'user',
      subjectId: before.id,
      organisationId: before.organisation_id,
      before: auditUser(before),
      after: auditUser(after),
    });
    return after;
  });
}
