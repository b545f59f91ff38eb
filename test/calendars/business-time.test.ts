/**
 * Business-time arithmetic, by worked examples a TAC manager can check against a wall calendar
 * (the 2026 National Day and Mid-Autumn holidays with their make-up working days, the lunch
 * break, the weekend, 7×24, daylight saving) and by properties that must hold for any start.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  addBusinessMinutes,
  businessMinutesBetween,
  isOpenAt,
  nextOpenInstant,
  subtractBusinessMinutes,
  workingDaysAfter,
  type CalendarSpec,
} from '../../src/modules/calendars/business-time.ts';
import { ALWAYS_OPEN, CN_DAYS, CN_5X8, at, beijing, weekly } from './calendar-specs.ts';

const add = (spec: CalendarSpec, from: string, minutes: number) =>
  beijing(addBusinessMinutes(spec, at(from), minutes));

describe('5×8 in Beijing over the 2026 holidays (data: 国庆节 Oct 1–7, 中秋节 Sep 25–27)', () => {
  test('the data holds the State Council notice of 2026', () => {
    for (let d = 1; d <= 7; d++) assert.equal(CN_DAYS.get(`2026-10-0${d}`), 'holiday');
    assert.equal(CN_DAYS.get('2026-10-08'), undefined, 'Thursday Oct 8 is a normal working day');
    assert.equal(CN_DAYS.get('2026-09-20'), 'workday', 'Sunday Sep 20 is worked');
    assert.equal(CN_DAYS.get('2026-10-10'), 'workday', 'Saturday Oct 10 is worked');
  });

  test('4 business hours from the last working afternoon before National Day end on Oct 8', () => {
    assert.equal(add(CN_5X8, '2026-09-30 16:00', 240), '2026-10-08 11:00');
    assert.equal(beijing(subtractBusinessMinutes(CN_5X8, at('2026-10-08 11:00'), 240)), '2026-09-30 16:00');
  });

  test('24 business hours from Sep 30 14:00 count the make-up Saturday Oct 10', () => {
    // Sep 30: 4 h; Oct 8: 8 h; Oct 9: 8 h; Oct 10 (worked Saturday): 09–12, 13–14.
    assert.equal(add(CN_5X8, '2026-09-30 14:00', 24 * 60), '2026-10-10 14:00');
  });

  test('a Friday evening case on a make-up weekend is due on that Sunday', () => {
    assert.equal(add(CN_5X8, '2026-09-18 17:00', 120), '2026-09-20 10:00');
    assert.equal(add(CN_5X8, '2026-10-09 17:30', 60), '2026-10-10 09:30');
  });

  test('the Mid-Autumn Friday is skipped', () => {
    assert.equal(add(CN_5X8, '2026-09-24 17:30', 60), '2026-09-28 09:30');
  });

  test('the 2025 holiday (国庆 + 中秋 Oct 1–8, worked Sunday Sep 28) from the same data', () => {
    assert.equal(add(CN_5X8, '2025-09-30 17:00', 120), '2025-10-09 10:00');
    assert.equal(add(CN_5X8, '2025-09-26 17:00', 120), '2025-09-28 10:00');
  });

  test('open time between two instants counts only working hours', () => {
    // Sep 30 (8 h) + Oct 8 and 9 (16 h) + worked Saturday Oct 10 (8 h).
    assert.equal(businessMinutesBetween(CN_5X8, at('2026-09-30 00:00'), at('2026-10-11 00:00')), 32 * 60);
    assert.equal(businessMinutesBetween(CN_5X8, at('2026-10-11 00:00'), at('2026-09-30 00:00')), -32 * 60);
    assert.equal(businessMinutesBetween(CN_5X8, at('2026-10-01 09:00'), at('2026-10-07 18:00')), 0);
  });

  test('open or not', () => {
    assert.equal(isOpenAt(CN_5X8, at('2026-10-08 09:00')), true);
    assert.equal(isOpenAt(CN_5X8, at('2026-10-08 12:30')), false, 'lunch');
    assert.equal(isOpenAt(CN_5X8, at('2026-10-08 18:00')), false, 'closing time is closed');
    assert.equal(isOpenAt(CN_5X8, at('2026-10-05 10:00')), false, 'holiday');
    assert.equal(isOpenAt(CN_5X8, at('2026-10-10 10:00')), true, 'make-up Saturday');
    assert.equal(isOpenAt(CN_5X8, at('2026-10-17 10:00')), false, 'plain Saturday');
    assert.equal(beijing(nextOpenInstant(CN_5X8, at('2026-09-30 18:00'))), '2026-10-08 09:00');
    assert.equal(beijing(nextOpenInstant(CN_5X8, at('2026-10-08 10:15'))), '2026-10-08 10:15');
  });
});

describe('everyday rules', () => {
  test('the lunch break does not count', () => {
    assert.equal(add(CN_5X8, '2026-11-23 11:30', 60), '2026-11-23 13:30');
    assert.equal(add(CN_5X8, '2026-11-23 12:15', 30), '2026-11-23 13:30');
    assert.equal(add(CN_5X8, '2026-11-23 11:00', 60), '2026-11-23 12:00', 'due at the end of the morning');
  });

  test('Friday evening → Monday morning', () => {
    assert.equal(add(CN_5X8, '2026-11-20 19:00', 30), '2026-11-23 09:30');
    assert.equal(add(CN_5X8, '2026-11-20 19:00', 0), '2026-11-23 09:00', '0 minutes: the next opening');
    assert.equal(add(CN_5X8, '2026-11-20 17:30', 60), '2026-11-23 09:30');
    assert.equal(beijing(subtractBusinessMinutes(CN_5X8, at('2026-11-23 09:30'), 60)), '2026-11-20 17:30');
  });

  test('7×24 counts every minute, holidays included', () => {
    assert.equal(add(ALWAYS_OPEN, '2026-10-01 00:00', 96 * 60), '2026-10-05 00:00');
    assert.equal(businessMinutesBetween(ALWAYS_OPEN, at('2026-10-01 00:00'), at('2026-10-02 00:00')), 1440);
    assert.equal(isOpenAt(ALWAYS_OPEN, at('2026-10-01 03:00')), true);
  });

  test('nonsense input is refused, not looped over', () => {
    assert.throws(() => addBusinessMinutes(CN_5X8, new Date(Number.NaN), 10), RangeError);
    assert.throws(() => addBusinessMinutes(CN_5X8, at('2026-11-23 09:00'), -1), RangeError);
    const closed: CalendarSpec = { ...CN_5X8, weeklyHours: weekly([]), days: new Map() };
    assert.throws(() => addBusinessMinutes(closed, at('2026-11-23 09:00'), 1), /no open time/);
    const garbled: CalendarSpec = { ...CN_5X8, workdayHours: [['13:00', '09:00']] };
    assert.throws(() => isOpenAt(garbled, at('2026-11-23 09:00')), /workdayHours\[0\]/);
  });
});

describe('daylight saving time (zones that have it)', () => {
  const newYork: CalendarSpec = {
    timeZone: 'America/New_York',
    alwaysOpen: false,
    weeklyHours: weekly([['09:00', '17:00']]),
    workdayHours: [['09:00', '17:00']],
    days: new Map(),
  };
  // Open only on Sunday nights 01:00–04:00, so the change of clocks falls inside the hours.
  const berlinNight: CalendarSpec = {
    ...newYork,
    timeZone: 'Europe/Berlin',
    weeklyHours: weekly([['01:00', '04:00']], [7]),
  };

  test('hours stay wall-clock hours across the change (New York, Mar 8 2026)', () => {
    const due = addBusinessMinutes(newYork, new Date('2026-03-06T16:00:00-05:00'), 120);
    assert.equal(due.toISOString(), new Date('2026-03-09T10:00:00-04:00').toISOString());
  });

  test('a night with a skipped hour has an hour less, one with a repeated hour an hour more', () => {
    const between = (a: string, b: string) => businessMinutesBetween(berlinNight, new Date(a), new Date(b));
    assert.equal(between('2026-03-28T12:00:00Z', '2026-03-30T00:00:00Z'), 120);
    assert.equal(between('2026-10-24T12:00:00Z', '2026-10-26T00:00:00Z'), 240);
    assert.equal(between('2026-04-04T12:00:00Z', '2026-04-06T00:00:00Z'), 180);
    const spring = addBusinessMinutes(berlinNight, new Date('2026-03-29T01:30:00+01:00'), 60);
    assert.equal(spring.toISOString(), new Date('2026-03-29T03:30:00+02:00').toISOString());
    const autumn = addBusinessMinutes(berlinNight, new Date('2026-10-25T01:00:00+02:00'), 180);
    assert.equal(autumn.toISOString(), new Date('2026-10-25T03:00:00+01:00').toISOString());
  });
});

test('96 business hours across the Spring Festival (speed: bench/business-time.bench.ts)', () => {
  assert.equal(add(CN_5X8, '2026-02-13 10:00', 96 * 60), '2026-03-09 10:00');
});

describe('working days (the RMA return: 10 working days after the good part arrived)', () => {
  test('skip weekends and the National Day week, count the make-up Saturday', () => {
    // Mon 28 Sep → 29, 30 Sep, (1–7 Oct holiday), 8, 9, Sat 10 (make-up), 12, 13, 14, 15, 16 Oct.
    const due = workingDaysAfter(CN_5X8, at('2026-09-28 10:00'), 10);
    assert.equal(due.date, '2026-10-16');
    assert.equal(beijing(due.endsAt), '2026-10-16 18:00');
  });

  test('a receipt on a holiday counts from the next working day', () => {
    assert.equal(workingDaysAfter(CN_5X8, at('2026-10-03 11:00'), 1).date, '2026-10-08');
  });

  test('on a 7×24 calendar every day counts and ends at midnight', () => {
    const due = workingDaysAfter(ALWAYS_OPEN, at('2026-09-30 23:30'), 2);
    assert.equal(due.date, '2026-10-02');
    assert.equal(due.endsAt.toISOString(), '2026-10-02T16:00:00.000Z');
  });

  test('n below 1 is refused', () => {
    assert.throws(() => workingDaysAfter(CN_5X8, at('2026-09-28 10:00'), 0), RangeError);
  });
});
