/**
 * Access rules of the installed base: staff read product models and assets; installed-base
 * managers maintain models and import; they, the hotline and field engineers register and correct
 * assets. A contact reads its own organisation's assets (list, export, one, history) and never
 * learns that another organisation's asset exists (404).
 */
import {
  INSTALLED_BASE_MANAGER_ROLES,
  ASSET_WRITER_ROLES,
} from '../../../src/modules/assets/asset-status.ts';
import { next, orgRead, orgWrite, roles, signedIn, staffOnly, type RuleSet } from '../access-rules.ts';

const managers = roles(...INSTALLED_BASE_MANAGER_ROLES);

export const assetRules: RuleSet = {
  async setup({ admin, targets }) {
    const model = (
      await admin.post('/api/product-models', {
        vendor: 'Huawei',
        model: `S5735-WALK-${next()}`,
        category: 'network',
        warrantyMonths: 36,
      })
    ).json();
    const asset = (
      await admin.post('/api/assets', {
        productModelId: model.id,
        serial: `WALK${next()}`.toUpperCase(),
        organisationId: targets.orgA,
        installedOn: '2025-01-01',
      })
    ).json();
    return { productModel: model.id, asset: asset.id };
  },
  rules: {
    listProductModels: { expect: staffOnly },
    getProductModel: { expect: staffOnly, id: (t) => t.productModel! },
    createProductModel: {
      expect: managers,
      body: () => ({ vendor: 'H3C', model: `S6520-${next()}`, category: 'network' }),
    },
    updateProductModel: {
      expect: managers,
      id: (t) => t.productModel!,
      body: () => ({ description: '巡检更新' }),
    },
    listAssets: { expect: signedIn },
    exportAssets: { expect: signedIn },
    assetImportTemplate: { expect: managers },
    // The walk sends no upload: an allowed caller reaches the use case and gets 400 for the missing file.
    importAssets: { expect: managers, body: () => ({}) },
    getAsset: { expect: orgRead, id: (t) => t.asset! },
    getAssetHistory: { expect: orgRead, id: (t) => t.asset! },
    registerAsset: {
      expect: roles(...ASSET_WRITER_ROLES),
      body: (t) => ({
        productModelId: t.productModel,
        serial: `REG${next()}`.toUpperCase(),
        organisationId: t.orgA,
      }),
    },
    updateAsset: {
      expect: orgWrite(...ASSET_WRITER_ROLES),
      id: (t) => t.asset!,
      body: () => ({ notes: '机房 B 区 3 排' }),
    },
  },
};
