/**
 * Properties of business-time arithmetic over random calendars (several intervals a day,
 * random holidays and make-up working days, zones with daylight saving, half-hour and
 * midnight changes), random starts and random durations; and a minute-by-minute oracle
 * built on Intl alone that the day-stepping calculator must agree with.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  addBusinessMinutes,
  businessMinutesBetween,
  isOpenAt,
  nextOpenInstant,
  subtractBusinessMinutes,
  type CalendarSpec,
} from '../../src/modules/calendars/business-time.ts';
import type { DayKind, HourInterval, WeeklyHours } from '../../src/modules/calendars/calendar-hours.ts';
import { localDateOf } from '../../src/modules/calendars/zoned-time.ts';
import { CN_5X8 } from './calendar-specs.ts';

const ZONES = [
  'Asia/Shanghai',
  'Europe/Berlin',
  'America/New_York',
  'Australia/Lord_Howe', // half-hour daylight saving
  'America/Santiago', // changes at midnight: some days start at 01:00, some have two 23:00s
  'Pacific/Chatham', // +12:45 / +13:45
];
const FROM = Date.UTC(2025, 0, 1);
const TO = Date.UTC(2027, 11, 31);
const hhmm = (quarter: number) =>
  `${String(Math.floor(quarter / 4)).padStart(2, '0')}:${String((quarter % 4) * 15).padStart(2, '0')}`;

/** A day's intervals: sorted, distinct quarter-hour boundaries taken in pairs. */
const dayHours = fc
  .uniqueArray(fc.integer({ min: 0, max: 96 }), { maxLength: 6 })
  .map((bounds): HourInterval[] => {
    const sorted = [...bounds].sort((a, b) => a - b);
    const out: HourInterval[] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) out.push([hhmm(sorted[i]!), hhmm(sorted[i + 1]!)]);
    return out;
  });

const instant = fc.integer({ min: FROM, max: TO }).map((ms) => new Date(ms));
const minuteInstant = fc.integer({ min: FROM / 60_000, max: TO / 60_000 }).map((m) => new Date(m * 60_000));

const calendar: fc.Arbitrary<CalendarSpec> = fc
  .record({
    timeZone: fc.constantFrom(...ZONES),
    week: fc.array(dayHours, { minLength: 7, maxLength: 7 }),
    workdayHours: dayHours,
    days: fc.array(fc.tuple(instant, fc.constantFrom<DayKind>('holiday', 'workday')), { maxLength: 120 }),
  })
  .filter((r) => r.week.some((d) => d.length > 0))
  .map((r) => ({
    timeZone: r.timeZone,
    alwaysOpen: false,
    weeklyHours: Object.fromEntries(r.week.map((d, i) => [String(i + 1), d])) as unknown as WeeklyHours,
    workdayHours: r.workdayHours,
    days: new Map(r.days.map(([d, kind]) => [localDateOf(r.timeZone, d), kind])),
  }));
const calendars = fc.oneof(calendar, fc.constant(CN_5X8));
const minutes = fc.integer({ min: 0, max: 60 * 24 * 40 });
const RUNS = { numRuns: 300 };

describe('business-time properties', () => {
  test('adding then subtracting N business minutes returns a start inside open time', () => {
    fc.assert(
      fc.property(calendars, instant, minutes, (spec, anyStart, n) => {
        const start = nextOpenInstant(spec, anyStart);
        const due = addBusinessMinutes(spec, start, n);
        assert.equal(subtractBusinessMinutes(spec, due, n).getTime(), start.getTime());
      }),
      RUNS,
    );
  });

  test('a due time is never outside hours nor on a holiday', () => {
    fc.assert(
      fc.property(calendars, instant, minutes, (spec, from, n) => {
        const due = addBusinessMinutes(spec, from, n);
        // The minute that ends at the due time was open (with 0 minutes: the due time itself is).
        const last = new Date(due.getTime() - (n > 0 ? 1 : 0));
        assert.ok(isOpenAt(spec, last), `${last.toISOString()} is closed`);
        assert.notEqual(spec.days.get(localDateOf(spec.timeZone, last)), 'holiday');
        assert.ok(due.getTime() >= from.getTime());
      }),
      RUNS,
    );
  });

  test('the business minutes between a start and its due time are exactly N', () => {
    fc.assert(
      fc.property(calendars, instant, minutes, (spec, from, n) => {
        assert.equal(businessMinutesBetween(spec, from, addBusinessMinutes(spec, from, n)), n);
      }),
      RUNS,
    );
  });

  test('counting is additive and adding is monotonic', () => {
    fc.assert(
      fc.property(
        calendars,
        fc.array(instant, { minLength: 3, maxLength: 3 }),
        minutes,
        minutes,
        (spec, xs, m, n) => {
          const [a, b, c] = xs.sort((x, y) => x.getTime() - y.getTime()) as [Date, Date, Date];
          const sum = businessMinutesBetween(spec, a, b) + businessMinutesBetween(spec, b, c);
          assert.ok(Math.abs(sum - businessMinutesBetween(spec, a, c)) < 1e-6);
          const [lo, hi] = m <= n ? [m, n] : [n, m];
          assert.ok(addBusinessMinutes(spec, a, lo).getTime() <= addBusinessMinutes(spec, a, hi).getTime());
        },
      ),
      RUNS,
    );
  });

  test('make-up working days count and holidays do not (China 5×8, 2004–2026)', () => {
    const dayOf = fc.integer({
      min: Date.UTC(2004, 0, 1) / 86_400_000,
      max: Date.UTC(2026, 11, 31) / 86_400_000,
    });
    fc.assert(
      fc.property(dayOf, (day) => {
        const date = new Date(day * 86_400_000).toISOString().slice(0, 10);
        const midnight = new Date(`${date}T00:00:00+08:00`);
        const next = new Date(midnight.getTime() + 86_400_000);
        const weekday = ((day + 3) % 7) + 1;
        const kind = CN_5X8.days.get(date);
        const expected = kind === 'workday' || (kind !== 'holiday' && weekday <= 5) ? 480 : 0;
        assert.equal(businessMinutesBetween(CN_5X8, midnight, next), expected, date);
      }),
      { numRuns: 2000 },
    );
  });
});

/** Open or not, minute by minute, read straight off Intl's wall clock: slow, obviously right. */
function oracleMinutes(spec: CalendarSpec, from: Date, to: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: spec.timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    weekday: 'short',
  });
  const weekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  let open = 0;
  for (let t = from.getTime(); t < to.getTime(); t += 60_000) {
    const p = Object.fromEntries(parts.formatToParts(t).map((x) => [x.type, x.value]));
    const date = `${p.year}-${p.month}-${p.day}`;
    const minute = Number(p.hour) * 60 + Number(p.minute);
    const kind = spec.days.get(date);
    const hours =
      kind === 'holiday'
        ? []
        : kind === 'workday'
          ? spec.workdayHours
          : spec.weeklyHours[String(weekdays.indexOf(p.weekday!) + 1) as '1'];
    const toMin = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3));
    if (hours.some(([s, e]) => toMin(s) <= minute && minute < toMin(e))) open++;
  }
  return open;
}

/** UTC days (as instants) in which each zone's offset changes, 2025–2027. */
function offsetChanges(timeZone: string): number[] {
  const offset = (t: number) => {
    const p = Object.fromEntries(
      new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
        .formatToParts(t)
        .map((x) => [x.type, x.value]),
    );
    return p.timeZoneName;
  };
  const out: number[] = [];
  for (let t = FROM; t < TO; t += 86_400_000) if (offset(t) !== offset(t + 86_400_000)) out.push(t);
  return out;
}
const CHANGES = new Map(ZONES.map((z) => [z, offsetChanges(z)]));

test('the calculator agrees with a minute-by-minute oracle, daylight saving days included', () => {
  assert.ok(CHANGES.get('Europe/Berlin')!.length === 6 && CHANGES.get('Asia/Shanghai')!.length === 0);
  // Mostly spans that start within two days of one of the zone's clock changes.
  const cases = calendar.chain((spec) => {
    const changes = CHANGES.get(spec.timeZone)!;
    const near = changes.length
      ? fc
          .tuple(fc.constantFrom(...changes), fc.integer({ min: -2 * 1440, max: 2 * 1440 }))
          .map(([t, m]) => new Date(t + m * 60_000))
      : minuteInstant;
    return fc.tuple(fc.constant(spec), fc.oneof({ weight: 4, arbitrary: near }, minuteInstant));
  });
  fc.assert(
    fc.property(cases, fc.integer({ min: 0, max: 3 * 1440 }), ([spec, from], span) => {
      const to = new Date(from.getTime() + span * 60_000);
      assert.equal(businessMinutesBetween(spec, from, to), oracleMinutes(spec, from, to));
    }),
    { numRuns: 100 },
  );
});
