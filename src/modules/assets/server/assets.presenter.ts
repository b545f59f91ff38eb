/** Product models and assets as the API answers them, trimmed to what the caller may see. */
import type { Selectable } from 'kysely';
import type { Actor } from '../../../platform/authz/actor.ts';
import { dateTimeFormat } from '../../../platform/time/date-format.ts';
import { ASSET_STATE_LABELS, CATEGORY_LABELS } from '../asset-status.ts';
import type { ProductModelTable } from './assets.tables.ts';
import type { AssetRow } from './asset.repository.ts';
import { assetsPolicy } from './assets.policy.ts';

/** The calendar day in Beijing (the service centre's day: warranty ends, installation dates). */
export function beijingDay(now: Date): string {
  return dateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

export function presentProductModel(
  row: Selectable<ProductModelTable> & { asset_count: number | string | bigint },
  actor: Actor,
) {
  return {
    id: row.id,
    vendor: row.vendor,
    model: row.model,
    partNumber: row.part_number,
    category: row.category,
    categoryLabel: CATEGORY_LABELS[row.category],
    description: row.description,
    warrantyMonths: row.warranty_months,
    active: row.active,
    assetCount: Number(row.asset_count),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    abilities: { update: assetsPolicy.canWriteModels(actor) },
  };
}

export function presentAsset(row: AssetRow, actor: Actor, today: string) {
  return {
    id: row.id,
    vendor: row.vendor,
    serial: row.serial,
    model: {
      id: row.product_model_id,
      model: row.model,
      partNumber: row.part_number,
      category: row.category,
      categoryLabel: CATEGORY_LABELS[row.category],
    },
    organisation: { id: row.organisation_id, name: row.organisation_name },
    site: row.site_id !== null ? { id: row.site_id, name: row.site_name ?? '' } : null,
    installedOn: row.installed_on,
    warrantyEndsOn: row.warranty_ends_on,
    inWarranty: row.warranty_ends_on ? row.warranty_ends_on >= today : null,
    state: row.state,
    stateLabel: ASSET_STATE_LABELS[row.state],
    replacesAssetId: row.replaces_asset_id,
    replacedByAssetId: row.replaced_by_asset_id ?? null,
    notes: assetsPolicy.canSeeInternal(actor) ? row.notes : null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    abilities: { update: assetsPolicy.canWrite(actor) },
  };
}
