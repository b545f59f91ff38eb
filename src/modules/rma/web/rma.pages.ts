/** The console pages of the RMA board and detail, and the RMA parts of the case page and portal screens (each its own chunk). */
import { lazyPage, type ConsolePages } from '../../../web/app/lazy-page.ts';

export const rmaPages: ConsolePages = {
  exact: {
    '/rmas': lazyPage(() => import('./rma-board-page.tsx').then((m) => m.RmaBoardPage)),
    '/rmas/report': lazyPage(() => import('./rma-report-page.tsx').then((m) => m.RmaReportPage)),
  },
  patterns: [
    {
      pattern: /^\/rmas\/\d+$/,
      page: lazyPage(() => import('./rma-detail-page.tsx').then((m) => m.RmaDetailPage)),
    },
  ],
};
