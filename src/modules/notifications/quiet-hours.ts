/**
 * Quiet hours: when a message that falls due may go. The hours a person can be reached are a
 * business calendar in their time zone (the complement of the quiet range each day, no weekend
 * days when weekends are quiet), so the calendars' calculator answers "is it quiet now" and "when
 * does it end", overnight ranges and daylight saving included. Pure: `now` is a parameter.
 */
import { isOpenAt, nextOpenInstant, type CalendarSpec } from '../calendars/business-time.ts';
import type { HourInterval } from '../calendars/calendar-hours.ts';
import { isValidTimeZone } from '../calendars/zoned-time.ts';
import type { QuietHours } from './notification-preferences.api.ts';

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const interval = (from: string, to: string): HourInterval[] => (from < to ? [[from, to]] : []);
const specs = new Map<string, CalendarSpec>();

function reachableHours(q: QuietHours, timeZone: string): CalendarSpec {
  const key = `${timeZone}|${q.start}|${q.end}|${q.weekends}`;
  let spec = specs.get(key);
  if (!spec) {
    // 22:00–08:00 leaves 08:00–22:00; 12:00–14:00 leaves the rest of the day.
    const day =
      q.start < q.end
        ? [...interval('00:00', q.start), ...interval(q.end, '24:00')]
        : interval(q.end, q.start);
    const weekend = q.weekends ? [] : day;
    spec = {
      timeZone,
      alwaysOpen: false,
      weeklyHours: { '1': day, '2': day, '3': day, '4': day, '5': day, '6': weekend, '7': weekend },
      workdayHours: day,
      days: new Map(),
    };
    if (specs.size > 1000) specs.clear();
    specs.set(key, spec);
  }
  return spec;
}

/**
 * Null when `now` is outside the quiet hours; otherwise the instant they end. The person's time
 * zone, or Asia/Shanghai when theirs is not one the runtime knows.
 */
export function quietUntil(quiet: QuietHours, timeZone: string | null, now: Date): Date | null {
  const zone = timeZone && isValidTimeZone(timeZone) ? timeZone : DEFAULT_TIME_ZONE;
  const spec = reachableHours(quiet, zone);
  return isOpenAt(spec, now) ? null : nextOpenInstant(spec, now);
}
