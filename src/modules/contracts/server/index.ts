/** The contracts module's public server surface. */
export { registerContractRoutes } from './contracts.routes.ts';
export { lookUpEntitlement, serviceDay, type EntitlementQuery } from './entitlement.ts';
export { uncoverMovedAsset } from './contract-checks.ts';
export { createServiceLevel } from './commands/create-service-level.ts';
export { createContract } from './commands/create-contract.ts';
export { updateContract } from './commands/update-contract.ts';
export { changeContractState } from './commands/change-contract-state.ts';
export { renewContract } from './commands/renew-contract.ts';
export { recordDowntimeExtension } from './commands/record-downtime-extension.ts';
export { runContractsDaily, remindRenewals, expireEndedContracts } from './contracts-daily.ts';
