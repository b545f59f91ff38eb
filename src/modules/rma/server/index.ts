/** The RMA module's public server surface. */
export { registerRmaRoutes } from './rma.routes.ts';
export { watchRmaReturns } from './rma-returns.ts';
export type { RmaTables } from './rma.tables.ts';
