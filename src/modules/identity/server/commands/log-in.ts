/**
 * Signs a person in with username and password. Failed attempts count per account; past the
 * limit the account locks for a while. Password checks run outside any transaction.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { AppError } from '../../../../platform/http/app-error.ts';
import { inTransaction, recordEvent } from '../../../../platform/events/domain-events.ts';
import { burnPasswordCheck, verifyPassword } from '../secrets.ts';
import { findUserByUsername, type UserRecord } from '../user.repository.ts';
import { createSession, type NewSession } from '../session-store.ts';
import { actorForUser } from '../user-actor.ts';

export interface LogInOptions {
  db: Kysely<Database>;
  ctx: RequestContext;
  username: string;
  password: string;
  userAgent: string | null;
  policy: { maxFailures: number; lockMinutes: number; sessionHours: number };
}

export async function logIn(opts: LogInOptions): Promise<{ user: UserRecord; session: NewSession }> {
  const { db, policy } = opts;
  const user = await findUserByUsername(db, opts.username);
  if (!user || !user.active || !user.password_hash) {
    await burnPasswordCheck(opts.password);
    throw new AppError('invalid_credentials', 'wrong username or password');
  }
  if (user.locked_until && user.locked_until > new Date()) {
    throw new AppError('account_locked', `locked until ${user.locked_until.toISOString()}`, {
      headers: { 'retry-after': String(Math.ceil((user.locked_until.getTime() - Date.now()) / 1000)) },
    });
  }
  const ctx: RequestContext = { ...opts.ctx, actor: actorForUser(user) };

  if (!(await verifyPassword(user.password_hash, opts.password))) {
    const locked = await inTransaction(db, ctx, async (uow) => {
      const row = await uow.trx
        .updateTable('app_user')
        .set((eb) => ({ failed_login_count: eb('failed_login_count', '+', 1) }))
        .where('id', '=', user.id)
        .returning('failed_login_count')
        .executeTakeFirstOrThrow();
      const lock = row.failed_login_count >= policy.maxFailures;
      const lockedUntil = new Date(Date.now() + policy.lockMinutes * 60_000);
      if (lock) {
        await uow.trx
          .updateTable('app_user')
          .set({ failed_login_count: 0, locked_until: lockedUntil })
          .where('id', '=', user.id)
          .execute();
      }
      await recordEvent(uow, {
        type: lock ? 'user.locked' : 'user.login_failed',
        subjectType: 'user',
        subjectId: user.id,
        organisationId: user.organisation_id,
        data: { failedAttempts: row.failed_login_count, ...(lock ? { lockedUntil } : {}) },
      });
      return lock ? lockedUntil : null;
    });
    if (locked) {
      throw new AppError('account_locked', `too many failed attempts; locked until ${locked.toISOString()}`, {
        headers: { 'retry-after': String(policy.lockMinutes * 60) },
      });
    }
    throw new AppError('invalid_credentials', 'wrong username or password');
  }

  const session = await inTransaction(db, ctx, async (uow) => {
    await uow.trx
      .updateTable('app_user')
      .set({ failed_login_count: 0, locked_until: null, last_login_at: new Date() })
      .where('id', '=', user.id)
      .execute();
    const created = await createSession(uow.trx, user.id, {
      ip: ctx.ip,
      userAgent: opts.userAgent,
      hours: policy.sessionHours,
    });
    await recordEvent(uow, {
      type: 'user.logged_in',
      subjectType: 'user',
      subjectId: user.id,
      organisationId: user.organisation_id,
    });
    return created;
  });
  return { user, session };
}
