/** Shapes branch rows for the HTTP contract. */
import type { Selectable } from 'kysely';
import type { BranchTable } from './branches.tables.ts';

export function presentBranch(row: Selectable<BranchTable>) {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    region: row.region,
    isHeadquarters: row.is_headquarters,
    vendorDirectDelivery: row.vendor_direct_delivery,
    address: row.address,
    phone: row.phone,
    active: row.active,
  };
}
