/** The console pages of the installed base (product models, assets, import/export, history) screens (each its own chunk). */
import { lazyPage, type ConsolePages } from '../../../web/app/lazy-page.ts';

const assetsListPage = lazyPage(() => import('./assets-list-page.tsx').then((m) => m.AssetsListPage));
const productModelsPage = lazyPage(() =>
  import('./product-models-page.tsx').then((m) => m.ProductModelsPage),
);
const assetDetailPage = lazyPage(() => import('./asset-detail-page.tsx').then((m) => m.AssetDetailPage));

export const assetsPages: ConsolePages = {
  exact: { '/assets': assetsListPage, '/assets/models': productModelsPage },
  patterns: [{ pattern: /^\/assets\/\d+$/, page: assetDetailPage }],
};
