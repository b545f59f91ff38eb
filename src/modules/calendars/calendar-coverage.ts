/**
 * Whether a calendar knows its holidays far enough ahead. Holidays and make-up working days
 * are published a year at a time; a calendar without the coming year's data would count a
 * public holiday as a working day, so the UI warns in time to import the next notice. Pure.
 */
import { DAY_MS, localDateOf } from './zoned-time.ts';

/** How far ahead a calendar must know its days before it warns. */
export const COVERAGE_HORIZON_DAYS = 60;

/** coveredUntil: last day of the last year with data; missingYears: years in the horizon without data. */
export interface CalendarCoverage {
  coveredUntil: string | null;
  warning: boolean;
  missingYears: number[];
}

/**
 * Coverage of a calendar with day data for `yearsWithData`, seen at `now` in its own time zone:
 * a warning when some year touched by the coming 60 days has no data (7×24 calendars never warn).
 */
export function calendarCoverage(opts: {
  alwaysOpen: boolean;
  timeZone: string;
  yearsWithData: readonly number[];
  now: Date;
}): CalendarCoverage {
  const last = opts.yearsWithData.length ? Math.max(...opts.yearsWithData) : null;
  const firstYear = Number(localDateOf(opts.timeZone, opts.now).slice(0, 4));
  const horizon = new Date(opts.now.getTime() + COVERAGE_HORIZON_DAYS * DAY_MS);
  const lastYear = Number(localDateOf(opts.timeZone, horizon).slice(0, 4));
  const missingYears: number[] = [];
  if (!opts.alwaysOpen) {
    for (let y = firstYear; y <= lastYear; y++) if (!opts.yearsWithData.includes(y)) missingYears.push(y);
  }
  return {
    coveredUntil: last === null ? null : `${last}-12-31`,
    warning: missingYears.length > 0,
    missingYears,
  };
}
