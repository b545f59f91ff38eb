/** The contracts module's public server surface. */
export { registerContractRoutes } from './contracts.routes.ts';
export { lookUpEntitlement, serviceDay } from './entitlement.ts';
export { createServiceLevel } from './commands/create-service-level.ts';
export { createContract } from './commands/create-contract.ts';
