/** HTTP contracts for business calendars, their holidays and make-up working days. */
import { codeField } from '../../platform/http/contract-fields.ts';
import { withZh } from '../../platform/http/schema-issue-zh.ts';
import { z } from 'zod';
import { DAY_KINDS, findIntervalProblem, ISO_WEEKDAYS, type IsoWeekday } from './calendar-hours.ts';
import { canonicalTimeZone, isoToDayNumber, isValidTimeZone } from './zoned-time.ts';

export const calendarIdParams = z.object({ id: z.coerce.number().int().positive() });
export const isoDate = z
  .string()
  .refine((v) => isoToDayNumber(v) !== null, withZh('a date as YYYY-MM-DD', '应为日期（YYYY-MM-DD）'));
export const calendarDayParams = calendarIdParams.extend({ date: isoDate });
const year = z.coerce.number().int().min(1970).max(2200);
const optionalText = (max: number) => z.string().trim().max(max).nullish();

/** Time-like input ('9:00', '25:00'): a bounded set of values, so their messages may be registered. */
const TIME_LIKE = /^\d{1,2}:\d{2}$/;

/** One day's open intervals: [['09:00', '12:00'], ['13:00', '18:00']], sorted, not overlapping. */
export const dayHoursInput = z
  .array(z.tuple([z.string(), z.string()]))
  .max(24)
  .superRefine((intervals, ctx) => {
    const problem = findIntervalProblem(intervals);
    if (!problem) return;
    // withZh keeps every message it is given, so only messages quoting time-like input are
    // registered; arbitrary text typed in place of a time is answered in English.
    const quoted = intervals[problem.index]!;
    const message = quoted.every((v) => TIME_LIKE.test(v))
      ? withZh(problem.message, problem.zh)
      : problem.message;
    ctx.addIssue({ code: 'custom', path: [problem.index], message });
  });

/** Open intervals for each ISO weekday '1' (Monday) … '7' (Sunday); all seven are required. */
export const weeklyHoursInput = z.strictObject(
  Object.fromEntries(ISO_WEEKDAYS.map((d) => [d, dayHoursInput])) as Record<IsoWeekday, typeof dayHoursInput>,
);

export const timeZoneInput = z
  .string()
  .trim()
  .max(64)
  .refine(
    isValidTimeZone,
    withZh('not an IANA time zone such as Asia/Shanghai', '不是有效的 IANA 时区（如 Asia/Shanghai）'),
  )
  .transform(canonicalTimeZone);

export const calendarBody = z.object({
  code: codeField,
  name: z.string().trim().min(1).max(100),
  nameEn: z.string().trim().min(1).max(100),
  timeZone: timeZoneInput.optional(),
  alwaysOpen: z.boolean().optional(),
  weeklyHours: weeklyHoursInput.optional(),
  workdayHours: dayHoursInput.optional(),
  active: z.boolean().optional(),
});
export const calendarPatch = calendarBody.partial();

export const calendarQuery = z.object({
  /** Days of this year in the answer; the current year of the calendar's zone when absent. */
  year: year.optional(),
});

export const calendarDayBody = z.object({
  kind: z.enum(DAY_KINDS),
  name: optionalText(100),
  nameEn: optionalText(100),
});

export const calendarImportBody = z.object({
  year,
  /** The plain-text format of calendar-day-file.ts. */
  text: z.string().max(200_000),
  /** true (default): the year's days become exactly the file's; false: the file's days are added. */
  replace: z.boolean().default(true),
});

const intervalOutput = z.tuple([z.string(), z.string()]);
const weeklyHoursOutput = z.object(
  Object.fromEntries(ISO_WEEKDAYS.map((d) => [d, z.array(intervalOutput)])) as Record<
    IsoWeekday,
    z.ZodArray<typeof intervalOutput>
  >,
);

export const calendarDaySchema = z.object({
  date: z.string(),
  kind: z.enum(DAY_KINDS),
  name: z.string().nullable(),
  nameEn: z.string().nullable(),
});

export const calendarCoverageSchema = z.object({
  /** Last day of the last year with holiday data; null when there is none. */
  coveredUntil: z.string().nullable(),
  /** Some of the coming 60 days lie in a year without holiday data (never for 7×24). */
  warning: z.boolean(),
  missingYears: z.array(z.number()),
});

export const calendarSchema = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  timeZone: z.string(),
  alwaysOpen: z.boolean(),
  weeklyHours: weeklyHoursOutput,
  workdayHours: z.array(intervalOutput),
  active: z.boolean(),
  revision: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  coverage: calendarCoverageSchema,
  abilities: z.object({ update: z.boolean() }),
});

export const calendarDetailSchema = calendarSchema.extend({
  year: z.number(),
  days: z.array(calendarDaySchema),
});
