/**
 * Business-time arithmetic over a calendar: weekly hours in the calendar's time zone, public
 * holidays (closed) and make-up working days (调休, open with the workday hours). Pure: the
 * calendar comes in as data and "now" is always a parameter.
 *
 * The calculators walk local days, never minutes: each day's open intervals are turned into
 * instants once and cached per spec, so a due time 96 business hours out over the Spring
 * Festival costs a few dozen map lookups. A spec must not be changed after its first use;
 * build a new one instead (loadCalendarSpec does, on every change of the calendar).
 */
import {
  findIntervalProblem,
  ISO_WEEKDAYS,
  toMinutePairs,
  type DayKind,
  type HourInterval,
  type WeeklyHours,
} from './calendar-hours.ts';
import {
  dayNumberToIso,
  isoWeekdayOf,
  localDayNumber,
  MINUTE_MS,
  offsetPeriodsAround,
} from './zoned-time.ts';

/** A business calendar as the calculators need it. */
export interface CalendarSpec {
  /** IANA zone the hours are wall-clock times in, e.g. Asia/Shanghai. */
  timeZone: string;
  /** 7×24: every instant is business time; hours and days are ignored. */
  alwaysOpen: boolean;
  weeklyHours: WeeklyHours;
  /** Hours of a make-up working day. */
  workdayHours: readonly HourInterval[];
  /** Days that do not follow the weekly hours, by local date 'YYYY-MM-DD'. */
  days: ReadonlyMap<string, DayKind>;
}

/** Beyond this many closed days in a row the calendar is taken to have no open time at all. */
const MAX_CLOSED_DAYS = 3660;

interface Compiled {
  weekly: number[][];
  workday: number[];
  /** Per local day: open intervals as instants, [start, end, start, end, ...]. */
  schedules: Map<number, number[]>;
}

const compiledSpecs = new WeakMap<CalendarSpec, Compiled>();

/** Minute pairs of valid intervals; a bad one is a RangeError, not a silently wrong due time. */
function pairsOf(intervals: readonly HourInterval[], what: string): number[] {
  const problem = findIntervalProblem(intervals);
  if (problem) throw new RangeError(`${what}[${problem.index}]: ${problem.message}`);
  return toMinutePairs(intervals);
}

function compile(spec: CalendarSpec): Compiled {
  let c = compiledSpecs.get(spec);
  if (!c) {
    const weekly = [[]] as number[][];
    for (const d of ISO_WEEKDAYS) weekly.push(pairsOf(spec.weeklyHours[d] ?? [], `weeklyHours.${d}`));
    c = { weekly, workday: pairsOf(spec.workdayHours, 'workdayHours'), schedules: new Map() };
    compiledSpecs.set(spec, c);
  }
  return c;
}

/**
 * The open intervals of local day `day` as instants: every instant whose wall-clock time falls
 * on that date inside an interval. Around a daylight saving change that is worked out per
 * offset period, so a skipped hour is not open, a repeated hour is open twice, and an interval
 * may come out in two pieces.
 */
function scheduleOf(spec: CalendarSpec, c: Compiled, day: number): number[] {
  let s = c.schedules.get(day);
  if (s) return s;
  const kind = spec.days.get(dayNumberToIso(day));
  const minutes = kind === 'holiday' ? [] : kind === 'workday' ? c.workday : c.weekly[isoWeekdayOf(day)]!;
  s = [];
  if (minutes.length) {
    const periods = offsetPeriodsAround(spec.timeZone, day);
    const pieces: Array<[number, number]> = [];
    for (let i = 0; i < minutes.length; i += 2) {
      const wallStart = (day * 1440 + minutes[i]!) * MINUTE_MS;
      const wallEnd = (day * 1440 + minutes[i + 1]!) * MINUTE_MS;
      for (const [p, period] of periods.entries()) {
        const until = periods[p + 1]?.from ?? Infinity;
        const start = Math.max(wallStart - period.offset * MINUTE_MS, period.from);
        const end = Math.min(wallEnd - period.offset * MINUTE_MS, until);
        if (end > start) pieces.push([start, end]);
      }
    }
    if (periods.length > 1) pieces.sort((a, b) => a[0] - b[0]);
    for (const [start, end] of pieces) {
      if (s.length && s.at(-1) === start) s[s.length - 1] = end;
      else s.push(start, end);
    }
  }
  c.schedules.set(day, s);
  return s;
}

function instantOf(value: Date, name: string): number {
  const t = value instanceof Date ? value.getTime() : Number.NaN;
  if (!Number.isFinite(t)) throw new RangeError(`${name} is not a valid date`);
  return t;
}

function durationOf(minutes: number): number {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`minutes must be ≥ 0, got ${minutes}`);
  return Math.round(minutes * MINUTE_MS);
}

function noOpenTime(): never {
  throw new RangeError(`the calendar has no open time within ${MAX_CLOSED_DAYS} days`);
}

/**
 * The instant the `minutes`-th business minute after `from` ends: always inside open time
 * (possibly at the very end of an interval) and never on a holiday. With 0 minutes, `from`
 * itself if open, otherwise the next opening.
 */
export function addBusinessMinutes(spec: CalendarSpec, from: Date, minutes: number): Date {
  let t = instantOf(from, 'from');
  let left = durationOf(minutes);
  if (spec.alwaysOpen) return new Date(t + left);
  const c = compile(spec);
  let closed = 0;
  // Start a day early: with a daylight saving change at midnight, the previous local day's
  // last interval can still be running.
  for (let day = localDayNumber(spec.timeZone, t) - 1; ; day++) {
    const s = scheduleOf(spec, c, day);
    if (s.length === 0 && ++closed > MAX_CLOSED_DAYS) noOpenTime();
    if (s.length) closed = 0;
    for (let i = 0; i < s.length; i += 2) {
      const end = s[i + 1]!;
      if (end <= t) continue;
      const start = Math.max(s[i]!, t);
      if (left <= end - start) return new Date(start + left); // start < end: 0 minutes is `start`
      left -= end - start;
      t = end;
    }
  }
}

/**
 * The latest instant from which `minutes` business minutes end at `from`: the start of that
 * stretch, inside open time. With 0 minutes, `from` itself. Inverse of addBusinessMinutes
 * for a start inside open time.
 */
export function subtractBusinessMinutes(spec: CalendarSpec, from: Date, minutes: number): Date {
  let t = instantOf(from, 'from');
  let left = durationOf(minutes);
  if (left === 0 || spec.alwaysOpen) return new Date(t - left);
  const c = compile(spec);
  let closed = 0;
  for (let day = localDayNumber(spec.timeZone, t) + 1; ; day--) {
    const s = scheduleOf(spec, c, day);
    if (s.length === 0 && ++closed > MAX_CLOSED_DAYS) noOpenTime();
    if (s.length) closed = 0;
    for (let i = s.length - 2; i >= 0; i -= 2) {
      const start = s[i]!;
      if (start >= t) continue;
      const end = Math.min(s[i + 1]!, t);
      if (left <= end - start) return new Date(end - left);
      left -= end - start;
      t = start;
    }
  }
}

/** Business minutes between two instants (negative when `b` is before `a`): open time only. */
export function businessMinutesBetween(spec: CalendarSpec, a: Date, b: Date): number {
  const from = instantOf(a, 'a');
  const to = instantOf(b, 'b');
  if (to < from) return -businessMinutesBetween(spec, b, a);
  if (spec.alwaysOpen) return (to - from) / MINUTE_MS;
  const c = compile(spec);
  let total = 0;
  const lastDay = localDayNumber(spec.timeZone, to) + 1;
  for (let day = localDayNumber(spec.timeZone, from) - 1; day <= lastDay; day++) {
    const s = scheduleOf(spec, c, day);
    for (let i = 0; i < s.length; i += 2) {
      const overlap = Math.min(s[i + 1]!, to) - Math.max(s[i]!, from);
      if (overlap > 0) total += overlap;
    }
  }
  return total / MINUTE_MS;
}

/** True when `at` is business time: inside an open interval of its local day. */
export function isOpenAt(spec: CalendarSpec, at: Date): boolean {
  const t = instantOf(at, 'at');
  if (spec.alwaysOpen) return true;
  const c = compile(spec);
  const day = localDayNumber(spec.timeZone, t);
  for (let d = day - 1; d <= day; d++) {
    const s = scheduleOf(spec, c, d);
    for (let i = 0; i < s.length; i += 2) if (s[i]! <= t && t < s[i + 1]!) return true;
  }
  return false;
}

/** `at` when it is business time, otherwise the instant the calendar next opens. */
export function nextOpenInstant(spec: CalendarSpec, at: Date): Date {
  return addBusinessMinutes(spec, at, 0);
}

/**
 * The `n`-th working day after the local day of `from` (n ≥ 1; a working day being a day with
 * open time: weekdays, make-up working days, never holidays), and the instant that day's business
 * ends. "Within 10 working days of receipt" is due at the close of the 10th such day. On a 7×24
 * calendar every day counts and a day ends at local midnight.
 */
export function workingDaysAfter(spec: CalendarSpec, from: Date, n: number): { date: string; endsAt: Date } {
  const t = instantOf(from, 'from');
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a whole number ≥ 1, got ${n}`);
  const c = spec.alwaysOpen ? undefined : compile(spec);
  const closeOf = (day: number): number | undefined => {
    if (c) return scheduleOf(spec, c, day).at(-1);
    // Local midnight that starts the next day: the first instant whose local day is past `day`.
    let at = (day + 1) * 1440 * MINUTE_MS - 15 * 60 * MINUTE_MS;
    while (localDayNumber(spec.timeZone, at) <= day) at += 15 * MINUTE_MS;
    return at;
  };
  let day = localDayNumber(spec.timeZone, t);
  let counted = 0;
  for (let guard = 0; guard <= MAX_CLOSED_DAYS + n; guard++) {
    day += 1;
    const end = closeOf(day);
    if (end !== undefined && ++counted === n) return { date: dayNumberToIso(day), endsAt: new Date(end) };
  }
  return noOpenTime();
}
