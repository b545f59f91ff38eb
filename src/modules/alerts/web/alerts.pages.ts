/** The console pages of monitoring alerts: the alert queue and the admin screen of alert sources (each its own chunk). */
import { lazyPage, type ConsolePages } from '../../../web/app/lazy-page.ts';

export const alertsPages: ConsolePages = {
  exact: {
    '/alerts': lazyPage(() => import('./alert-list-page.tsx').then((m) => m.AlertListPage)),
    '/admin/alert-sources': lazyPage(() =>
      import('./alert-sources-page.tsx').then((m) => m.AlertSourcesPage),
    ),
  },
  patterns: [],
};
