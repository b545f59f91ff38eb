/**
 * Wall-clock time in an IANA time zone, with nothing but Intl. Local dates are "day numbers"
 * (days since 1970-01-01, like a civil calendar date with no zone); instants map to wall time
 * through the zone's offsets, including daylight saving changes. Offsets are sampled once per
 * UTC day and cached (and the instant of a change found once), because Intl formatting costs
 * microseconds and the escalation engine asks for thousands of due times.
 */

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
/** Offset (minutes east of UTC) at 00:00 UTC of each day number, per zone. */
const dailyOffsets = new Map<string, Map<number, number>>();
const MAX_CACHED_DAYS = 100_000;

function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True for a zone name Intl knows, written the IANA way (Asia/Shanghai, UTC); offsets are refused. */
export function isValidTimeZone(timeZone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/.test(timeZone)) return false;
  try {
    formatterOf(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's own spelling of a valid name ('asia/shanghai' → 'Asia/Shanghai'). */
export function canonicalTimeZone(timeZone: string): string {
  return formatterOf(timeZone).resolvedOptions().timeZone;
}

/** The zone's exact offset from UTC, in minutes, at an instant (one Intl call). */
function exactOffset(timeZone: string, utcMs: number): number {
  const seconds = Math.floor(utcMs / 1000) * 1000;
  const p: Record<string, number> = {};
  for (const part of formatterOf(timeZone).formatToParts(seconds)) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return Math.round((wall - seconds) / MINUTE_MS);
}

/** The offset at 00:00 UTC of day number `day`, cached. */
function offsetAtDayStart(timeZone: string, day: number): number {
  let zone = dailyOffsets.get(timeZone);
  if (!zone) dailyOffsets.set(timeZone, (zone = new Map()));
  let offset = zone.get(day);
  if (offset === undefined) {
    if (zone.size >= MAX_CACHED_DAYS) zone.clear();
    offset = exactOffset(timeZone, day * DAY_MS);
    zone.set(day, offset);
  }
  return offset;
}

/** The zone's offset from UTC in minutes at an instant. */
export function zoneOffsetMinutes(timeZone: string, utcMs: number): number {
  const day = Math.floor(utcMs / DAY_MS);
  const a = offsetAtDayStart(timeZone, day);
  // Zones change offset at most a few times a year: equal offsets at both ends of the UTC day
  // mean no change inside it.
  return a === offsetAtDayStart(timeZone, day + 1) ? a : exactOffset(timeZone, utcMs);
}

/** The offset in force from `from` (an instant; -Infinity for "since ever"). */
export interface OffsetPeriod {
  from: number;
  offset: number;
}

const changeInstants = new Map<string, Map<number, number>>();

/** The instant (to the minute) the offset changes within UTC day `day`, known to hold a change. */
function changeWithin(timeZone: string, day: number): number {
  let zone = changeInstants.get(timeZone);
  if (!zone) changeInstants.set(timeZone, (zone = new Map()));
  let at = zone.get(day);
  if (at === undefined) {
    const before = offsetAtDayStart(timeZone, day);
    let lo = day * DAY_MS; // offset `before` here
    let hi = lo + DAY_MS; // the new offset here
    while (hi - lo > MINUTE_MS) {
      const mid = lo + Math.floor((hi - lo) / 2 / MINUTE_MS) * MINUTE_MS;
      if (exactOffset(timeZone, mid) === before) lo = mid;
      else hi = mid;
    }
    at = hi;
    zone.set(day, at);
  }
  return at;
}

/**
 * The zone's offsets around local day `day`: the one in force before, and each change from
 * the start of UTC day day-1 to the end of day+1 (a local day lies within that window, as
 * offsets stay within ±14 h). One period on all but a few days a year.
 */
export function offsetPeriodsAround(timeZone: string, day: number): OffsetPeriod[] {
  const periods: OffsetPeriod[] = [{ from: -Infinity, offset: offsetAtDayStart(timeZone, day - 1) }];
  for (let k = day - 1; k <= day + 1; k++) {
    const next = offsetAtDayStart(timeZone, k + 1);
    if (next !== periods.at(-1)!.offset) periods.push({ from: changeWithin(timeZone, k), offset: next });
  }
  return periods;
}

/** The local date (day number) of an instant in the zone. */
export function localDayNumber(timeZone: string, utcMs: number): number {
  return Math.floor((utcMs + zoneOffsetMinutes(timeZone, utcMs) * MINUTE_MS) / DAY_MS);
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a day number; 1970-01-01 was a Thursday. */
export function isoWeekdayOf(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** 'YYYY-MM-DD' of a day number. */
export function dayNumberToIso(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The day number of 'YYYY-MM-DD', or null when it is not a real date. */
export function isoToDayNumber(iso: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const date = new Date(ms);
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return ms / DAY_MS;
}

/** The local date 'YYYY-MM-DD' of an instant in the zone. */
export function localDateOf(timeZone: string, at: Date): string {
  return dayNumberToIso(localDayNumber(timeZone, at.getTime()));
}
