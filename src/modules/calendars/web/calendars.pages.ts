/** The console pages of the calendar admin screens (each its own chunk). */
import { lazyPage, type ConsolePages } from '../../../web/app/lazy-page.ts';

const listPage = lazyPage(() => import('./calendar-list-page.tsx').then((m) => m.CalendarListPage));
const detailPage = lazyPage(() => import('./calendar-detail-page.tsx').then((m) => m.CalendarDetailPage));

export const calendarsPages: ConsolePages = {
  exact: { '/admin/calendars': listPage },
  patterns: [{ pattern: /^\/admin\/calendars\/\d+$/, page: detailPage }],
};
