/**
 * First start: when no administrator exists, creates `admin` with TACDESK_ADMIN_PASSWORD or a
 * generated one-time password that the caller prints once (the user must change it).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../../app/database-schema.ts';
import { SYSTEM_CONTEXT } from '../../../../platform/authz/actor.ts';
import { AppError } from '../../../../platform/http/app-error.ts';
import { generatePassword } from '../secrets.ts';
import { createStaffUser } from './create-staff-user.ts';

export interface EnsureAdminResult {
  created: boolean;
  username: string;
  /** Set only when generated here: show it once, it is stored nowhere in clear. */
  oneTimePassword: string | null;
}

export async function ensureAdminUser(opts: {
  db: Kysely<Database>;
  presetPassword?: string | undefined;
}): Promise<EnsureAdminResult> {
  const existing = await opts.db
    .selectFrom('user_role')
    .select('user_id')
    .where('role', '=', 'admin')
    .limit(1)
    .executeTakeFirst();
  if (existing) return { created: false, username: 'admin', oneTimePassword: null };
  const oneTimePassword = opts.presetPassword ? null : generatePassword();
  try {
    await createStaffUser({
      db: opts.db,
      ctx: SYSTEM_CONTEXT,
      input: {
        username: 'admin',
        displayName: '系统管理员',
        roles: ['admin'],
        locale: 'zh-CN',
        password: opts.presetPassword ?? oneTimePassword!,
      },
      mustChangePassword: oneTimePassword !== null,
    });
  } catch (error) {
    // Another node created it first: seen by the check (conflict), or, when both passed the check
    // at once (two processes on a new database), by the unique index (23505).
    const pgCode = (error as { code?: unknown }).code;
    if ((error instanceof AppError && error.code === 'conflict') || pgCode === '23505')
      return { created: false, username: 'admin', oneTimePassword: null };
    throw error;
  }
  return { created: true, username: 'admin', oneTimePassword };
}
