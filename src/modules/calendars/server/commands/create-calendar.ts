/** An administrator adds a business calendar (5×8 office hours in Asia/Shanghai unless told otherwise). */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { inTransaction, recordEvent } from '../../../../platform/events/domain-events.ts';
import { DEFAULT_WEEKLY_HOURS, OFFICE_HOURS } from '../../calendar-hours.ts';
import type { calendarBody } from '../../calendars.api.ts';
import { assertCanWriteCalendars } from '../calendars.policy.ts';
import { assertCodeFree, assertHasOpenHours } from '../calendar-store.ts';

export async function createCalendar(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  input: z.output<typeof calendarBody>;
}) {
  const { input } = opts;
  assertCanWriteCalendars(opts.ctx.actor);
  const weeklyHours = input.weeklyHours ?? DEFAULT_WEEKLY_HOURS;
  assertHasOpenHours(input.alwaysOpen ?? false, weeklyHours);
  await assertCodeFree(opts.db, input.code);
  return inTransaction(opts.db, opts.ctx, async (uow) => {
    const created = await uow.trx
      .insertInto('business_calendar')
      .values({
        code: input.code,
        name: input.name,
        name_en: input.nameEn,
        ...(input.timeZone !== undefined && { time_zone: input.timeZone }),
        ...(input.alwaysOpen !== undefined && { always_open: input.alwaysOpen }),
        weekly_hours: JSON.stringify(weeklyHours),
        workday_hours: JSON.stringify(input.workdayHours ?? weeklyHours['1'] ?? OFFICE_HOURS),
        ...(input.active !== undefined && { active: input.active }),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(uow, {
      type: 'calendar.created',
      subjectType: 'business_calendar',
      subjectId: created.id,
      after: created,
    });
    return created;
  });
}
