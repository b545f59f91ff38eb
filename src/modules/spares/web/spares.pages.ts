/** The console pages of the spare stores, stock and purchase order screens (each its own chunk). */
import { lazyPage, type ConsolePages } from '../../../web/app/lazy-page.ts';

const stockLevelsPage = lazyPage(() => import('./stock-levels-page.tsx').then((m) => m.StockLevelsPage));
const stockMovementsPage = lazyPage(() =>
  import('./stock-movements-page.tsx').then((m) => m.StockMovementsPage),
);
const partsPage = lazyPage(() => import('./parts-page.tsx').then((m) => m.PartsPage));
const warehousesPage = lazyPage(() => import('./warehouses-page.tsx').then((m) => m.WarehousesPage));
const purchaseOrdersPage = lazyPage(() =>
  import('./purchase-orders-page.tsx').then((m) => m.PurchaseOrdersPage),
);
const purchaseOrderPage = lazyPage(() =>
  import('./purchase-order-page.tsx').then((m) => m.PurchaseOrderPage),
);
const stockReportPage = lazyPage(() => import('./stock-report-page.tsx').then((m) => m.StockReportPage));

export const sparesPages: ConsolePages = {
  exact: {
    '/stock': stockLevelsPage,
    '/stock/movements': stockMovementsPage,
    '/stock/parts': partsPage,
    '/stock/warehouses': warehousesPage,
    '/stock/purchase-orders': purchaseOrdersPage,
    '/stock/report': stockReportPage,
  },
  patterns: [{ pattern: /^\/stock\/purchase-orders\/\d+$/, page: purchaseOrderPage }],
};
