/**
 * On a fresh installation (no calendar at all), creates the two calendars every TAC needs:
 * `7x24` for the phone hotline and `5x8` (Monday–Friday 09:00–12:00, 13:00–18:00, Asia/Shanghai)
 * with every Chinese public holiday and make-up working day of the data file. Idempotent and
 * safe when several processes start at once: codes are unique and inserts skip taken ones.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../../app/database-schema.ts';
import { SYSTEM_CONTEXT, type RequestContext } from '../../../../platform/authz/actor.ts';
import { inTransaction, recordEvent, type UnitOfWork } from '../../../../platform/events/domain-events.ts';
import { DEFAULT_WEEKLY_HOURS, ISO_WEEKDAYS, OFFICE_HOURS, type HourInterval } from '../../calendar-hours.ts';
import { CN_HOLIDAYS } from '../cn-holiday-data.ts';

const ALL_DAY: HourInterval[] = [['00:00', '24:00']];

const DEFAULTS = [
  {
    code: '7x24',
    name: '全天候 7×24',
    name_en: 'Around the clock 7×24',
    always_open: true,
    // Kept for when someone turns 7×24 off: the hours then still say "all day, every day".
    weekly_hours: Object.fromEntries(ISO_WEEKDAYS.map((d) => [d, ALL_DAY])),
    workday_hours: ALL_DAY,
    withHolidays: false,
  },
  {
    code: '5x8',
    name: '工作日 5×8',
    name_en: 'Working days 5×8',
    always_open: false,
    weekly_hours: DEFAULT_WEEKLY_HOURS,
    workday_hours: OFFICE_HOURS,
    withHolidays: true,
  },
] as const;

async function insertDefault(uow: UnitOfWork<Database>, calendar: (typeof DEFAULTS)[number]) {
  const created = await uow.trx
    .insertInto('business_calendar')
    .values({
      code: calendar.code,
      name: calendar.name,
      name_en: calendar.name_en,
      time_zone: 'Asia/Shanghai',
      always_open: calendar.always_open,
      weekly_hours: JSON.stringify(calendar.weekly_hours),
      workday_hours: JSON.stringify(calendar.workday_hours),
    })
    .onConflict((oc) => oc.column('code').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!created) return null;
  await recordEvent(uow, {
    type: 'calendar.created',
    subjectType: 'business_calendar',
    subjectId: created.id,
    after: created,
  });
  if (!calendar.withHolidays) return created;
  const { days, years, source } = CN_HOLIDAYS;
  await uow.trx
    .insertInto('calendar_day')
    .values(
      days.map((d) => ({
        calendar_id: created.id,
        date: d.date,
        kind: d.kind,
        name: d.name,
        name_en: d.nameEn,
      })),
    )
    .execute();
  await recordEvent(uow, {
    type: 'calendar.days_imported',
    subjectType: 'business_calendar',
    subjectId: created.id,
    data: {
      source,
      years: [years[0], years.at(-1)],
      holidays: days.filter((d) => d.kind === 'holiday').length,
      workdays: days.filter((d) => d.kind === 'workday').length,
    },
  });
  return created;
}

/** Creates `7x24` and `5x8` when no calendar exists yet; returns the codes it created. */
export async function ensureDefaultCalendars(opts: {
  db: Kysely<Database>;
  ctx?: RequestContext;
}): Promise<{ created: string[] }> {
  const existing = await opts.db.selectFrom('business_calendar').select('id').limit(1).executeTakeFirst();
  if (existing) return { created: [] };
  return inTransaction(opts.db, opts.ctx ?? SYSTEM_CONTEXT, async (uow) => {
    const created: string[] = [];
    for (const calendar of DEFAULTS) if (await insertDefault(uow, calendar)) created.push(calendar.code);
    return { created };
  });
}
