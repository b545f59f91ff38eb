/** Reads of saved queue views: the caller's own and everyone's shared ones. */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import type { Actor } from '../../../platform/authz/actor.ts';
import { AppError, notFound } from '../../../platform/http/app-error.ts';
import { casesPolicy } from './cases.policy.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** The signed-in staff member a saved view belongs to; contacts and user-less tokens are refused. */
export function viewOwnerId(actor: Actor): number {
  if (!casesPolicy.canSaveViews(actor) || actor.kind !== 'staff' || actor.userId === null)
    throw new AppError('forbidden', 'saved views are for signed-in staff', {
      zh: '只有登录的员工可以使用保存的视图',
    });
  return actor.userId;
}

function selectViews(db: Db) {
  return db
    .selectFrom('saved_view')
    .innerJoin('app_user', 'app_user.id', 'saved_view.owner_user_id')
    .selectAll('saved_view')
    .select('app_user.display_name as owner_name');
}

export type SavedViewRow = Awaited<ReturnType<ReturnType<typeof selectViews>['executeTakeFirstOrThrow']>>;

/** The caller's views first (by name), then colleagues' shared ones. */
export async function listSavedViews(db: Db, userId: number): Promise<SavedViewRow[]> {
  const rows = await selectViews(db)
    .where((eb) => eb.or([eb('saved_view.owner_user_id', '=', userId), eb('saved_view.shared', '=', true)]))
    .execute();
  return rows.sort(
    (a, b) =>
      Number(b.owner_user_id === userId) - Number(a.owner_user_id === userId) ||
      a.name.localeCompare(b.name, 'zh-CN') ||
      a.id - b.id,
  );
}

/** One view the caller may see: their own or a shared one; anything else does not exist for them. */
export async function loadVisibleView(
  db: Db,
  userId: number,
  id: number,
  opts: { forUpdate?: boolean } = {},
): Promise<SavedViewRow> {
  let query = selectViews(db).where('saved_view.id', '=', id);
  if (opts.forUpdate) query = query.forUpdate('saved_view');
  const row = await query.executeTakeFirst();
  if (!row || (row.owner_user_id !== userId && !row.shared)) throw notFound('saved view');
  return row;
}

/** Names are unique per owner, whatever their case. */
export async function checkViewNameFree(db: Db, userId: number, name: string, exceptId?: number) {
  let query = db
    .selectFrom('saved_view')
    .select('id')
    .where('owner_user_id', '=', userId)
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()));
  if (exceptId !== undefined) query = query.where('id', '<>', exceptId);
  if (await query.executeTakeFirst()) {
    throw new AppError('conflict', `you already have a view named "${name}"`, {
      zh: `您已有名为“${name}”的视图`,
      fieldErrors: [{ field: 'body.name', message: 'already taken', zh: '您已有同名视图' }],
    });
  }
}
