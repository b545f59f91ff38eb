/** Row types of business calendars and their holidays / make-up working days. */
import type { ColumnType, Generated } from 'kysely';
import type { DayKind, HourInterval, WeeklyHours } from '../calendar-hours.ts';

/** jsonb: read as the parsed value, written as JSON text (the pg driver would turn arrays into SQL arrays). */
type Json<T> = ColumnType<T, string | undefined, string>;

export interface BusinessCalendarTable {
  id: Generated<number>;
  code: string;
  name: string;
  name_en: string;
  time_zone: Generated<string>;
  always_open: Generated<boolean>;
  weekly_hours: Json<WeeklyHours>;
  workday_hours: Json<HourInterval[]>;
  active: Generated<boolean>;
  /** Goes up with every change of the calendar or its days; caches compare it. */
  revision: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface CalendarDayTable {
  calendar_id: number;
  /** 'YYYY-MM-DD' (the date type is read as text). */
  date: string;
  kind: DayKind;
  name: string | null;
  name_en: string | null;
}

export interface CalendarTables {
  business_calendar: BusinessCalendarTable;
  calendar_day: CalendarDayTable;
}
