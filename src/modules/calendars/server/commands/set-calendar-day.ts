/** An administrator marks one date of a calendar as a holiday or a make-up working day. */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { inTransaction, recordEvent } from '../../../../platform/events/domain-events.ts';
import type { calendarDayBody } from '../../calendars.api.ts';
import { assertCanWriteCalendars } from '../calendars.policy.ts';
import { lockCalendar, touchCalendar } from '../calendar-store.ts';

export async function setCalendarDay(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  calendarId: number;
  /** 'YYYY-MM-DD', already validated. */
  date: string;
  input: z.output<typeof calendarDayBody>;
}) {
  assertCanWriteCalendars(opts.ctx.actor);
  return inTransaction(opts.db, opts.ctx, async (uow) => {
    const calendar = await lockCalendar(uow, opts.calendarId);
    const before = await uow.trx
      .selectFrom('calendar_day')
      .selectAll()
      .where('calendar_id', '=', calendar.id)
      .where('date', '=', opts.date)
      .executeTakeFirst();
    const values = {
      kind: opts.input.kind,
      name: opts.input.name ?? null,
      name_en: opts.input.nameEn ?? null,
    };
    const after = await uow.trx
      .insertInto('calendar_day')
      .values({ calendar_id: calendar.id, date: opts.date, ...values })
      .onConflict((oc) => oc.columns(['calendar_id', 'date']).doUpdateSet(values))
      .returningAll()
      .executeTakeFirstOrThrow();
    await touchCalendar(uow, calendar.id);
    await recordEvent(uow, {
      type: 'calendar.day_set',
      subjectType: 'business_calendar',
      subjectId: calendar.id,
      before: before ?? null,
      after,
    });
    return after;
  });
}
