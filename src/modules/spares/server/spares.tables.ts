/** Row types of spare parts and stock (see db/migrations/2026-11-22T0820-spare-parts.ts). */
import type { ColumnType, Generated } from 'kysely';
import type {
  PartUnit,
  PurchaseOrderState,
  StockBucket,
  StockMovementKind,
  StockUnitCondition,
  StockUnitState,
} from '../spares-model.ts';

/** A `date` column: read as 'YYYY-MM-DD' text (see the date parser in platform/db). */
type DateColumn = ColumnType<string, string, string>;

export interface WarehouseTable {
  id: Generated<number>;
  code: string;
  name: string;
  name_en: string | null;
  branch_id: number;
  is_hq: Generated<boolean>;
  address: string | null;
  active: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SparePartTable {
  id: Generated<number>;
  part_number: string;
  name: string;
  name_en: string | null;
  vendor: string | null;
  product_model_id: number | null;
  serialised: Generated<boolean>;
  unit: Generated<PartUnit>;
  min_stock: number | null;
  description: string | null;
  active: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface StockUnitTable {
  id: Generated<number>;
  part_id: number;
  serial: string;
  warehouse_id: number | null;
  condition: StockUnitCondition;
  state: StockUnitState;
  case_id: number | null;
  rma_id: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface StockLevelTable {
  warehouse_id: number;
  part_id: number;
  good_on_hand: Generated<number>;
  reserved: Generated<number>;
  faulty_on_hand: Generated<number>;
  updated_at: Generated<Date>;
}

export interface StockMovementTable {
  id: Generated<number>;
  kind: StockMovementKind;
  part_id: number;
  warehouse_id: number;
  to_warehouse_id: number | null;
  quantity: number;
  from_stock: StockBucket | null;
  to_stock: StockBucket | null;
  serial: string | null;
  case_id: number | null;
  rma_id: number | null;
  purchase_order_id: number | null;
  reference: string | null;
  note: string | null;
  actor_user_id: number | null;
  created_at: Generated<Date>;
}

export interface PurchaseOrderTable {
  id: Generated<number>;
  number: string;
  supplier: string;
  warehouse_id: number;
  service_contract_id: number | null;
  project: string | null;
  signed_on: DateColumn | null;
  due_on: DateColumn;
  state: Generated<PurchaseOrderState>;
  ordered_at: Date | null;
  received_at: Date | null;
  cancelled_at: Date | null;
  cancel_reason: string | null;
  due_soon_notified_at: Date | null;
  overdue_notified_at: Date | null;
  note: string | null;
  created_by: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface PurchaseOrderLineTable {
  id: Generated<number>;
  purchase_order_id: number;
  part_id: number;
  quantity_ordered: number;
  quantity_received: Generated<number>;
}

export interface SpareTables {
  warehouse: WarehouseTable;
  spare_part: SparePartTable;
  stock_unit: StockUnitTable;
  stock_level: StockLevelTable;
  stock_movement: StockMovementTable;
  purchase_order: PurchaseOrderTable;
  purchase_order_line: PurchaseOrderLineTable;
}
