/**
 * Cost of the business-time calculator the escalation engine calls per case: adding 96 business
 * hours on a 5×8 calendar across the 2026 Spring Festival, against a same-run baseline of adding
 * the same span on a 7×24 calendar (plain arithmetic). Run:
 *   npm exec -- node bench/business-time.bench.ts
 * Writes bench/results/business-time.json.
 */
import fs from 'node:fs/promises';
import { addBusinessMinutes, type CalendarSpec } from '../src/modules/calendars/business-time.ts';
import { DEFAULT_WEEKLY_HOURS, OFFICE_HOURS } from '../src/modules/calendars/calendar-hours.ts';
import data from '../src/modules/calendars/data/cn-holidays.json' with { type: 'json' };

const days = new Map(
  (data.days as Array<[string, 'holiday' | 'workday']>).map(([date, kind]) => [date, kind]),
);
const cn5x8: CalendarSpec = {
  timeZone: 'Asia/Shanghai',
  alwaysOpen: false,
  weeklyHours: DEFAULT_WEEKLY_HOURS,
  workdayHours: OFFICE_HOURS,
  days,
};
const always: CalendarSpec = { ...cn5x8, alwaysOpen: true };
const from = new Date('2026-02-13T02:00:00Z');
const RUNS = 200_000;

function measure(spec: CalendarSpec): number {
  for (let i = 0; i < 5_000; i++)
    addBusinessMinutes(spec, new Date(from.getTime() + (i % 480) * 60_000), 96 * 60);
  const started = process.hrtime.bigint();
  for (let i = 0; i < RUNS; i++)
    addBusinessMinutes(spec, new Date(from.getTime() + (i % 480) * 60_000), 96 * 60);
  return Number(process.hrtime.bigint() - started) / 1000 / RUNS;
}

const samples = Array.from({ length: 5 }, () => ({ baseline: measure(always), calendar: measure(cn5x8) }));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const result = {
  bench: 'business-time',
  node: process.version,
  runs: RUNS,
  microsPerCall: {
    baseline7x24: median(samples.map((s) => s.baseline)),
    cn5x8SpringFestival: median(samples.map((s) => s.calendar)),
  },
  ratio: median(samples.map((s) => s.calendar / s.baseline)),
  at: new Date().toISOString(),
};
await fs.mkdir(new URL('./results/', import.meta.url), { recursive: true });
await fs.writeFile(new URL('./results/business-time.json', import.meta.url), JSON.stringify(result, null, 2));
console.log(JSON.stringify(result, null, 2));
