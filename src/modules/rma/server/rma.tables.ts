/** Row type of the RMA (see db/migrations/2026-11-22T0830-rma.ts). */
import type { Generated } from 'kysely';
import type { RmaState } from '../rma-status.ts';

export interface RmaTable {
  id: Generated<number>;
  number: string;
  case_id: number;
  organisation_id: number;
  branch_id: number | null;
  warehouse_id: number;
  asset_id: number;
  faulty_serial: string;
  part_id: number;
  quantity: Generated<number>;
  reason: string;
  state: RmaState;
  source: 'branch_stock' | 'vendor' | null;
  requested_by: number | null;
  confirmed_at: Date | null;
  confirmed_by_user_id: number | null;
  confirmed_by_contact_id: number | null;
  confirmation_note: string | null;
  issued_serial: string | null;
  issued_at: Date | null;
  vendor_rma_number: string | null;
  vendor_rma_opened_at: Date | null;
  route: 'direct' | 'via_hq' | null;
  good_serial: string | null;
  good_warehouse_id: number | null;
  good_received_at: Date | null;
  replaced_at: Date | null;
  new_asset_id: number | null;
  faulty_received_at: Date | null;
  return_due_at: Date | null;
  return_reminded_at: Date | null;
  return_escalated_at: Date | null;
  returned_at: Date | null;
  return_waybill: string | null;
  closed_at: Date | null;
  cancelled_at: Date | null;
  cancel_reason: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface RmaTables {
  rma: RmaTable;
}
