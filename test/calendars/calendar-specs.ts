/** Calendars for the calculator tests: China's 5×8 with the real holiday data, 7×24, and helpers. */
import type { CalendarSpec } from '../../src/modules/calendars/business-time.ts';
import {
  DEFAULT_WEEKLY_HOURS,
  OFFICE_HOURS,
  type DayKind,
  type HourInterval,
  type WeeklyHours,
} from '../../src/modules/calendars/calendar-hours.ts';
import data from '../../src/modules/calendars/data/cn-holidays.json' with { type: 'json' };

/** Holidays and make-up working days of the committed data file, by date. */
export const CN_DAYS: ReadonlyMap<string, DayKind> = new Map(
  data.days.map(([date, kind]) => [date!, kind as DayKind]),
);

/** 5×8 in Asia/Shanghai with every holiday and make-up working day of the data file. */
export const CN_5X8: CalendarSpec = {
  timeZone: 'Asia/Shanghai',
  alwaysOpen: false,
  weeklyHours: DEFAULT_WEEKLY_HOURS,
  workdayHours: OFFICE_HOURS,
  days: CN_DAYS,
};

export const ALWAYS_OPEN: CalendarSpec = { ...CN_5X8, alwaysOpen: true };

/** The same hours every weekday listed, closed on the others. */
export function weekly(hours: HourInterval[], weekdays = [1, 2, 3, 4, 5]): WeeklyHours {
  return Object.fromEntries(
    [1, 2, 3, 4, 5, 6, 7].map((d) => [String(d), weekdays.includes(d) ? hours : []]),
  ) as unknown as WeeklyHours;
}

/** A wall-clock time in Beijing, e.g. at('2026-09-30 16:00'). */
export const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);

/** An instant as Beijing wall-clock time 'YYYY-MM-DD HH:MM'. */
export const beijing = (d: Date) =>
  d.toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 16).replace('T', ' ');
