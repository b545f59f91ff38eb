/** An administrator defines a service level: per priority, targets on a business calendar. */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { AppError, invalidField } from '../../../../platform/http/app-error.ts';
import { inTransaction, recordEvent } from '../../../../platform/events/domain-events.ts';
import type { serviceLevelBody } from '../../contracts.api.ts';
import { contractsPolicy } from '../contracts.policy.ts';

export async function createServiceLevel(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  input: z.output<typeof serviceLevelBody>;
}) {
  if (!contractsPolicy.canWriteServiceLevels(opts.ctx.actor))
    throw new AppError('forbidden', 'administrators only');
  const { input } = opts;
  if (
    await opts.db.selectFrom('service_level').select('id').where('code', '=', input.code).executeTakeFirst()
  ) {
    throw new AppError('conflict', `code ${input.code} is taken`, {
      zh: `服务等级代码 ${input.code} 已被使用`,
      fieldErrors: [{ field: 'body.code', message: 'already taken', zh: '该代码已被使用' }],
    });
  }
  const calendarIds = [...new Set(input.targets.map((t) => t.calendarId))];
  const calendars = await opts.db
    .selectFrom('business_calendar')
    .select('id')
    .where('id', 'in', calendarIds)
    .execute();
  const missing = calendarIds.find((cid) => !calendars.some((c) => c.id === cid));
  if (missing)
    throw invalidField(
      `body.targets.${input.targets.findIndex((t) => t.calendarId === missing)}.calendarId`,
      'no such calendar',
      '没有这个工作日历',
    );
  return inTransaction(opts.db, opts.ctx, async (uow) => {
    const level = await uow.trx
      .insertInto('service_level')
      .values({ code: input.code, name: input.name, name_en: input.nameEn ?? null })
      .returningAll()
      .executeTakeFirstOrThrow();
    await uow.trx
      .insertInto('service_level_target')
      .values(
        input.targets.map((t) => ({
          service_level_id: level.id,
          priority: t.priority,
          calendar_id: t.calendarId,
          response_minutes: t.responseMinutes,
          diagnosis_minutes: t.diagnosisMinutes,
          resolution_minutes: t.resolutionMinutes,
          pause_on_vendor: t.pauseOnVendor,
        })),
      )
      .execute();
    await recordEvent(uow, {
      type: 'service_level.created',
      subjectType: 'service_level',
      subjectId: level.id,
      after: { ...level, targets: input.targets },
    });
    return level.id;
  });
}
