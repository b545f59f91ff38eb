/** A signed-in person changes their own language, time zone or display name. */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { AppError, invalidField } from '../../../../platform/http/app-error.ts';
import { inTransaction, recordEvent } from '../../../../platform/events/domain-events.ts';
import type { updateMeBody } from '../../identity.api.ts';
import { findUserById, type UserRecord } from '../user.repository.ts';

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export async function updateMe(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  input: z.output<typeof updateMeBody>;
}): Promise<UserRecord> {
  const actor = opts.ctx.actor;
  if (actor.kind === 'system' || !actor.userId)
    throw new AppError('forbidden', 'API tokens have no profile', { zh: 'API 令牌没有个人资料' });
  const userId = actor.userId;
  const { input } = opts;
  if (input.timeZone !== undefined && !isTimeZone(input.timeZone)) {
    throw invalidField(
      'body.timeZone',
      'unknown IANA time zone',
      '不认识的时区（应为 IANA 时区名，如 Asia/Shanghai）',
    );
  }
  return inTransaction(opts.db, opts.ctx, async (uow) => {
    const before = (await findUserById(uow.trx, userId))!;
    await uow.trx
      .updateTable('app_user')
      .set({
        ...(input.locale !== undefined && { locale: input.locale }),
        ...(input.timeZone !== undefined && { time_zone: input.timeZone }),
        ...(input.displayName !== undefined && { display_name: input.displayName }),
        updated_at: new Date(),
      })
      .where('id', '=', userId)
      .execute();
    const after = (await findUserById(uow.trx, userId))!;
    const pick = (u: UserRecord) => ({
      locale: u.locale,
      timeZone: u.time_zone,
      displayName: u.display_name,
    });
    await recordEvent(uow, {
      type: 'user.profile_updated',
      subjectType: 'user',
      subjectId: userId,
      organisationId: before.organisation_id,
      before: pick(before),
      after: pick(after),
    });
    return after;
  });
}
