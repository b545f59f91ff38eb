/**
 * Working hours of a business calendar: per ISO weekday, a sorted list of [start, end)
 * wall-clock intervals ('HH:MM', end up to '24:00'), so a day may have a lunch break.
 * Pure: shared by the calculator, the API contracts and the web forms.
 */

/** One open interval of a day, [start, end) in 'HH:MM' local time. */
export type HourInterval = readonly [start: string, end: string];

export const ISO_WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;
/** '1' is Monday, '7' is Sunday (ISO 8601). */
export type IsoWeekday = (typeof ISO_WEEKDAYS)[number];

/** Open intervals per ISO weekday; an empty list is a closed day. */
export type WeeklyHours = Readonly<Record<IsoWeekday, readonly HourInterval[]>>;

export const DAY_KINDS = ['holiday', 'workday'] as const;
/** holiday: closed although the weekday is open; workday: a make-up working day (调休). */
export type DayKind = (typeof DAY_KINDS)[number];

/** Office hours of a 5×8 day: 09:00–12:00 and 13:00–18:00. */
export const OFFICE_HOURS: readonly HourInterval[] = [
  ['09:00', '12:00'],
  ['13:00', '18:00'],
];

/** The 5×8 week: office hours Monday to Friday, weekends closed. */
export const DEFAULT_WEEKLY_HOURS: WeeklyHours = {
  '1': OFFICE_HOURS,
  '2': OFFICE_HOURS,
  '3': OFFICE_HOURS,
  '4': OFFICE_HOURS,
  '5': OFFICE_HOURS,
  '6': [],
  '7': [],
};

const HHMM = /^(?:([01]\d|2[0-3]):([0-5]\d)|(24):(00))$/;

/** Minutes since local midnight of 'HH:MM' ('24:00' is 1440), or null when malformed. */
export function minuteOfDay(hhmm: string): number | null {
  const m = HHMM.exec(hhmm);
  if (!m) return null;
  return Number(m[1] ?? m[3]) * 60 + Number(m[2] ?? m[4]);
}

/** A problem with one day's intervals: which one (index) and what is wrong, in English and zh-CN. */
export interface IntervalProblem {
  index: number;
  message: string;
  zh: string;
}

/**
 * Checks a day's intervals: 'HH:MM' from 00:00 to 24:00, start before end, sorted and not
 * overlapping (touching is allowed, though a single interval reads better).
 */
export function findIntervalProblem(intervals: readonly HourInterval[]): IntervalProblem | null {
  let previousEnd = -1;
  for (const [index, [start, end]] of intervals.entries()) {
    const s = minuteOfDay(start);
    const e = minuteOfDay(end);
    if (s === null || s === 1440) {
      return {
        index,
        message: `start ${start} is not a time from 00:00 to 23:59`,
        zh: `开始时间 ${start} 应在 00:00 到 23:59 之间`,
      };
    }
    if (e === null) {
      return {
        index,
        message: `end ${end} is not a time from 00:01 to 24:00`,
        zh: `结束时间 ${end} 应在 00:01 到 24:00 之间`,
      };
    }
    if (s >= e) {
      return {
        index,
        message: `start ${start} must be before end ${end}`,
        zh: `开始时间 ${start} 须早于结束时间 ${end}`,
      };
    }
    if (s < previousEnd) {
      return {
        index,
        message: `${start}–${end} overlaps or comes before the previous interval`,
        zh: `${start}–${end} 与上一段重叠或早于上一段`,
      };
    }
    previousEnd = e;
  }
  return null;
}

/** The intervals as [startMinute, endMinute, ...] pairs; assumes they passed the check. */
export function toMinutePairs(intervals: readonly HourInterval[]): number[] {
  const out: number[] = [];
  for (const [start, end] of intervals) out.push(minuteOfDay(start)!, minuteOfDay(end)!);
  return out;
}
