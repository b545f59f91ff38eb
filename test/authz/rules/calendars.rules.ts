/** Access rules of business calendars: staff read, administrators write, customer contacts are refused. */
import { next, roles, staffOnly, type RuleSet } from '../access-rules.ts';

export const calendarRules: RuleSet = {
  async setup({ admin }) {
    const calendar = (
      await admin.post('/api/calendars', { code: `WALK${next()}`, name: '巡检日历', nameEn: 'Walk' })
    ).json();
    return { calendar: calendar.id };
  },
  rules: {
    listCalendars: { expect: staffOnly },
    getCalendar: { expect: staffOnly, id: (t) => t.calendar! },
    createCalendar: {
      expect: roles('admin'),
      body: () => ({ code: `C${next()}`, name: '新日历', nameEn: 'New calendar' }),
    },
    updateCalendar: { expect: roles('admin'), id: (t) => t.calendar!, body: () => ({ nameEn: 'Walked' }) },
    // The walk fills in only {id}: administrators get a 400 for the literal {date}, which
    // still shows they got past the access check; everyone else is refused before validation.
    setCalendarDay: { expect: roles('admin'), id: (t) => t.calendar!, body: () => ({ kind: 'holiday' }) },
    removeCalendarDay: { expect: roles('admin'), id: (t) => t.calendar! },
    importCalendarDays: {
      expect: roles('admin'),
      id: (t) => t.calendar!,
      body: () => ({ year: 2030, text: '2030-01-01 holiday 元旦 | New Year' }),
    },
  },
};
