/** The console pages of the service contract screens (each its own chunk). */
import { lazyPage, type ConsolePages } from '../../../web/app/lazy-page.ts';

const listPage = lazyPage(() => import('./contract-list-page.tsx').then((m) => m.ContractListPage));
const newPage = lazyPage(() => import('./contract-form-page.tsx').then((m) => m.NewContractPage));
const editPage = lazyPage(() => import('./contract-form-page.tsx').then((m) => m.EditContractPage));
const detailPage = lazyPage(() => import('./contract-detail-page.tsx').then((m) => m.ContractDetailPage));
// Service levels and their escalation matrix live in the admin area.
const serviceLevelListPage = lazyPage(() =>
  import('./service-level-pages.tsx').then((m) => m.ServiceLevelListPage),
);
const serviceLevelDetailPage = lazyPage(() =>
  import('./service-level-pages.tsx').then((m) => m.ServiceLevelDetailPage),
);
const entitlementPage = lazyPage(() => import('./entitlement-page.tsx').then((m) => m.EntitlementPage));

export const contractsPages: ConsolePages = {
  exact: {
    '/contracts': listPage,
    '/contracts/new': newPage,
    '/contracts/entitlement': entitlementPage,
    '/admin/service-levels': serviceLevelListPage,
  },
  patterns: [
    { pattern: /^\/contracts\/\d+$/, page: detailPage },
    { pattern: /^\/contracts\/\d+\/edit$/, page: editPage },
    { pattern: /^\/admin\/service-levels\/\d+$/, page: serviceLevelDetailPage },
  ],
};
