/** The spares module's public server surface: routes, the stock functions the RMA flow calls, the reminder job. */
import type { HttpServer } from '../../../platform/http/http-server.ts';
import { registerSparesCatalogueRoutes, type SparesRouteDeps } from './spares.routes.ts';
import { registerStockRoutes } from './stock.routes.ts';
import { registerPurchaseOrderRoutes } from './purchase-orders.routes.ts';

export {
  moveStock,
  type MoveStockContext,
  type MoveStockResult,
  type StockMovementInput,
} from './move-stock.ts';
export type { StockMovementKind } from '../spares-model.ts';
export {
  findPartByNumber,
  hqWarehouse,
  stockOnHand,
  warehouseForBranch,
  type PartRef,
  type StockOnHand,
  type StoreRef,
} from './stock-queries.ts';
export { remindPurchaseOrders } from './purchase-order-reminders.ts';
export type { SpareTables } from './spares.tables.ts';

export function registerSparesModule(app: HttpServer, deps: SparesRouteDeps) {
  registerSparesCatalogueRoutes(app, deps);
  registerStockRoutes(app, deps);
  registerPurchaseOrderRoutes(app, deps);
}
