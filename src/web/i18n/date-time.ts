/**
 * Dates and times as the user reads them: in the time zone of their account (`Me.timeZone`, e.g. a
 * Shanghai engineer on a laptop left in UTC), not the browser's. The zone is a module-level setting,
 * like dayjs's locale, set by the route guard as soon as the session is known.
 */

let displayTimeZone: string | undefined;
const formats = new Map<string, Intl.DateTimeFormat>();

function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Shows every later date in `timeZone` (an IANA name); undefined or an unknown name: the browser's. */
export function setDisplayTimeZone(timeZone: string | undefined): void {
  if (timeZone === displayTimeZone) return;
  displayTimeZone = timeZone && isTimeZone(timeZone) ? timeZone : undefined;
}

export function getDisplayTimeZone(): string | undefined {
  return displayTimeZone;
}

function format(withTime: boolean): Intl.DateTimeFormat {
  const key = `${displayTimeZone ?? ''}|${withTime}`;
  let formatter = formats.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone: displayTimeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' as const } : {}),
    });
    formats.set(key, formatter);
  }
  return formatter;
}

function parts(iso: string | Date, withTime: boolean): Record<string, string> | null {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(date.getTime())) return null;
  const out: Record<string, string> = {};
  for (const part of format(withTime).formatToParts(date)) out[part.type] = part.value;
  return out;
}

/** "2026-11-22 09:05" in the display time zone: the same in both languages, sortable at a glance. */
export function formatDateTime(iso: string | Date): string {
  const p = parts(iso, true);
  return p ? `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}` : '—';
}

/** "2026-11-22" in the display time zone. */
export function formatDate(iso: string | Date): string {
  const p = parts(iso, false);
  return p ? `${p.year}-${p.month}-${p.day}` : '—';
}
