/**
 * Imports a year of public holidays and make-up working days from the plain-text format, all
 * or nothing: a bad line changes nothing, and with `replace` the year's days become exactly
 * the file's in one transaction, so no reader ever sees half a year.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../../app/database-schema.ts';
import type { RequestContext } from '../../../../platform/authz/actor.ts';
import { inTransaction, recordEvent } from '../../../../platform/events/domain-events.ts';
import { AppError } from '../../../../platform/http/app-error.ts';
import { parseCalendarDayFile, type CalendarDayFileError } from '../../calendar-day-file.ts';
import { assertCanWriteCalendars } from '../calendars.policy.ts';
import { daysOfYear } from '../calendars.repository.ts';
import { lockCalendar, touchCalendar } from '../calendar-store.ts';

/** Bad lines reported at most, first one first. */
const MAX_REPORTED = 20;

export interface CalendarImportSummary {
  calendarId: number;
  code: string;
  year: number;
  holidays: number;
  workdays: number;
  /** Days of the year that were there before and are not in the file (replace only). */
  removed: number;
}

/** The 400 for a file with bad lines: the first names the line, up to 20 more follow. */
export function calendarFileError(field: string, errors: CalendarDayFileError[]): AppError {
  const fieldErrors = errors
    .slice(0, MAX_REPORTED)
    .map((e) => ({ field, message: `line ${e.line}: ${e.message}`, zh: `第 ${e.line} 行：${e.zh}` }));
  return new AppError('validation_failed', `${field}: ${fieldErrors[0]!.message}`, {
    zh: `日历文件${fieldErrors[0]!.zh}`,
    fieldErrors,
  });
}

export async function importCalendarDays(opts: {
  db: Kysely<Database>;
  ctx: RequestContext;
  calendarId: number;
  year: number;
  text: string;
  replace: boolean;
  /** Field the line errors are reported on: `body.text` over HTTP, the file name in the CLI. */
  field?: string;
}): Promise<CalendarImportSummary> {
  assertCanWriteCalendars(opts.ctx.actor);
  const field = opts.field ?? 'body.text';
  const parsed = parseCalendarDayFile(opts.text, { year: opts.year });
  if (!parsed.ok) throw calendarFileError(field, parsed.errors);
  const { days } = parsed;
  return inTransaction(opts.db, opts.ctx, async (uow) => {
    const calendar = await lockCalendar(uow, opts.calendarId);
    const before = await daysOfYear(uow.trx, calendar.id, opts.year);
    if (opts.replace) {
      await uow.trx
        .deleteFrom('calendar_day')
        .where('calendar_id', '=', calendar.id)
        .where('date', '>=', `${opts.year}-01-01`)
        .where('date', '<', `${opts.year + 1}-01-01`)
        .execute();
    }
    await uow.trx
      .insertInto('calendar_day')
      .values(
        days.map((d) => ({
          calendar_id: calendar.id,
          date: d.date,
          kind: d.kind,
          name: d.name,
          name_en: d.nameEn,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['calendar_id', 'date']).doUpdateSet((eb) => ({
          kind: eb.ref('excluded.kind'),
          name: eb.ref('excluded.name'),
          name_en: eb.ref('excluded.name_en'),
        })),
      )
      .execute();
    await touchCalendar(uow, calendar.id);
    const after = await daysOfYear(uow.trx, calendar.id, opts.year);
    const inFile = new Set(days.map((d) => d.date));
    const summary: CalendarImportSummary = {
      calendarId: calendar.id,
      code: calendar.code,
      year: opts.year,
      holidays: days.filter((d) => d.kind === 'holiday').length,
      workdays: days.filter((d) => d.kind === 'workday').length,
      removed: opts.replace ? before.filter((d) => !inFile.has(d.date)).length : 0,
    };
    await recordEvent(uow, {
      type: 'calendar.days_imported',
      subjectType: 'business_calendar',
      subjectId: calendar.id,
      before,
      after,
      data: { ...summary, replace: opts.replace },
    });
    return summary;
  });
}
