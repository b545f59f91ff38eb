/** Row type of the integrator's branches/regions. */
import type { Generated } from 'kysely';

export interface BranchTable {
  id: Generated<number>;
  code: string;
  name: string;
  region: string | null;
  is_headquarters: Generated<boolean>;
  vendor_direct_delivery: Generated<boolean>;
  address: string | null;
  phone: string | null;
  active: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface BranchTables {
  branch: BranchTable;
}
