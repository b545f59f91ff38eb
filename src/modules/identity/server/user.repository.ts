/** Reads of users with their roles, branch and organisation; list queries are policy-scoped. */
import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../../../platform/authz/actor.ts';
import type { Database } from '../../../app/database-schema.ts';
import type { StaffRole } from '../identity-roles.ts';
import { scopeUsers } from './identity.policy.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface UserRecord {
  id: number;
  kind: 'staff' | 'contact';
  username: string;
  display_name: string;
  email: string | null;
  phone: string | null;
  password_hash: string | null;
  locale: 'zh-CN' | 'en';
  time_zone: string;
  branch_id: number | null;
  branch_name: string | null;
  contact_id: number | null;
  organisation_id: number | null;
  organisation_name: string | null;
  active: boolean;
  must_change_password: boolean;
  failed_login_count: number;
  locked_until: Date | null;
  created_at: Date;
  roles: StaffRole[];
}

function baseQuery(db: Db) {
  return db
    .selectFrom('app_user')
    .leftJoin('branch', 'branch.id', 'app_user.branch_id')
    .leftJoin('contact', 'contact.id', 'app_user.contact_id')
    .leftJoin('organisation', 'organisation.id', 'contact.organisation_id')
    .select([
      'app_user.id',
      'app_user.kind',
      'app_user.username',
      'app_user.display_name',
      'app_user.email',
      'app_user.phone',
      'app_user.password_hash',
      'app_user.locale',
      'app_user.time_zone',
      'app_user.branch_id',
      'branch.name as branch_name',
      'app_user.contact_id',
      'contact.organisation_id',
      'organisation.name as organisation_name',
      'app_user.active',
      'app_user.must_change_password',
      'app_user.failed_login_count',
      'app_user.locked_until',
      'app_user.created_at',
    ]);
}

async function withRoles<T extends { id: number }>(
  db: Db,
  rows: T[],
): Promise<Array<T & { roles: StaffRole[] }>> {
  if (rows.length === 0) return [];
  const roles = await db
    .selectFrom('user_role')
    .select(['user_id', 'role'])
    .where(
      'user_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('role')
    .execute();
  return rows.map((r) => ({
    ...r,
    roles: roles.filter((x) => x.user_id === r.id).map((x) => x.role as StaffRole),
  }));
}

export async function findUserById(db: Db, id: number): Promise<UserRecord | undefined> {
  const row = await baseQuery(db).where('app_user.id', '=', id).executeTakeFirst();
  return row ? (await withRoles(db, [row]))[0] : undefined;
}

export async function findUserByUsername(db: Db, username: string): Promise<UserRecord | undefined> {
  const row = await baseQuery(db)
    .where((eb) => eb(eb.fn('lower', ['app_user.username']), '=', username.toLowerCase()))
    .executeTakeFirst();
  return row ? (await withRoles(db, [row]))[0] : undefined;
}

export interface UserListFilter {
  kind?: 'staff' | 'contact' | undefined;
  role?: StaffRole | undefined;
  q?: string | undefined;
  branchId?: number | undefined;
  organisationId?: number | undefined;
  active?: 'true' | 'false' | undefined;
  limit: number;
  after?: number | undefined;
}

/** A keyset page of users the actor may see, ordered by id. */
export async function listUsers(db: Db, actor: Actor, filter: UserListFilter): Promise<UserRecord[]> {
  let query = scopeUsers(actor, baseQuery(db));
  if (filter.kind) query = query.where('app_user.kind', '=', filter.kind);
  if (filter.role) {
    const role = filter.role;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('user_role')
          .select('user_role.user_id')
          .whereRef('user_role.user_id', '=', 'app_user.id')
          .where('user_role.role', '=', role),
      ),
    );
  }
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([
        eb('app_user.username', 'ilike', pattern),
        eb('app_user.display_name', 'ilike', pattern),
        eb('app_user.email', 'ilike', pattern),
      ]),
    );
  }
  if (filter.branchId) query = query.where('app_user.branch_id', '=', filter.branchId);
  if (filter.organisationId) {
    const organisationId = filter.organisationId;
    query = query.where('app_user.contact_id', 'in', (eb) =>
      eb.selectFrom('contact').select('contact.id').where('contact.organisation_id', '=', organisationId),
    );
  }
  if (filter.active) query = query.where('app_user.active', '=', filter.active === 'true');
  if (filter.after) query = query.where('app_user.id', '>', filter.after);
  const rows = await query.orderBy('app_user.id').limit(filter.limit).execute();
  return withRoles(db, rows);
}

/** Replaces a user's roles. */
export async function setRoles(db: Db, userId: number, roles: readonly string[]): Promise<void> {
  await db.deleteFrom('user_role').where('user_id', '=', userId).execute();
  if (roles.length > 0) {
    await db
      .insertInto('user_role')
      .values([...new Set(roles)].map((role) => ({ user_id: userId, role })))
      .execute();
  }
}
