/**
 * `tacdesk calendar import --calendar 5x8 --file 2027.txt [--year 2027] [--merge]`: the CLI side
 * of the year import, run as the system. The year defaults to the one most of the file's days
 * fall in; the file is read before any transaction opens.
 */
import { readFile } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import type { Database } from '../../../../app/database-schema.ts';
import { SYSTEM_CONTEXT, type RequestContext } from '../../../../platform/authz/actor.ts';
import { AppError } from '../../../../platform/http/app-error.ts';
import { parseCalendarDayFile, yearOfDays } from '../../calendar-day-file.ts';
import { calendarFileError, importCalendarDays, type CalendarImportSummary } from './import-calendar-days.ts';

export async function runCalendarImportCommand(opts: {
  db: Kysely<Database>;
  calendarCode: string;
  file: string;
  year?: number;
  /** false: add the file's days to the year instead of replacing it (default true). */
  replace?: boolean;
  ctx?: RequestContext;
}): Promise<CalendarImportSummary> {
  const text = await readFile(opts.file, 'utf8');
  const calendar = await opts.db
    .selectFrom('business_calendar')
    .select('id')
    .where('code', '=', opts.calendarCode)
    .executeTakeFirst();
  if (!calendar) throw new AppError('not_found', `no calendar with code ${opts.calendarCode}`);
  const parsed = parseCalendarDayFile(text);
  if (!parsed.ok) throw calendarFileError(opts.file, parsed.errors);
  const year = opts.year ?? yearOfDays(parsed.days);
  if (year === null) throw new AppError('validation_failed', `${opts.file}: no day in the file`);
  return importCalendarDays({
    db: opts.db,
    ctx: opts.ctx ?? SYSTEM_CONTEXT,
    calendarId: calendar.id,
    year,
    text,
    replace: opts.replace ?? true,
    field: opts.file,
  });
}
