/**
 * The plain-text format for a year of public holidays and make-up working days, so an
 * administrator can type in the State Council's notice (usually published in November):
 *
 *   # 2027 国务院办公厅通知
 *   2027-01-01 holiday 元旦 | New Year's Day
 *   2027-02-07 workday 春节调休上班 | Spring Festival make-up working day
 *
 * One day per line: date, kind (holiday or workday), then an optional Chinese name and an
 * optional English name after `|`. `#` starts a comment; blank lines are ignored. Pure.
 */
import { DAY_KINDS, type DayKind } from './calendar-hours.ts';
import { isoToDayNumber } from './zoned-time.ts';

/** One day read from the file, with the line it came from. */
export interface CalendarDayLine {
  line: number;
  date: string;
  kind: DayKind;
  name: string | null;
  nameEn: string | null;
}

/** What is wrong with one line (1-based), in English and zh-CN. */
export interface CalendarDayFileError {
  line: number;
  message: string;
  zh: string;
}

export type CalendarDayFileResult =
  { ok: true; days: CalendarDayLine[] } | { ok: false; errors: CalendarDayFileError[] };

const MAX_NAME = 100;

function parseLine(raw: string, line: number): CalendarDayLine | CalendarDayFileError | null {
  const content = raw.replace(/#.*$/, '').trim();
  if (!content) return null;
  const [head = '', ...english] = content.split('|');
  const [date = '', kind = '', ...name] = head.trim().split(/\s+/);
  if (english.length > 1) return { line, message: 'more than one "|"', zh: '有多个“|”' };
  if (isoToDayNumber(date) === null) {
    return { line, message: `"${date}" is not a date (YYYY-MM-DD)`, zh: `“${date}”不是日期（YYYY-MM-DD）` };
  }
  if (!(DAY_KINDS as readonly string[]).includes(kind)) {
    return {
      line,
      message: `"${kind}" is not a kind of day (holiday or workday)`,
      zh: `“${kind}”不是日期类型（holiday 或 workday）`,
    };
  }
  const zh = name.join(' ') || null;
  const en = english[0]?.trim() || null;
  if ((zh?.length ?? 0) > MAX_NAME || (en?.length ?? 0) > MAX_NAME) {
    return {
      line,
      message: `a name is longer than ${MAX_NAME} characters`,
      zh: `名称超过 ${MAX_NAME} 个字符`,
    };
  }
  return { line, date, kind: kind as DayKind, name: zh, nameEn: en };
}

/**
 * Reads a year's file. With `year`, every date must lie in that year, or in the December
 * before or the January after it (a notice sometimes places a make-up day there), and at
 * least one must lie in the year itself. A date may appear once.
 */
export function parseCalendarDayFile(text: string, opts: { year?: number } = {}): CalendarDayFileResult {
  const errors: CalendarDayFileError[] = [];
  const days: CalendarDayLine[] = [];
  const seen = new Map<string, number>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const parsed = parseLine(raw, index + 1);
    if (!parsed) continue;
    if ('message' in parsed) {
      errors.push(parsed);
      continue;
    }
    const first = seen.get(parsed.date);
    if (first !== undefined) {
      errors.push({
        line: parsed.line,
        message: `${parsed.date} is already on line ${first}`,
        zh: `${parsed.date} 已在第 ${first} 行出现`,
      });
      continue;
    }
    seen.set(parsed.date, parsed.line);
    if (opts.year !== undefined && !nearYear(parsed.date, opts.year)) {
      errors.push({
        line: parsed.line,
        message: `${parsed.date} is not in ${opts.year}`,
        zh: `${parsed.date} 不在 ${opts.year} 年`,
      });
      continue;
    }
    days.push(parsed);
  }
  if (!errors.length && opts.year !== undefined && !days.some((d) => d.date.startsWith(`${opts.year}-`))) {
    errors.push({
      line: lines.length,
      message: `no day of ${opts.year} in the file`,
      zh: `文件中没有 ${opts.year} 年的日期`,
    });
  }
  return errors.length ? { ok: false, errors } : { ok: true, days };
}

function nearYear(date: string, year: number): boolean {
  return (
    date.startsWith(`${year}-`) || date.startsWith(`${year - 1}-12-`) || date.startsWith(`${year + 1}-01-`)
  );
}

/** The year most of the file's days fall in: the year a notice is about. */
export function yearOfDays(days: readonly { date: string }[]): number | null {
  const counts = new Map<number, number>();
  for (const d of days) {
    const y = Number(d.date.slice(0, 4));
    counts.set(y, (counts.get(y) ?? 0) + 1);
  }
  let best: number | null = null;
  for (const [y, n] of counts) if (best === null || n > counts.get(best)!) best = y;
  return best;
}
