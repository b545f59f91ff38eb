/** Input checks shared by the commands that put a case on someone's desk. */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import { invalidField } from '../../../platform/http/app-error.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** The assignee must be an active staff member. */
export async function checkAssignee(db: Db, userId: number, field = 'body.assigneeId'): Promise<void> {
  const user = await db
    .selectFrom('app_user')
    .select(['kind', 'active'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user || user.kind !== 'staff' || !user.active)
    throw invalidField(field, 'not an active staff member', '不是在用的员工账号');
}

export async function checkGroup(db: Db, groupId: number, field = 'body.groupId'): Promise<void> {
  const group = await db
    .selectFrom('support_group')
    .select('active')
    .where('id', '=', groupId)
    .executeTakeFirst();
  if (!group?.active) throw invalidField(field, 'no such active group', '没有这个在用的小组');
}
