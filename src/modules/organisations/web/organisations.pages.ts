/** The console pages of the customer admin screens (each its own chunk). */
import { lazyPage, type ConsolePages } from '../../../web/app/lazy-page.ts';

const listPage = lazyPage(() => import('./organisation-list-page.tsx').then((m) => m.OrganisationListPage));
const detailPage = lazyPage(() =>
  import('./organisation-detail-page.tsx').then((m) => m.OrganisationDetailPage),
);

export const organisationsPages: ConsolePages = {
  exact: { '/admin/organisations': listPage },
  patterns: [{ pattern: /^\/admin\/organisations\/\d+$/, page: detailPage }],
};
