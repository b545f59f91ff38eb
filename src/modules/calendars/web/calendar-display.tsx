/** Small pieces shared by the calendar pages: the name in the UI language, hours and coverage. */
import { WarningOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import { useT } from '../../../web/i18n/i18n-context.tsx';
import type { Locale, Translate } from '../../../web/i18n/translate.ts';
import { ISO_WEEKDAYS } from '../calendar-hours.ts';
import type { Calendar } from './calendars.queries.ts';

export const calendarName = (c: { name: string; nameEn: string }, locale: Locale) =>
  locale === 'en' ? c.nameEn : c.name;

/** "Mon–Fri 09:00–12:00, 13:00–18:00" style summary of the weekly hours, or 7×24. */
export function hoursSummary(calendar: Calendar, t: Translate): string {
  if (calendar.alwaysOpen) return t('calendars.alwaysOpen');
  const groups: { days: string[]; text: string }[] = [];
  for (const day of ISO_WEEKDAYS) {
    const intervals = calendar.weeklyHours[day];
    const text = intervals.length ? intervals.map(([s, e]) => `${s}–${e}`).join(', ') : '';
    const last = groups.at(-1);
    if (last && last.text === text) last.days.push(day);
    else groups.push({ days: [day], text });
  }
  return (
    groups
      .filter((g) => g.text)
      .map((g) => {
        const first = t(`calendars.weekdayShort.${g.days[0]!}` as 'calendars.weekdayShort.1');
        const last = t(`calendars.weekdayShort.${g.days.at(-1)!}` as 'calendars.weekdayShort.1');
        return `${g.days.length > 1 ? `${first}–${last}` : first} ${g.text}`;
      })
      .join('; ') || t('calendars.neverOpen')
  );
}

/** The holiday data coverage: a warning tag naming the years to import, or "until …". */
export function CoverageTag({ calendar }: { calendar: Calendar }) {
  const t = useT();
  if (calendar.alwaysOpen) return <Tag>{t('calendars.coverage.notNeeded')}</Tag>;
  if (calendar.coverage.warning)
    return (
      <Tooltip title={t('calendars.coverage.warningHint')}>
        <Tag color="orange" icon={<WarningOutlined />}>
          {t('calendars.coverage.missing', { years: calendar.coverage.missingYears.join(', ') })}
        </Tag>
      </Tooltip>
    );
  return calendar.coverage.coveredUntil ? (
    <Tag color="green">{t('calendars.coverage.until', { date: calendar.coverage.coveredUntil })}</Tag>
  ) : (
    <Tag>{t('calendars.coverage.none')}</Tag>
  );
}
