/** Who receives a message: the people of a case, of a role, of a branch; in their language. */
import type { Transaction } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';

export interface Recipient {
  email: string | null;
  userId: number | null;
  locale: 'zh-CN' | 'en';
}

export type Trx = Transaction<Database>;

export async function staffByIds(trx: Trx, ids: number[]): Promise<Recipient[]> {
  if (ids.length === 0) return [];
  const rows = await trx
    .selectFrom('app_user')
    .select(['id', 'email', 'locale'])
    .where('id', 'in', ids)
    .where('active', '=', true)
    .execute();
  return rows.map((r) => ({ email: r.email, userId: r.id, locale: r.locale }));
}

export async function staffByRoles(trx: Trx, roles: string[]): Promise<Recipient[]> {
  const rows = await trx
    .selectFrom('app_user')
    .innerJoin('user_role', 'user_role.user_id', 'app_user.id')
    .select(['app_user.id', 'app_user.email', 'app_user.locale'])
    .where('user_role.role', 'in', roles)
    .where('app_user.active', '=', true)
    .distinct()
    .execute();
  return rows.map((r) => ({ email: r.email, userId: r.id, locale: r.locale }));
}

/** The case's contact, in the language of its portal account if it has one. */
export async function contactOf(trx: Trx, contactId: number | null): Promise<Recipient[]> {
  if (!contactId) return [];
  const row = await trx
    .selectFrom('contact')
    .leftJoin('app_user', 'app_user.contact_id', 'contact.id')
    .select(['contact.email', 'app_user.id as user_id', 'app_user.locale'])
    .where('contact.id', '=', contactId)
    .executeTakeFirst();
  return row ? [{ email: row.email, userId: row.user_id, locale: row.locale ?? 'zh-CN' }] : [];
}

/** Staff of the roles in the branch; everyone of the roles when the branch has none. */
export async function staffByRolesInBranch(
  trx: Trx,
  roles: string[],
  branchId: number | null,
): Promise<Recipient[]> {
  if (branchId !== null) {
    const rows = await trx
      .selectFrom('app_user')
      .innerJoin('user_role', 'user_role.user_id', 'app_user.id')
      .select(['app_user.id', 'app_user.email', 'app_user.locale'])
      .where('user_role.role', 'in', roles)
      .where('app_user.branch_id', '=', branchId)
      .where('app_user.active', '=', true)
      .distinct()
      .execute();
    if (rows.length) return rows.map((r) => ({ email: r.email, userId: r.id, locale: r.locale }));
  }
  return staffByRoles(trx, roles);
}

/** Beijing wall-clock time for mail bodies. */
export const beijingTime = (iso: string) =>
  new Date(iso).toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 16);
