/** Row types of the installed base: product models, assets and their history. */
import type { ColumnType, Generated } from 'kysely';
import type { AssetEventKind, AssetState, ProductCategory } from '../asset-status.ts';

export { ASSET_STATES, PRODUCT_CATEGORIES } from '../asset-status.ts';
export type { AssetEventKind, AssetState, ProductCategory };

/** A `date` column: read as 'YYYY-MM-DD' text (see the date parser in platform/db). */
type DateColumn = ColumnType<string, string, string>;

export interface ProductModelTable {
  id: Generated<number>;
  vendor: string;
  model: string;
  part_number: string | null;
  category: ProductCategory;
  description: string | null;
  warranty_months: number | null;
  active: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface AssetTable {
  id: Generated<number>;
  product_model_id: number;
  vendor: string;
  serial: string;
  organisation_id: number;
  site_id: number | null;
  installed_on: DateColumn | null;
  warranty_ends_on: DateColumn | null;
  state: Generated<AssetState>;
  replaces_asset_id: number | null;
  notes: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface AssetEventTable {
  id: Generated<number>;
  asset_id: number;
  kind: AssetEventKind;
  case_id: number | null;
  other_asset_id: number | null;
  actor_user_id: number | null;
  data: unknown;
  created_at: Generated<Date>;
}

export interface AssetTables {
  product_model: ProductModelTable;
  asset: AssetTable;
  asset_event: AssetEventTable;
}
