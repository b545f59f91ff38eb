/** The installed base's public server surface. */
import type { Kysely } from 'kysely';
import type { Database } from '../../../app/database-schema.ts';
import type { HttpServer } from '../../../platform/http/http-server.ts';
import type { FileStore } from '../../../platform/files/file-store.ts';
import { registerProductModelRoutes } from './product-models.routes.ts';
import { registerAssetCrudRoutes } from './assets.routes.ts';
import { registerAssetTransferRoutes } from './asset-transfer.routes.ts';

export { findAssetBySerial, findAssetsBySerial, type FoundAsset } from './find-asset.ts';
export { swapAsset, type SwapAssetInput } from './commands/swap-asset.ts';
export {
  addAssetHistorySource,
  caseReference,
  type AssetHistoryEntry,
  type AssetHistoryQuery,
  type AssetHistorySource,
} from './asset-history.ts';
export { registerAsset } from './commands/register-asset.ts';
export { createProductModel } from './commands/save-product-model.ts';
export { loadVisibleAsset, type AssetRow } from './asset.repository.ts';
export { writeAssetEvents } from './asset-events.ts';

export interface AssetRouteDeps {
  db: Kysely<Database>;
  clock: () => Date;
  files: FileStore;
}

export function registerAssetRoutes(app: HttpServer, deps: AssetRouteDeps) {
  registerProductModelRoutes(app, deps);
  registerAssetTransferRoutes(app, deps);
  registerAssetCrudRoutes(app, deps);
}
