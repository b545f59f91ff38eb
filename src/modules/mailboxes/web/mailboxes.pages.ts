/** The console page of the IMAP mailboxes (its own chunk). */
import { lazyPage, type ConsolePages } from '../../../web/app/lazy-page.ts';

export const mailboxesPages: ConsolePages = {
  exact: {
    '/admin/mailboxes': lazyPage(() => import('./mailbox-list-page.tsx').then((m) => m.MailboxListPage)),
  },
  patterns: [],
};
