/**
 * China's public holidays and make-up working days (调休) as published by the State Council,
 * from the committed data file (scripts/update-cn-holidays.ts refreshes it).
 */
import data from '../data/cn-holidays.json' with { type: 'json' };
import type { DayKind } from '../calendar-hours.ts';

export interface CnHolidayDay {
  date: string;
  kind: DayKind;
  name: string;
  nameEn: string;
}

/** Where the data comes from, the years it covers, and its days in date order. */
export const CN_HOLIDAYS: { source: string; years: number[]; days: CnHolidayDay[] } = {
  source: data.source,
  years: data.years,
  days: data.days.map(([date, kind, name, nameEn]) => ({
    date: date!,
    kind: kind as DayKind,
    name: name!,
    nameEn: nameEn!,
  })),
};
