/**
 * Writes shared by the calendar commands: lock the calendar row, check what a calendar must
 * satisfy as a whole, and bump its revision so every process's cached spec goes stale.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import type { UnitOfWork } from '../../../platform/events/domain-events.ts';
import { AppError, invalidField, notFound } from '../../../platform/http/app-error.ts';
import type { WeeklyHours } from '../calendar-hours.ts';
import type { CalendarRow } from './calendars.repository.ts';
import { enqueueJob } from '../../../platform/jobs/job-queue.ts';

/** The calendar row, locked for the rest of the transaction; 404 when it does not exist. */
export async function lockCalendar(uow: UnitOfWork<Database>, id: number): Promise<CalendarRow> {
  const row = await uow.trx
    .selectFrom('business_calendar')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound('calendar');
  return row;
}

/** Marks the calendar changed (its days count): new revision, new updated_at. */
export async function touchCalendar(uow: UnitOfWork<Database>, id: number): Promise<CalendarRow> {
  const row = await uow.trx
    .updateTable('business_calendar')
    .set((eb) => ({ revision: eb('revision', '+', 1), updated_at: new Date() }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await announceCalendarChange(uow, row);
  return row;
}

/**
 * Due times computed on the old calendar are stale now: a background job (after commit)
 * recomputes them for the open cases on it. The job kind is the contract with its handler.
 */
export async function announceCalendarChange(
  uow: UnitOfWork<Database>,
  row: Pick<CalendarRow, 'id' | 'revision'>,
): Promise<void> {
  await enqueueJob(uow.trx, {
    kind: 'calendar.changed',
    payload: { calendarId: row.id },
    idempotencyKey: `calendar.changed:${row.id}:${row.revision}`,
  });
}

/** Codes are unique: 409 naming the field when another calendar has it. */
export async function assertCodeFree(db: Kysely<Database>, code: string | undefined, selfId?: number) {
  if (!code) return;
  let query = db.selectFrom('business_calendar').select('id').where('code', '=', code);
  if (selfId) query = query.where('id', '!=', selfId);
  if (await query.executeTakeFirst()) {
    throw new AppError('conflict', `code ${code} is taken`, {
      zh: `日历代码 ${code} 已被使用`,
      fieldErrors: [{ field: 'body.code', message: 'already taken', zh: '代码已被使用' }],
    });
  }
}

/** A calendar that is not 7×24 must be open on some weekday, or no due time could ever be reached. */
export function assertHasOpenHours(alwaysOpen: boolean, weeklyHours: WeeklyHours): void {
  if (!alwaysOpen && Object.values(weeklyHours).every((intervals) => intervals.length === 0)) {
    throw invalidField(
      'body.weeklyHours',
      'no open hours on any weekday; set some, or make it 7×24',
      '每周都没有工作时间：请设置工作时间，或设为 7×24',
    );
  }
}
