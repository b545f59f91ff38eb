/** An administrator adds a support group (hotline, second line, a region's field team) with its members. */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../../app/database-schema.ts';
import { hasRole, type RequestContext } from '../../../../platform/authz/actor.ts';
import { AppError, invalidField } from '../../../../platform/http/app-error.ts';
import { inTransaction, recordEvent } from '../../../../platform/events/domain-events.ts';
import type { supportGroupBody } from '../../cases.api.ts';

export async function createSupportGroup(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  input: z.output<typeof supportGroupBody>;
}): Promise<number> {
  const { db, ctx, input } = opts;
  if (ctx.actor.kind !== 'system' && !hasRole(ctx.actor, 'admin'))
    throw new AppError('forbidden', 'administrators only');
  if (await db.selectFrom('support_group').select('id').where('code', '=', input.code).executeTakeFirst()) {
    throw new AppError('conflict', `code ${input.code} is taken`, {
      zh: `编码 ${input.code} 已被使用`,
      fieldErrors: [{ field: 'body.code', message: 'already taken', zh: '编码已被使用' }],
    });
  }
  if (
    input.branchId &&
    !(await db.selectFrom('branch').select('id').where('id', '=', input.branchId).executeTakeFirst())
  ) {
    throw invalidField('body.branchId', 'no such branch', '没有这个分公司');
  }
  const memberIds = [...new Set(input.memberIds)];
  if (memberIds.length) {
    const staff = await db
      .selectFrom('app_user')
      .select('id')
      .where('id', 'in', memberIds)
      .where('kind', '=', 'staff')
      .execute();
    const bad = input.memberIds.findIndex((id) => !staff.some((s) => s.id === id));
    if (bad >= 0) throw invalidField(`body.memberIds.${bad}`, 'not a staff member', '不是员工');
  }
  return inTransaction(db, ctx, async (uow) => {
    const group = await uow.trx
      .insertInto('support_group')
      .values({
        code: input.code,
        name: input.name,
        name_en: input.nameEn ?? null,
        branch_id: input.branchId ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (memberIds.length) {
      await uow.trx
        .insertInto('support_group_member')
        .values(memberIds.map((user_id) => ({ group_id: group.id, user_id })))
        .execute();
    }
    await recordEvent(uow, {
      type: 'support_group.created',
      subjectType: 'support_group',
      subjectId: group.id,
      after: { ...group, memberIds },
    });
    return group.id;
  });
}
