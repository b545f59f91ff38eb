/** The console page of the mail quarantine (its own chunk). */
import { lazyPage, type ConsolePages } from '../../../web/app/lazy-page.ts';

export const mailIntakePages: ConsolePages = {
  exact: {
    '/mail/quarantine': lazyPage(() => import('./quarantine-page.tsx').then((m) => m.QuarantinePage)),
  },
  patterns: [],
};
