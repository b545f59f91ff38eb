/** An administrator removes a holiday or make-up working day: the date follows the weekly hours again. */
import type { Kysely } from 'kysely';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { inTransaction, recordEvent } from '../../../../platform/events/domain-events.ts';
import { notFound } from '../../../../platform/http/app-error.ts';
import { assertCanWriteCalendars } from '../calendars.policy.ts';
import { lockCalendar, touchCalendar } from '../calendar-store.ts';

export async function removeCalendarDay(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  calendarId: number;
  /** 'YYYY-MM-DD', already validated. */
  date: string;
}): Promise<void> {
  assertCanWriteCalendars(opts.ctx.actor);
  await inTransaction(opts.db, opts.ctx, async (uow) => {
    const calendar = await lockCalendar(uow, opts.calendarId);
    const removed = await uow.trx
      .deleteFrom('calendar_day')
      .where('calendar_id', '=', calendar.id)
      .where('date', '=', opts.date)
      .returningAll()
      .executeTakeFirst();
    if (!removed) throw notFound('calendar day');
    await touchCalendar(uow, calendar.id);
    await recordEvent(uow, {
      type: 'calendar.day_removed',
      subjectType: 'business_calendar',
      subjectId: calendar.id,
      before: removed,
    });
  });
}
