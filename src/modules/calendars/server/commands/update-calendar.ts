/** An administrator changes a calendar's names, time zone, hours or status. */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { inTransaction, recordEvent } from '../../../../platform/events/domain-events.ts';
import type { calendarPatch } from '../../calendars.api.ts';
import { assertCanWriteCalendars } from '../calendars.policy.ts';
import { weeklyHoursOf } from '../calendars.repository.ts';
import {
  announceCalendarChange,
  assertCodeFree,
  assertHasOpenHours,
  lockCalendar,
} from '../calendar-store.ts';

type Input = z.output<typeof calendarPatch>;

function columns(input: Input) {
  return {
    ...(input.code !== undefined && { code: input.code }),
    ...(input.name !== undefined && { name: input.name }),
    ...(input.nameEn !== undefined && { name_en: input.nameEn }),
    ...(input.timeZone !== undefined && { time_zone: input.timeZone }),
    ...(input.alwaysOpen !== undefined && { always_open: input.alwaysOpen }),
    ...(input.weeklyHours !== undefined && { weekly_hours: JSON.stringify(input.weeklyHours) }),
    ...(input.workdayHours !== undefined && { workday_hours: JSON.stringify(input.workdayHours) }),
    ...(input.active !== undefined && { active: input.active }),
  };
}

export async function updateCalendar(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  id: number;
  input: Input;
}) {
  const { input } = opts;
  assertCanWriteCalendars(opts.ctx.actor);
  await assertCodeFree(opts.db, input.code, opts.id);
  return inTransaction(opts.db, opts.ctx, async (uow) => {
    const before = await lockCalendar(uow, opts.id);
    assertHasOpenHours(input.alwaysOpen ?? before.always_open, input.weeklyHours ?? weeklyHoursOf(before));
    const after = await uow.trx
      .updateTable('business_calendar')
      .set((eb) => ({ ...columns(input), revision: eb('revision', '+', 1), updated_at: new Date() }))
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await announceCalendarChange(uow, after);
    await recordEvent(uow, {
      type: 'calendar.updated',
      subjectType: 'business_calendar',
      subjectId: before.id,
      before,
      after,
    });
    return after;
  });
}
